export { servicesConfig, REPO_ROOT, type Profile, type ServicesConfig } from './config';
export { startServices, stopServices, servicesStatus, installServers, type Services } from './services';
