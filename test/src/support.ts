import { Client, Connection } from '@temporalio/client';
import { provided } from '@opscycle/storage/testing';

export { connectTestDatabase, provided, uniqueName } from '@opscycle/storage/testing';

export async function temporalClient(): Promise<{ client: Client; connection: Connection }> {
  const connection = await Connection.connect({ address: provided('temporalAddress') });
  return { client: new Client({ connection, namespace: provided('temporalNamespace') }), connection };
}
