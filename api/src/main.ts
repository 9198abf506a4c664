import { Client, Connection } from '@temporalio/client';
import { connectStorage, rebuildApprovalInbox } from '@opscycle/storage';
import { buildApp } from './app';
import { apiEnv, ConfigError } from './config';

// The API process (`npm start` runs it): connects to Mongo and Temporal, then listens.
const env = (() => {
  try {
    return apiEnv();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`[api] refusing to start: ${error.message}`);
    process.exit(1);
  }
})();
const connection = await connectStorage(env.mongoUri, env.dbName);
// Approvals mirrored before the inbox existed reach their assignees' inboxes (idempotent).
await rebuildApprovalInbox(connection);
const temporalConnection = await Connection.connect({ address: env.temporalAddress });
const temporal = new Client({ connection: temporalConnection, namespace: env.namespace });
const app = await buildApp({
  connection,
  temporal,
  jwtSecret: env.jwtSecret,
  logger: { level: 'info' },
  publicDocs: process.env.NODE_ENV !== 'production',
  ...(env.temporalUiUrl ? { temporalUiUrl: env.temporalUiUrl } : {}),
});
if (env.jwtSecretSource === 'process')
  app.log.warn('OPSCYCLE_JWT_SECRET is not set: tokens are valid until this process restarts');

const close = async () => {
  await app.close();
  await temporalConnection.close();
  await connection.close();
  process.exit(0);
};
process.on('SIGINT', () => void close());
process.on('SIGTERM', () => void close());

await app.listen({ port: env.port, host: env.host });
