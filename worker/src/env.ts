/** Where the worker finds its servers; `npm start` and the tests set these from the launcher. */
export function workerEnv(env: NodeJS.ProcessEnv = process.env) {
  return {
    temporalAddress: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    namespace: env.TEMPORAL_NAMESPACE ?? 'default',
    mongoUri: env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/',
    dbName: env.OPSCYCLE_DB ?? 'opscycle',
  };
}
