import { servicesConfig, type Profile } from './config';
import { installServers, servicesStatus, startServices, stopServices } from './services';

const usage = 'usage: npm run services -- <install|start|status|stop> [--profile dev|test]';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const profileIndex = rest.indexOf('--profile');
  const profile = (profileIndex >= 0 ? rest[profileIndex + 1] : 'dev') as Profile;
  if (profile !== 'dev' && profile !== 'test')
    throw new Error(`unknown profile ${String(profile)}; ${usage}`);
  const config = servicesConfig(profile);
  switch (command) {
    case 'install': {
      const { temporal, mongo } = await installServers();
      console.log(`temporal: ${temporal}\nmongo:    ${mongo}`);
      return 0;
    }
    case 'start': {
      const services = await startServices({ profile });
      console.log(`temporal: ${services.temporalAddress} (namespace ${services.namespace})`);
      if (services.temporalUiUrl) console.log(`temporal ui: ${services.temporalUiUrl}`);
      console.log(`mongo:    ${services.mongoUri}`);
      console.log(`data:     ${config.dataDir}`);
      return 0;
    }
    case 'status': {
      const statuses = await servicesStatus(config);
      for (const s of statuses)
        console.log(`${s.name.padEnd(9)} ${s.pid ? `pid ${s.pid}` : 'no pid'}  ${s.detail}`);
      return statuses.every((s) => s.ready) ? 0 : 1;
    }
    case 'stop': {
      const stopped = await stopServices(config);
      console.log(stopped.length ? `stopped: ${stopped.join(', ')}` : 'nothing to stop');
      return 0;
    }
    default:
      console.error(usage);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`services: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
