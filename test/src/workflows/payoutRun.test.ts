import { WorkflowExecutionAlreadyStartedError, type Client, type Connection } from '@temporalio/client';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PayeePayout, PayoutRunInput } from '@opscycle/domain';
import { deliveredExportIds, loadStatements, upsertOrgUnits, upsertPeople } from '@opscycle/storage';
import { createApprovalActivities, createPayoutActivities, partitionOf } from '@opscycle/worker';
import type { payoutRunWorkflow } from '@opscycle/workflows';
import {
  approvalStateQuery,
  approvalWorkflowId,
  approvalIdFor,
  approveUpdate,
  payoutRunId,
  payoutRunProgressQuery,
  payoutRunWorkflowId,
  WORKFLOW_TYPES,
} from '@opscycle/workflows/messages';
import { connectTestDatabase, temporalClient, uniqueName } from '../support';
import { startTestWorker } from '../testWorker';
import { aSmallOrg, eventually } from './fixtures';
import { startWebhookReceiver } from './webhookReceiver';

const SECRET = 'test-webhook-secret';
const PAYEES = Array.from({ length: 12 }, (_, i) => `rep-${String(i + 1).padStart(3, '0')}`);

let db: mongoose.Connection;
let client: Client;
let clientConnection: Connection;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let csvDir: string;
const taskQueue = uniqueName('payout');
/** Unique per run: payout workflow ids are business keys, and the server keeps earlier runs' ids. */
const PLAN = uniqueName('plan-east');
/** What the incentive evaluation yields per payee; a test changes it to re-run a closed period. */
const commission = new Map(PAYEES.map((id, i) => [id, (i + 1) * 1_000_00]));

/**
 * Stands in for @opscycle/rules' incentive evaluation (not wired into the worker yet): the export
 * mechanism is what this file tests, on its own inputs.
 */
function computePartitionPayouts(input: {
  partition: number;
  partitionCount: number;
}): Promise<PayeePayout[]> {
  return Promise.resolve(
    PAYEES.filter((id) => partitionOf(id, input.partitionCount) === input.partition).map((payeeId) => ({
      payeeId,
      lines: [
        {
          lineKey: 'commission',
          amountMinor: commission.get(payeeId) ?? 0,
          currency: 'CNY',
          explanation: [`commission ${commission.get(payeeId)} on closed deals`],
        },
      ],
    })),
  );
}

function startWorker(label: string) {
  return startTestWorker({
    taskQueue,
    identity: label,
    shutdownGraceTime: '200ms',
    activities: {
      ...createApprovalActivities({ connection: db }),
      ...createPayoutActivities({
        connection: db,
        computePartitionPayouts,
        exportTarget: { csvDir, webhookUrl: receiver.url, webhookSecret: SECRET },
      }),
    },
  });
}

function runInput(revision: number): PayoutRunInput {
  return {
    planId: PLAN,
    period: '2027-03',
    revision,
    incentiveRuleSet: { ruleSetId: 'incentive-east', version: 1 },
    currency: 'CNY',
    partitionCount: 3,
    submittedBy: 'ops',
    orgUnitId: 'acme',
    approval: {
      subjectKind: 'payout',
      routing: { kind: 'roles', roles: ['finance'] },
      levelDeadlineMs: 60_000,
      resubmitDeadlineMs: 60_000,
    },
  };
}

async function startRun(revision: number) {
  return client.workflow.start<typeof payoutRunWorkflow>(WORKFLOW_TYPES.payoutRun, {
    taskQueue,
    workflowId: payoutRunWorkflowId(PLAN, '2027-03', revision),
    args: [runInput(revision)],
  });
}

/** Finance approves the run's total once it is computed. */
async function approveAsFinance(revision: number, decisionId: string) {
  const approval = client.workflow.getHandle(
    approvalWorkflowId(approvalIdFor('payout', payoutRunId(PLAN, '2027-03', revision))),
  );
  await eventually(
    () => approval.query(approvalStateQuery).catch(() => undefined),
    (s) => s?.status === 'pending',
  );
  await approval.executeUpdate(approveUpdate, {
    args: [{ decisionId, actorId: 'fin' }],
    updateId: decisionId,
  });
}

async function csvRows() {
  const rows: string[] = [];
  for (const file of (await readdir(csvDir)).filter((f) => f.endsWith('.csv')).sort())
    rows.push(...(await readFile(join(csvDir, file), 'utf8')).trim().split('\n').slice(1));
  return rows;
}

beforeAll(async () => {
  db = await connectTestDatabase('payout');
  const org = aSmallOrg();
  await upsertOrgUnits(db, org.units);
  await upsertPeople(db, org.people);
  receiver = await startWebhookReceiver(SECRET);
  csvDir = await mkdtemp(join(tmpdir(), 'opscycle-payout-'));
  ({ client, connection: clientConnection } = await temporalClient());
});

afterAll(async () => {
  await receiver.close();
  await clientConnection.close();
  await db.dropDatabase();
  await db.close();
});

describe('payoutRunWorkflow', () => {
  it('exports every payee exactly once across a worker killed mid-export, a retried export and a re-triggered run', async () => {
    const first = await startWorker('worker-a');
    const handle = await startRun(1);
    const waiting = await eventually(
      () => handle.query(payoutRunProgressQuery),
      (p) => p.status === 'waitingForApproval',
    );
    expect(waiting).toMatchObject({ partitionsComputed: 3, payees: 12, totalMinor: 78 * 1_000_00 });
    // Starting the same run again while it runs finds it instead of starting a second one.
    await expect(startRun(1)).rejects.toBeInstanceOf(WorkflowExecutionAlreadyStartedError);

    receiver.hangNextDelivery(); // HR receives the first partition, the worker never hears back
    await approveAsFinance(1, 'fin-approves-r1');
    await eventually(
      () => Promise.resolve(receiver.deliveries.length),
      (n) => n >= 1,
    );
    await first.stop(); // the worker dies with the export in flight

    const second = await startWorker('worker-b');
    try {
      const result = await handle.result();
      expect(result).toMatchObject({ status: 'exported', partitionsExported: 3, exported: 12 });
      const delivered = receiver.deliveries.flat();
      expect(delivered.length).toBeGreaterThan(12); // the hung partition was sent again...
      expect(receiver.accepted.size).toBe(12); // ...under the same export ids: nobody paid twice
      expect(receiver.badSignatures()).toBe(0);
      expect(receiver.paidPerPayee()).toEqual(commission);
      expect((await deliveredExportIds(db, [result.runId])).size).toBe(12);
      const rows = await csvRows();
      expect(rows).toHaveLength(12);
      expect(new Set(rows.map((r) => r.split(',')[0])).size).toBe(12);

      // Re-triggering the closed run recomputes and re-exports nothing new.
      const deliveriesBefore = receiver.deliveries.length;
      const again = await startRun(1);
      await approveAsFinance(1, 'fin-approves-r1-again');
      expect(await again.result()).toMatchObject({ status: 'exported', exported: 12 });
      expect(receiver.deliveries.length).toBe(deliveriesBefore);
      expect(await csvRows()).toHaveLength(12);
    } finally {
      await second.stop();
    }
  });

  it('re-running a closed period exports only adjustment lines for the payees whose amount changed', async () => {
    const worker = await startWorker('worker-c');
    try {
      commission.set('rep-003', 3_500_00); // was 3,000.00
      commission.set('rep-007', 6_000_00); // was 7,000.00: a clawback of 1,000.00
      const handle = await startRun(2);
      await approveAsFinance(2, 'fin-approves-r2');
      expect(await handle.result()).toMatchObject({ status: 'exported', payees: 12, totalMinor: -500_00 });

      const statements = await loadStatements(db, { runId: payoutRunId(PLAN, '2027-03', 2) });
      const changed = statements.filter((s) => s.lines.length > 0);
      expect(changed.map((s) => [s.payeeId, s.totalMinor, s.lines.map((l) => l.kind)])).toEqual([
        ['rep-003', 500_00, ['adjustment']],
        ['rep-007', -1_000_00, ['adjustment']],
      ]);
      expect(changed[0]?.lines[0]?.explanation[0]).toBe(
        'adjustment 50000: 350000 due now, 300000 already paid in revision 1',
      );
      expect([...receiver.accepted.keys()].filter((id) => id.endsWith(':r2')).sort()).toEqual([
        `${PLAN}:2027-03:rep-003:r2`,
        `${PLAN}:2027-03:rep-007:r2`,
      ]);
      // Over both revisions each payee has received exactly what is due now.
      expect(receiver.paidPerPayee()).toEqual(commission);
    } finally {
      await worker.stop();
    }
  });
});
