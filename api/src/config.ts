import { randomBytes } from 'node:crypto';

/** The API process's settings; the same variable names as the worker's and the launcher's. */
export function apiEnv(env: NodeJS.ProcessEnv = process.env) {
  return {
    port: Number(env.OPSCYCLE_API_PORT ?? 3000),
    host: env.OPSCYCLE_API_HOST ?? '127.0.0.1',
    temporalAddress: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    namespace: env.TEMPORAL_NAMESPACE ?? 'default',
    mongoUri: env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/',
    dbName: env.OPSCYCLE_DB ?? 'opscycle',
    /** Without a configured secret, tokens are signed with a per-process key (valid until restart). */
    jwtSecret: env.OPSCYCLE_JWT_SECRET ?? randomBytes(32).toString('hex'),
    jwtSecretConfigured: env.OPSCYCLE_JWT_SECRET !== undefined,
  };
}
