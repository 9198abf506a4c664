import mongoose from 'mongoose';

/**
 * One mongoose connection per process (API or worker), created from MONGODB_URI.
 * `strictQuery` drops filter keys that are not in a schema, one of the guards against
 * NoSQL injection next to never passing user objects as filters.
 */
export async function connectStorage(uri: string, dbName: string): Promise<mongoose.Connection> {
  mongoose.set('strictQuery', true);
  const connection = mongoose.createConnection(uri, { dbName, autoIndex: true });
  await connection.asPromise();
  return connection;
}
