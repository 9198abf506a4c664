export { buildApp } from './app';
export type { AppDeps, RegisteredRoute, RestrictedRoute } from './context';
export type { Access, Scope, Subject } from './auth/access';
export { DEMO_PASSWORD, demoUsername, seedDemoUsers, upsertUser, type NewUser } from './auth/users';
export { apiEnv } from './config';
export { seedDemoRuleSets } from './ruleSets/demo';
