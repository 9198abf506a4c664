/**
 * Records the histories the replay test replays: the most recent completed run of each OpsCycle
 * workflow type on a server where the workflow tests just ran. Run after a deliberate, versioned
 * change (see workflows/VERSIONING.md):
 *   TEMPORAL_ADDRESS=127.0.0.1:7633 npx tsx test/src/workflows/histories/record.ts
 * After a patch, record only the patched type next to its old history (the old one must still replay):
 *   TYPES=payoutRunWorkflow SUFFIX=v2-dealSnapshot npx tsx test/src/workflows/histories/record.ts
 */
import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WORKFLOW_TYPES } from '@opscycle/workflows/messages';

const here = dirname(fileURLToPath(import.meta.url));
/** Only runs of the current code: started after SINCE (default: the last 30 minutes). */
const since = process.env.SINCE ?? new Date(Date.now() - 30 * 60_000).toISOString();
const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7633' });
const client = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
try {
  const types = process.env.TYPES?.split(',') ?? Object.values(WORKFLOW_TYPES);
  const suffix = process.env.SUFFIX ? `.${process.env.SUFFIX}` : '';
  for (const type of types) {
    let longest: { workflowId: string; runId: string; historyLength: number } | undefined;
    let seen = 0;
    for await (const run of client.workflow.list({
      query: `WorkflowType = "${type}" AND ExecutionStatus = "Completed" AND StartTime > "${since}"`,
    })) {
      if (!longest || run.historyLength > longest.historyLength) longest = run;
      if (++seen >= 50) break;
    }
    if (!longest) throw new Error(`no completed ${type} on the server: run the workflow tests first`);
    const history = await client.workflow.getHandle(longest.workflowId, longest.runId).fetchHistory();
    // The workflow id is part of what replays: child ids derive from it.
    const recorded = {
      workflowId: longest.workflowId,
      history: JSON.parse(historyToJSON(history)) as unknown,
    };
    await writeFile(join(here, `${type}${suffix}.json`), `${JSON.stringify(recorded, null, 2)}\n`);
    console.log(`${type}: ${longest.workflowId} (${longest.historyLength} events)`);
  }
} finally {
  await connection.close();
}
