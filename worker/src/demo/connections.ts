import { Client, Connection } from '@temporalio/client';
import type mongoose from 'mongoose';
import { connectStorage } from '@opscycle/storage';
import { workerEnv } from '../env';

/** For the demo's one-shot steps (`npm start`): Mongo and a Temporal client from the worker's env, closed after. */
export async function withDemoConnections<T>(
  run: (client: Client, connection: mongoose.Connection) => Promise<T>,
): Promise<T> {
  const env = workerEnv();
  const connection = await connectStorage(env.mongoUri, env.dbName);
  try {
    const temporal = await Connection.connect({ address: env.temporalAddress });
    try {
      return await run(new Client({ connection: temporal, namespace: env.namespace }), connection);
    } finally {
      await temporal.close();
    }
  } finally {
    await connection.close();
  }
}
