import mongoose from 'mongoose';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { resolveMongoServer } from './binaries';
import type { ServicesConfig } from './config';
import { assertPortFree, runningPid, startDetached, waitUntilReady, type ManagedProcess } from './processes';

export const MONGO = 'mongo';

/** Ready means the server answers `ping` through mongoose, the driver OpsCycle uses. */
export async function probeMongo(uri: string): Promise<void> {
  const connection = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 2_000 });
  try {
    await connection.asPromise();
    await connection.db!.admin().ping();
  } finally {
    await connection.close();
  }
}

export async function startMongo(config: ServicesConfig): Promise<ManagedProcess | undefined> {
  const { host, port } = config.mongo;
  const uri = `mongodb://${host}:${port}/`;
  if (runningPid(config.dataDir, MONGO) !== undefined) {
    await waitUntilReady('MongoDB-wire server', () => probeMongo(uri));
    return undefined;
  }
  await assertPortFree(host, port, 'the MongoDB-wire server', 'OPSCYCLE_MONGO_PORT');
  const server = await resolveMongoServer();
  const dbPath = join(config.dataDir, server.kind === 'ferretdb' ? 'ferretdb' : 'mongod');
  mkdirSync(dbPath, { recursive: true });
  const args =
    server.kind === 'ferretdb'
      ? ['-listen', `${host}:${port}`, '-data', dbPath]
      : ['--bind_ip', host, '--port', String(port), '--dbpath', dbPath, '--quiet'];
  const managed = startDetached(config.dataDir, MONGO, server.path, args);
  await waitUntilReady('MongoDB-wire server', () => probeMongo(uri), { log: managed.logFile });
  return managed;
}
