import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTES } from '@opscycle/domain';
import { join } from 'node:path';
import { resolveTemporalCli } from './binaries';
import type { ServicesConfig } from './config';
import { assertPortFree, runningPid, startDetached, waitUntilReady, type ManagedProcess } from './processes';

export const TEMPORAL = 'temporal';

/** Ready means a client connects and the namespace describes: the server accepts work. */
export async function probeTemporal(address: string, namespace: string): Promise<void> {
  const connection = await Connection.connect({ address, connectTimeout: 2_000 });
  try {
    await connection.workflowService.describeNamespace({ namespace });
  } finally {
    await connection.close();
  }
}

/**
 * Registers OpsCycle's search attributes on any server (the dev server or an existing cluster),
 * adding only the missing ones so it is safe to repeat.
 */
export async function ensureSearchAttributes(address: string, namespace: string): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    const known = new Set([
      ...Object.keys(existing.customAttributes ?? {}),
      ...Object.keys(existing.systemAttributes ?? {}),
    ]);
    const indexedValueType = { Int: 2, Keyword: 1, Text: 0, Double: 3, Bool: 4, Datetime: 5 } as const;
    const missing = Object.entries(SEARCH_ATTRIBUTES).filter(([name]) => !known.has(name));
    if (missing.length === 0) return;
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map(([name, type]) => [name, indexedValueType[type]])),
    });
  } finally {
    await connection.close();
  }
}

export async function startTemporal(config: ServicesConfig): Promise<ManagedProcess | undefined> {
  const { host, port, uiPort, headless, namespace } = config.temporal;
  const address = `${host}:${port}`;
  if (runningPid(config.dataDir, TEMPORAL) !== undefined) {
    await waitUntilReady('Temporal', () => probeTemporal(address, namespace));
    return undefined;
  }
  await assertPortFree(host, port, 'Temporal', 'OPSCYCLE_TEMPORAL_PORT');
  if (!headless) await assertPortFree(host, uiPort, 'the Temporal UI', 'OPSCYCLE_TEMPORAL_UI_PORT');
  const cli = await resolveTemporalCli();
  const args = [
    'server',
    'start-dev',
    '--ip',
    host,
    '--port',
    String(port),
    '--db-filename',
    join(config.dataDir, 'temporal.sqlite'),
    '--log-level',
    'warn',
    ...(headless ? ['--headless'] : ['--ui-port', String(uiPort)]),
    ...Object.entries(SEARCH_ATTRIBUTES).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]),
  ];
  const managed = startDetached(config.dataDir, TEMPORAL, cli.path, args);
  await waitUntilReady('Temporal', () => probeTemporal(address, namespace), { log: managed.logFile });
  return managed;
}
