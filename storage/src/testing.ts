import mongoose from 'mongoose';
import { inject, type ProvidedContext } from 'vitest';

// Test support only (`@opscycle/storage/testing`): storage's own tests, the worker's and test/ use it, so it
// sits in the lowest package that knows the database; production code never imports it.

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    runId: string;
  }
}

/**
 * What the integration project's global setup provides. The unit project provides nothing: a test that
 * needs a server fails here at once, naming the fix, instead of timing out or skipping.
 */
export function provided<K extends keyof ProvidedContext>(key: K): ProvidedContext[K] {
  const value = inject(key) as ProvidedContext[K] | undefined;
  if (value === undefined) {
    throw new Error(
      `no "${key}": this test needs the servers, so it belongs to the integration project ` +
        '(name it *.int.test.ts, or put it under test/; see README "Tests")',
    );
  }
  return value;
}

/**
 * Per-file isolation on shared real servers: every name carries the run id and the file's own
 * label, so files never see each other's databases or task queues.
 */
export function uniqueName(label: string): string {
  const safe = label.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40);
  return `${safe}_${provided('runId')}_${Math.random().toString(36).slice(2, 8)}`;
}

export async function connectTestDatabase(label: string): Promise<mongoose.Connection> {
  const connection = mongoose.createConnection(provided('mongoUri'), { dbName: uniqueName(label) });
  await connection.asPromise();
  return connection;
}
