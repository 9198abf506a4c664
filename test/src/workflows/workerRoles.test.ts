import type { Client, Connection } from '@temporalio/client';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadApprovalState, upsertOrgUnits, upsertPeople } from '@opscycle/storage';
import type { approvalWorkflow } from '@opscycle/workflows';
import {
  approvalStateQuery,
  approvalWorkflowId,
  approveUpdate,
  WORKFLOW_TYPES,
} from '@opscycle/workflows/messages';
import { aBudgetApproval } from '../builders';
import { connectTestDatabase, temporalClient, uniqueName } from '../support';
import { withTestWorker } from '../testWorker';
import { aSmallOrg, eventually } from './fixtures';

/**
 * Scaled out, workflows and activities run in different processes (OPSCYCLE_WORKER_ROLE): here the
 * production entry point `worker/src/main.ts` runs only activities, and a worker in this test only
 * workflows, so every activity of the approval below can only have run in the other process.
 */
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const taskQueue = uniqueName('worker-roles');

let db: mongoose.Connection;
let activityProcess: ChildProcess;
let processOutput = '';
let client: Client;
let clientConnection: Connection;

beforeAll(async () => {
  db = await connectTestDatabase('worker-roles');
  const org = aSmallOrg();
  await upsertOrgUnits(db, org.units);
  await upsertPeople(db, org.people);
  activityProcess = spawn(process.execPath, ['--import', 'tsx', 'worker/src/main.ts'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_NAMESPACE: inject('temporalNamespace'),
      MONGODB_URI: inject('mongoUri'),
      OPSCYCLE_DB: db.name,
      OPSCYCLE_TASK_QUEUE: taskQueue,
      OPSCYCLE_WORKER_ROLE: 'activities',
    },
  });
  activityProcess.stdout?.on('data', (chunk: Buffer) => (processOutput += chunk.toString()));
  activityProcess.stderr?.on('data', (chunk: Buffer) => (processOutput += chunk.toString()));
  ({ client, connection: clientConnection } = await temporalClient());
}, 60_000);

afterAll(async () => {
  if (activityProcess.exitCode === null) {
    const exited = new Promise((resolve) => activityProcess.once('exit', resolve));
    activityProcess.kill('SIGKILL');
    await exited;
  }
  await clientConnection.close();
  await db.dropDatabase();
  await db.close();
});

withTestWorker(() => ({ taskQueue }));

describe('worker roles', () => {
  it('runs an approval with its activities in an activities-only worker process', async () => {
    const approvalId = uniqueName('budget');
    const handle = await client.workflow.start<typeof approvalWorkflow>(WORKFLOW_TYPES.approval, {
      taskQueue,
      workflowId: approvalWorkflowId(approvalId),
      args: [aBudgetApproval(approvalId)],
    });
    // resolveApprovalChain ran in the other process: it found the approvers in this database.
    const pending = await eventually(
      () => handle.query(approvalStateQuery),
      (s) => s.status === 'pending',
      45_000,
    );
    expect(pending.assigneeIds).toEqual(['m-east']);
    expect(processOutput).toContain(`[worker] activities: polling ${taskQueue}`);

    for (const actorId of ['m-east', 'fin'])
      await handle.executeUpdate(approveUpdate, {
        args: [{ decisionId: `${approvalId}-${actorId}`, actorId }],
        updateId: `${approvalId}-${actorId}`,
      });
    expect((await handle.result()).status).toBe('approved');
    // saveApprovalState ran there too: the mirror the API reads holds the final state.
    const mirrored = await eventually(
      () => loadApprovalState(db, approvalId),
      (s) => s?.status === 'approved',
    );
    expect(mirrored?.decisions.map((d) => d.actorId)).toEqual(['m-east', 'fin']);
  }, 90_000);
});
