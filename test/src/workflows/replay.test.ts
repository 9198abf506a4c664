import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { WORKFLOW_TYPES } from '@opscycle/workflows/messages';

const historiesDir = join(dirname(fileURLToPath(import.meta.url)), 'histories');

/**
 * Histories recorded from real runs (histories/record.ts) replayed against today's workflow code:
 * a change that alters the commands a recorded run produced fails here, in CI, before it can break
 * running cycles. Intentional changes go behind `patched()` (workflows/VERSIONING.md).
 */
describe('workflow replay', () => {
  it('replays every recorded history with the current workflow bundle', async () => {
    const files = (await readdir(historiesDir)).filter((f) => f.endsWith('.json')).sort();
    // One recorded history per workflow type at least, so a new workflow cannot skip this check.
    expect(files.map((f) => f.replace(/\.json$/, ''))).toEqual(
      expect.arrayContaining(Object.values(WORKFLOW_TYPES)),
    );
    const histories = await Promise.all(
      files.map(async (file) => {
        const recorded = JSON.parse(await readFile(join(historiesDir, file), 'utf8')) as {
          workflowId: string;
          history: unknown;
        };
        return { workflowId: recorded.workflowId, history: historyFromJSON(recorded.history) };
      }),
    );
    const failures: string[] = [];
    let replayed = 0;
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: { codePath: inject('workflowBundlePath') } },
      histories,
    )) {
      replayed++;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(files.length);
  });
});
