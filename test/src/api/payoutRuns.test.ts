import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApprovalView,
  AuditEntry,
  PayoutHoldView,
  PayoutRunProgress,
  PayoutRunStarted,
  PayoutStatement,
  RuleGraph,
} from '@opscycle/domain';
import { aNode, anEdge, layOut, publishRuleSetVersion } from '@opscycle/rules';
import { storeRuleSetVersion, upsertDeals } from '@opscycle/storage';
import { approvalIdFor } from '@opscycle/workflows/messages';
import { startPayoutWorker, type PayoutWorker } from '../payouts/payoutWorker';
import { uniqueName } from '../support';
import { eventually } from '../workflows/fixtures';
import { aWonDeal } from './deals';
import { startHarness, type Harness, type Login } from './harness';

const SECRET = 'payout-runs-api-secret';
const taskQueue = uniqueName('api-payout-runs');
/** Unique per run: the plan id is part of the runs' business keys, which the shared server remembers. */
const PLAN = uniqueName('flat-plan');

/** 10% of each payee's revenue: amounts a reader checks by hand. */
const flatPlan = (id: string): RuleGraph => ({
  id,
  version: 1,
  kind: 'incentive',
  name: 'Flat commission',
  currency: 'CNY',
  effectiveFrom: '2027-01-01',
  effectiveTo: '2027-12-31',
  nodes: layOut([
    [aNode('start', 'start', {}), aNode('revenue', 'factInput', { fact: 'revenue' })],
    [aNode('commission', 'rateTimesBase', { component: 'Commission', rate: 0.1 })],
  ]),
  edges: [anEdge('start', 'commission'), anEdge('revenue', 'commission')],
});

let h: Harness;
let worker: PayoutWorker;

beforeAll(async () => {
  h = await startHarness('api-payout-runs', { cycleTaskQueue: taskQueue });
  await storeRuleSetVersion(
    h.db,
    publishRuleSetVersion({
      graph: flatPlan(PLAN),
      version: 1,
      publishedBy: 'ops',
      publishedAt: new Date('2026-12-01T00:00:00Z'),
    }),
  );
  await upsertDeals(h.db, [
    aWonDeal('mar-1', 'rep-1', 'east-1', 1_000_000, '2027-03-05'),
    aWonDeal('mar-2', 'rep-2', 'west-1', 500_000, '2027-03-10'),
    aWonDeal('apr-1', 'rep-1', 'east-1', 300_000, '2027-04-02'),
    aWonDeal('apr-2', 'rep-2', 'west-1', 700_000, '2027-04-20'),
  ]);
  worker = await startPayoutWorker(h.db, taskQueue, SECRET);
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await h?.close();
});

const start = (login: Login, period: string) =>
  h.call(login, {
    method: 'POST',
    url: '/api/payout-runs',
    payload: { ruleSetId: PLAN, version: 1, period },
  });
const rerun = (login: Login, runId: string) =>
  h.call(login, { method: 'POST', url: `/api/payout-runs/${runId}/rerun` });

async function progressOf(runId: string): Promise<PayoutRunProgress> {
  const response = await h.call('finance', { method: 'GET', url: `/api/payout-runs/${runId}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<PayoutRunProgress>();
}

/** Waits until the run's approval (its mirror, which the API reads) is pending with `approver`'s name on it. */
async function pendingApproval(runId: string, approver: string): Promise<string> {
  const approvalId = approvalIdFor('payout', runId);
  await eventually(
    async () => {
      const response = await h.call('ops', { method: 'GET', url: `/api/approvals/${approvalId}` });
      return response.statusCode === 200 ? response.json<ApprovalView>() : undefined;
    },
    (s) => s?.status === 'pending' && s.assigneeIds.includes(approver),
    30_000,
  );
  return approvalId;
}

/** `approver` (signed in as `login`) approves the run; the run once exported. */
async function approveAs(login: Login, approver: string, runId: string): Promise<PayoutRunProgress> {
  const approvalId = await pendingApproval(runId, approver);
  const decided = await h.call(login, {
    method: 'POST',
    url: `/api/approvals/${approvalId}/approve`,
    payload: { decisionId: `approve-${runId}`, reason: 'totals checked' },
  });
  expect(decided.statusCode, decided.body).toBe(200);
  return eventually(
    () => progressOf(runId),
    (p) => p.status === 'exported',
    30_000,
  );
}

async function statementsOf(runId: string): Promise<Map<string, PayoutStatement>> {
  const response = await h.call('finance', { method: 'GET', url: `/api/payout-runs/${runId}/statements` });
  return new Map(response.json<{ statements: PayoutStatement[] }>().statements.map((s) => [s.payeeId, s]));
}

/** What the payroll receiver accepted for a run's revision, by payee (managers' zero commissions left out). */
function receivedIn(period: string, revision: number): Map<string, number> {
  const suffix = `:r${revision}`;
  const received = new Map<string, number>();
  for (const e of worker.receiver.accepted.values())
    if (e.exportId.startsWith(`${PLAN}:${period}:`) && e.exportId.endsWith(suffix) && e.totalMinor !== 0)
      received.set(e.payeeId, (received.get(e.payeeId) ?? 0) + e.totalMinor);
  return received;
}

async function auditOf(action: AuditEntry['action']): Promise<AuditEntry[]> {
  const response = await h.call('ops', { method: 'GET', url: `/api/audit?action=${action}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ entries: AuditEntry[] }>().entries;
}

describe('payout runs on demand', { timeout: 120_000 }, () => {
  it('starts one run when finance starts the same plan and period twice, and the starter cannot approve it', async () => {
    const first = await start('finance', '2027-03');
    expect(first.statusCode, first.body).toBe(201);
    const run = first.json<PayoutRunStarted>();
    expect(run).toMatchObject({ planId: PLAN, period: '2027-03', revision: 1, started: true });
    const again = await start('finance', '2027-03');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<PayoutRunStarted>()).toEqual({ ...run, started: false });
    const executions: string[] = [];
    for await (const execution of h.deps.temporal.workflow.list({
      query: `WorkflowId = '${run.workflowId}'`,
    }))
      executions.push(execution.runId);
    expect(executions).toHaveLength(1);
    expect((await auditOf('payoutRun.started')).filter((e) => e.object.id === run.runId)).toHaveLength(1);

    // fin is the only finance person: the finance level skips the starter and the ops admin approves.
    const approvalId = await pendingApproval(run.runId, 'ops');
    const own = await h.call('finance', {
      method: 'POST',
      url: `/api/approvals/${approvalId}/approve`,
      payload: { decisionId: `self-${run.runId}` },
    });
    expect(own.statusCode, own.body).toBe(403);

    const exported = await approveAs('ops', 'ops', run.runId);
    // 10% x 1,000,000 = 100,000 for rep-1; 10% x 500,000 = 50,000 for rep-2.
    expect(receivedIn('2027-03', 1)).toEqual(
      new Map([
        ['rep-1', 100_000],
        ['rep-2', 50_000],
      ]),
    );
    expect(exported.totalMinor).toBe(150_000);
    expect(exported.partitionsExported).toBe(exported.partitionCount);
  });

  it('re-runs a closed period as the next revision paying only the difference after a deal changed', async () => {
    const runId = `${PLAN}-2027-03-r1`;
    // The deal grew from 1,000,000 to 1,240,000 after the period was paid.
    await upsertDeals(h.db, [aWonDeal('mar-1', 'rep-1', 'east-1', 1_240_000, '2027-03-05')]);
    const response = await rerun('finance', runId);
    expect(response.statusCode, response.body).toBe(201);
    const second = response.json<PayoutRunStarted>();
    expect(second).toMatchObject({ runId: `${PLAN}-2027-03-r2`, revision: 2, started: true });
    expect((await rerun('finance', runId)).json<PayoutRunStarted>()).toEqual({ ...second, started: false });

    const exported = await approveAs('ops', 'ops', second.runId);
    // rep-1: 10% x 1,240,000 = 124,000 due, 100,000 paid in r1 -> 24,000; rep-2 unchanged -> nothing.
    expect(exported.totalMinor).toBe(24_000);
    expect(receivedIn('2027-03', 2)).toEqual(new Map([['rep-1', 24_000]]));
    const statements = await statementsOf(second.runId);
    expect(statements.get('rep-1')?.lines.map((l) => [l.kind, l.amountMinor])).toEqual([
      ['adjustment', 24_000],
    ]);
    expect(statements.get('rep-2')?.lines).toEqual([]);

    // Nothing changed since r2: r3 exports nothing.
    const third = (await rerun('finance', second.runId)).json<PayoutRunStarted>();
    const unchanged = await approveAs('ops', 'ops', third.runId);
    expect(unchanged.totalMinor).toBe(0);
    expect(receivedIn('2027-03', 3)).toEqual(new Map());
  });

  it('refuses to re-run a run that is still open, and a run id that is none', async () => {
    const open = (await start('finance', '2027-05')).json<PayoutRunStarted>();
    const refused = await rerun('finance', open.runId);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'PAYOUT_RUN_NOT_CLOSED' });
    const bogus = await rerun('finance', 'not-a-run');
    expect(bogus.statusCode).toBe(404);
    expect(bogus.json()).toMatchObject({ code: 'PAYOUT_RUN_NOT_FOUND' });
    const notEffective = await start('finance', '2026-12');
    expect(notEffective.statusCode).toBe(400);
    expect(notEffective.json()).toMatchObject({ code: 'PAYOUT_RULE_SET_NOT_EFFECTIVE' });
    await h.deps.temporal.workflow.getHandle(open.workflowId).terminate('test over');
  });

  it('leaves a held payee out of the export and pays them exactly once in the revision after the release', async () => {
    const run = (await start('ops', '2027-04')).json<PayoutRunStarted>();
    const held = await h.call('finance', {
      method: 'POST',
      url: `/api/payout-runs/${run.runId}/holds/rep-2`,
      payload: { reason: 'deal apr-2 under review' },
    });
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json<PayoutHoldView>()).toMatchObject({ payeeId: 'rep-2', active: true, heldBy: 'fin' });

    // The ops admin started this one: finance approves it.
    const first = await approveAs('finance', 'fin', run.runId);
    expect(first.held).toBe(1);
    // rep-1: 10% x 300,000 = 30,000; rep-2 (70,000) is held.
    expect(receivedIn('2027-04', 1)).toEqual(new Map([['rep-1', 30_000]]));

    // Still held: the next revision pays nothing to anyone.
    const second = (await rerun('ops', run.runId)).json<PayoutRunStarted>();
    expect((await approveAs('finance', 'fin', second.runId)).held).toBe(1);
    expect(receivedIn('2027-04', 2)).toEqual(new Map());

    const released = await h.call('finance', {
      method: 'POST',
      url: `/api/payout-runs/${second.runId}/holds/rep-2/release`,
      payload: { reason: 'review done' },
    });
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json<PayoutHoldView>()).toMatchObject({ active: false, releasedBy: 'fin' });
    const third = (await rerun('ops', second.runId)).json<PayoutRunStarted>();
    expect((await approveAs('finance', 'fin', third.runId)).held).toBe(0);
    // rep-2's 70,000 as a payout (nothing of it was exported before); rep-1 was paid in r1.
    expect(receivedIn('2027-04', 3)).toEqual(new Map([['rep-2', 70_000]]));
    const fourth = (await rerun('ops', third.runId)).json<PayoutRunStarted>();
    await approveAs('finance', 'fin', fourth.runId);
    expect(receivedIn('2027-04', 4)).toEqual(new Map());
    expect(worker.receiver.paidPerPayee().get('rep-2')).toBe(50_000 + 70_000);

    const holdAudit = await auditOf('payout.held');
    expect(holdAudit.find((e) => e.object.id === 'rep-2')).toMatchObject({
      actor: { userId: 'fin', role: 'finance' },
      details: { reason: 'deal apr-2 under review', period: '2027-04' },
    });
    expect((await auditOf('payout.released')).find((e) => e.object.id === 'rep-2')).toMatchObject({
      actor: { userId: 'fin' },
      details: { reason: 'review done' },
    });
    const list = await h.call('hr', { method: 'GET', url: `/api/payout-runs/${third.runId}/holds` });
    expect(list.json<{ holds: PayoutHoldView[] }>().holds.map((x) => [x.payeeId, x.active])).toEqual([
      ['rep-2', false],
    ]);
    const again = await h.call('finance', {
      method: 'POST',
      url: `/api/payout-runs/${third.runId}/holds/rep-2/release`,
      payload: { reason: 'twice' },
    });
    expect(again.statusCode).toBe(404);
  });
});
