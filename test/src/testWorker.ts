import { DefaultLogger, NativeConnection, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import { afterAll, beforeAll } from 'vitest';
import { activityInterceptors, type ExportTarget } from '@opscycle/worker';
import { provided } from './support';

/** The production worker's interceptors are always on: tests see failures as the worker reports them. */
export type TestWorkerOptions = Omit<
  WorkerOptions,
  'connection' | 'namespace' | 'workflowBundle' | 'workflowsPath' | 'interceptors'
>;

export interface TestWorker {
  /** Shuts the worker down, waits for it to finish, and closes its connection. */
  stop(): Promise<void>;
}

/** For workers whose runs never reach a payout export: one would fail, loudly. */
export const NO_PAYOUT_EXPORTS: ExportTarget = {
  csvDir: '/nonexistent',
  webhookUrl: 'http://127.0.0.1:9/unused',
  webhookSecret: 'unused',
};

let runtimeInstalled = false;
/** Worker state changes at INFO drown test output; warnings and errors still show. */
function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  runtimeInstalled = true;
}

/** A running Worker on the real server, with the workflow bundle built once by the global setup. */
export async function startTestWorker(options: TestWorkerOptions): Promise<TestWorker> {
  installQuietRuntime();
  const connection = await NativeConnection.connect({ address: provided('temporalAddress') });
  const worker = await Worker.create({
    ...options,
    connection,
    namespace: provided('temporalNamespace'),
    interceptors: activityInterceptors,
    workflowBundle: { codePath: provided('workflowBundlePath') },
  });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

/**
 * The file's worker: starts before its tests and stops after them. Call it after the hooks that create
 * what its options use (a database, a receiver): hooks run in that order and are undone in reverse, so the
 * worker starts after them and stops before them. `options` is read when the worker starts.
 */
export function withTestWorker(options: () => TestWorkerOptions | Promise<TestWorkerOptions>): void {
  let started: TestWorker | undefined;
  beforeAll(async () => {
    started = await startTestWorker(await options());
  });
  afterAll(async () => {
    await started?.stop();
  });
}
