import { WorkflowFailedError, type Client, type Connection } from '@temporalio/client';
import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgUnit, PayoutStatement, Person } from '@opscycle/domain';
import { publishRuleSetVersion } from '@opscycle/rules';
import {
  loadStatements,
  payeePeriodModel,
  storeRuleSetVersion,
  upsertDeals,
  upsertOrgUnits,
  upsertPeople,
} from '@opscycle/storage';
import type { payoutRunWorkflow } from '@opscycle/workflows';
import { payoutRunId, payoutRunWorkflowId, WORKFLOW_TYPES } from '@opscycle/workflows/messages';
import { connectTestDatabase, temporalClient, uniqueName } from '../support';
import { startPayoutWorker, type PayoutWorker } from './payoutWorker';
import { aPerson, aWonDeal, payoutRunInput, runPayoutPeriod } from './payoutRuns';
import { carryPlan } from './carryPlan';

const SECRET = 'carry-test-secret';
const taskQueue = uniqueName('payout-carry');
/** Unique per run: payout workflow ids are business keys the shared server remembers. */
const PLAN = uniqueName('carry-plan');

const units: OrgUnit[] = [
  { id: 'co', name: 'Co', kind: 'company', parentId: null },
  { id: 'co-t1', name: 'Team 1', kind: 'team', parentId: 'co' },
];
const deal = aWonDeal;
const people: Person[] = [
  aPerson('ops', 'opsAdmin', 'co'),
  aPerson('fin', 'finance', 'co'),
  aPerson('mgr-1', 'manager', 'co-t1'),
  aPerson('rep-a', 'rep', 'co-t1', { salesRole: 'direct', hiredOn: '2020-03-01' }),
  aPerson('rep-new', 'rep', 'co-t1', { salesRole: 'direct', hiredOn: '2027-01-10' }),
];

let db: mongoose.Connection;
let client: Client;
let clientConnection: Connection;
let payoutWorker: PayoutWorker;
let receiver: PayoutWorker['receiver'];

const runInput = (period: string, revision: number) => payoutRunInput(PLAN, period, revision);
const runPeriod = (period: string, revision: number) =>
  runPayoutPeriod(client, db, taskQueue, runInput(period, revision));

const line = (statement: PayoutStatement | undefined, lineKey: string) =>
  statement?.lines.find((l) => l.lineKey === lineKey);

beforeAll(async () => {
  db = await connectTestDatabase('payout-carry');
  await upsertOrgUnits(db, units);
  await upsertPeople(db, people);
  const published = publishRuleSetVersion({
    graph: carryPlan(PLAN),
    version: 1,
    publishedBy: 'ops',
    publishedAt: new Date('2026-12-01T00:00:00Z'),
  });
  await storeRuleSetVersion(db, published);
  ({ client, connection: clientConnection } = await temporalClient());
  payoutWorker = await startPayoutWorker(db, taskQueue, SECRET);
  receiver = payoutWorker.receiver;
}, 60_000);

afterAll(async () => {
  await payoutWorker.stop();
  await clientConnection.close();
  await db.dropDatabase();
  await db.close();
});

describe('payout runs across periods', () => {
  it('claws back a refund of a deal paid in an earlier period once, recovers a draw, pays the manager override', async () => {
    await upsertDeals(db, [
      deal('d-a-1', 'rep-a', 1_000_000, '2027-01-10'),
      deal('d-new-1', 'rep-new', 1_000_000, '2027-01-15'),
    ]);

    /*
     * 2027-01: rep-a commission 10% x 1,000,000 = 100,000.
     * rep-new (hired 2027-01-10, tenure 0): commission 100,000 < draw 300,000 -> top-up 200,000, owed 200,000.
     * mgr-1: team revenue 2,000,000 x 2% = 40,000.
     */
    const january = await runPeriod('2027-01', 1);
    expect(line(january.get('rep-a'), 'commission')?.amountMinor).toBe(100_000);
    expect(january.get('rep-a')?.totalMinor).toBe(100_000);
    expect(line(january.get('rep-new'), 'new-hire-draw')?.amountMinor).toBe(200_000);
    expect(line(january.get('rep-new'), 'new-hire-draw')?.explanation.join(' ')).toMatch(/balance now/);
    expect(january.get('rep-new')?.totalMinor).toBe(300_000);
    expect(line(january.get('mgr-1'), 'override')?.amountMinor).toBe(40_000);
    expect(line(january.get('mgr-1'), 'override')?.explanation[0]).toMatch(/Manager override/);
    expect(january.get('mgr-1')?.totalMinor).toBe(40_000);

    // d-a-1 is refunded in February; rep-new closes a big deal.
    await upsertDeals(db, [
      deal('d-a-1', 'rep-a', 1_000_000, '2027-01-10', { status: 'refunded', refundedOn: '2027-02-05' }),
      deal('d-new-2', 'rep-new', 5_000_000, '2027-02-10'),
    ]);

    /*
     * 2027-02: rep-a: no revenue; clawback of d-a-1: -1,000,000 x 10% (the rate paid in 2027-01) = -100,000.
     * rep-new: commission 500,000 >= draw 300,000 -> recovers min(200,000 owed, 500,000 - 300,000) = 200,000.
     * mgr-1: team revenue 5,000,000 x 2% = 100,000 (the refunded deal no longer counts).
     */
    const february = await runPeriod('2027-02', 1);
    const clawback = line(february.get('rep-a'), 'refund-clawback:d-a-1');
    expect(clawback?.amountMinor).toBe(-100_000);
    expect(clawback?.kind).toBe('payout');
    expect(clawback?.explanation.join(' ')).toMatch(/deal d-a-1 refunded on 2027-02-05/);
    expect(clawback?.explanation.join(' ')).toMatch(/paid in 2027-01/);
    expect(february.get('rep-a')?.totalMinor).toBe(-100_000);
    expect(line(february.get('rep-new'), 'new-hire-draw')?.amountMinor).toBe(-200_000);
    expect(february.get('rep-new')?.totalMinor).toBe(300_000);
    expect(february.get('mgr-1')?.totalMinor).toBe(100_000);

    // Re-running February (revision 2) on the same facts pays no difference: no second clawback.
    const rerun = await runPeriod('2027-02', 2);
    expect([...rerun.values()].map((s) => [s.payeeId, s.lines.length, s.totalMinor])).toEqual([
      ['mgr-1', 0, 0],
      ['rep-a', 0, 0],
      ['rep-new', 0, 0],
    ]);
    const rerunExports = [...receiver.accepted.keys()].filter((id) => id.startsWith(`${PLAN}:2027-02`));
    expect(rerunExports.filter((id) => id.endsWith(':r2'))).toEqual([]);
    // Over both runs of February rep-a lost the commission of the refunded deal exactly once.
    expect(receiver.paidPerPayee().get('rep-a')).toBe(100_000 - 100_000);
    // One ledger record per (plan, period, payee), whatever the revisions.
    expect(await payeePeriodModel(db).countDocuments({ planId: PLAN, period: '2027-02' })).toBe(3);
  }, 90_000);

  it('fails a run whose pinned plan version is not effective for the period, naming plan, version and period', async () => {
    const handle = await client.workflow.start<typeof payoutRunWorkflow>(WORKFLOW_TYPES.payoutRun, {
      taskQueue,
      workflowId: payoutRunWorkflowId(PLAN, '2026-12', 1),
      args: [runInput('2026-12', 1)],
    });
    const failure = await handle.result().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect((failure as WorkflowFailedError).cause?.cause).toMatchObject({
      type: 'PAYOUT_RULE_SET_NOT_EFFECTIVE',
      nonRetryable: true,
      message: `plan ${PLAN}: rule set ${PLAN} version 1 is effective 2027-01-01 to 2027-12-31, which does not cover period 2026-12 (2026-12-01 to 2026-12-31)`,
    });
    expect(await loadStatements(db, { runId: payoutRunId(PLAN, '2026-12', 1) })).toEqual([]);
  }, 30_000);
});
