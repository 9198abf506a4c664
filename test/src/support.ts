import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import mongoose from 'mongoose';
import { inject } from 'vitest';

/**
 * Per-file isolation on shared real servers: every name carries the run id and the file's own
 * label, so files never see each other's databases or task queues.
 */
export function uniqueName(label: string): string {
  const safe = label.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40);
  return `${safe}_${inject('runId')}_${Math.random().toString(36).slice(2, 8)}`;
}

export async function connectTestDatabase(label: string): Promise<mongoose.Connection> {
  const connection = mongoose.createConnection(inject('mongoUri'), { dbName: uniqueName(label) });
  await connection.asPromise();
  return connection;
}

export async function temporalClient(): Promise<{ client: Client; connection: Connection }> {
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  return { client: new Client({ connection, namespace: inject('temporalNamespace') }), connection };
}

let runtimeInstalled = false;
/** Worker state changes at INFO drown test output; warnings and errors still show. */
function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  runtimeInstalled = true;
}

/** A Worker on the real server with the workflow bundle built once by the global setup. */
export async function createTestWorker(
  options: Omit<WorkerOptions, 'connection' | 'namespace' | 'workflowBundle' | 'workflowsPath'>,
): Promise<{ worker: Worker; connection: NativeConnection }> {
  installQuietRuntime();
  const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  const worker = await Worker.create({
    ...options,
    connection,
    namespace: inject('temporalNamespace'),
    workflowBundle: { codePath: inject('workflowBundlePath') },
  });
  return { worker, connection };
}
