import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  InquiryView,
  InquiryWorkflowInput,
  PayeePayout,
  PayoutRunInput,
  Person,
} from '@opscycle/domain';
import { demoInquiryRouting, publishRuleSetVersion } from '@opscycle/rules';
import {
  approvalReminderModel,
  auditModel,
  createInquiry,
  loadStatements,
  storeRuleSetVersion,
} from '@opscycle/storage';
import { createActivities, partitionOf } from '@opscycle/worker';
import type { inquiryWorkflow, payoutRunWorkflow } from '@opscycle/workflows';
import {
  approvalIdFor,
  approvalStateQuery,
  approvalWorkflowId,
  approveUpdate,
  inquiryWorkflowId,
  payoutRunId,
  payoutRunWorkflowId,
  WORKFLOW_TYPES,
} from '@opscycle/workflows/messages';
import { temporalClient, uniqueName } from '../support';
import { startTestWorker, type TestWorker } from '../testWorker';
import { eventually } from '../workflows/fixtures';
import { startWebhookReceiver } from '../workflows/webhookReceiver';
import { anInquiry } from './builders';
import { PEOPLE, startHarness, type Harness, type Login } from './harness';

const SECRET = 'inquiry-webhook-secret';
const taskQueue = uniqueName('inquiries');
/** Unique per run: payout and inquiry workflow ids are business keys the shared server keeps. */
const PLAN = uniqueName('plan');
const id = (label: string) => `${label}-${PLAN}`.replace(/_/g, '-').slice(0, 80);

/**
 * What the incentive evaluation yields (a stand-in, so every amount below is known by hand): rep-1
 * earns 500.00 commission and a 200,000.00 bonus in January, 300.00 commission in February; the
 * team manager m-east-1 an override of 50.00 each month.
 */
const EARNED: Record<string, Record<string, { lineKey: string; amountMinor: number }[]>> = {
  '2027-01': {
    'rep-1': [
      { lineKey: 'commission', amountMinor: 500_00 },
      { lineKey: 'bonus', amountMinor: 200_000_00 },
    ],
    'm-east-1': [{ lineKey: 'override', amountMinor: 50_00 }],
  },
  '2027-02': {
    'rep-1': [{ lineKey: 'commission', amountMinor: 300_00 }],
    'm-east-1': [{ lineKey: 'override', amountMinor: 50_00 }],
  },
};

function computePartitionPayouts(input: {
  period: string;
  partition: number;
  partitionCount: number;
}): Promise<PayeePayout[]> {
  const earned = EARNED[input.period] ?? {};
  return Promise.resolve(
    Object.entries(earned)
      .filter(([payeeId]) => partitionOf(payeeId, input.partitionCount) === input.partition)
      .map(([payeeId, lines]) => ({
        payeeId,
        lines: lines.map((line) => ({
          ...line,
          currency: 'CNY',
          explanation: [`${line.lineKey} ${line.amountMinor}`],
        })),
      })),
  );
}

let h: Harness;
let client: Client;
let clientConnection: Connection;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let worker: TestWorker | undefined;
let teamManagerToken: string;
let ceoToken: string;

const r1 = (period: string) => payoutRunId(PLAN, period, 1);

async function run(period: string, revision: number) {
  const input: PayoutRunInput = {
    planId: PLAN,
    period,
    revision,
    incentiveRuleSet: { ruleSetId: 'incentive-stand-in', version: 1 },
    currency: 'CNY',
    partitionCount: 2,
    submittedBy: 'ops',
    orgUnitId: 'acme',
    approval: {
      subjectKind: 'payout',
      routing: { kind: 'roles', roles: ['finance'] },
      levelDeadlineMs: 60_000,
      resubmitDeadlineMs: 60_000,
    },
  };
  const handle = await client.workflow.start<typeof payoutRunWorkflow>(WORKFLOW_TYPES.payoutRun, {
    taskQueue,
    workflowId: payoutRunWorkflowId(PLAN, period, revision),
    args: [input],
  });
  const approval = client.workflow.getHandle(
    approvalWorkflowId(approvalIdFor('payout', payoutRunId(PLAN, period, revision))),
  );
  await eventually(
    () => approval.query(approvalStateQuery).catch(() => undefined),
    (s) => s?.status === 'pending',
  );
  const decisionId = `fin-approves-${period}-r${revision}`;
  await approval.executeUpdate(approveUpdate, {
    args: [{ decisionId, actorId: 'fin' }],
    updateId: decisionId,
  });
  expect(await handle.result()).toMatchObject({ status: 'exported' });
  return loadStatements(h.db, { runId: payoutRunId(PLAN, period, revision) });
}

async function raise(
  login: Login,
  body: { inquiryId: string; runId: string; payeeId: string; lineKey: string },
) {
  return h.call(login, {
    method: 'POST',
    url: '/api/inquiries',
    payload: { comment: 'a deal is missing', ...body },
  });
}

async function inquiry(inquiryId: string, done: (view: InquiryView) => boolean = () => true) {
  return eventually(
    async () =>
      (await h.call('finance', { method: 'GET', url: `/api/inquiries/${inquiryId}` })).json<InquiryView>(),
    done,
  );
}

beforeAll(async () => {
  h = await startHarness('api-inquiries', { cycleTaskQueue: taskQueue });
  ({ client, connection: clientConnection } = await temporalClient());
  // The rules package's demo inquiry routing, published as the API publishes it.
  await storeRuleSetVersion(
    h.db,
    publishRuleSetVersion({
      graph: demoInquiryRouting,
      version: 1,
      publishedBy: 'ops',
      publishedAt: new Date('2026-12-01T00:00:00Z'),
    }),
  );
  receiver = await startWebhookReceiver(SECRET);
  const csvDir = await mkdtemp(join(tmpdir(), `opscycle-${taskQueue}-`));
  worker = await startTestWorker({
    taskQueue,
    shutdownGraceTime: '200ms',
    activities: createActivities({
      connection: h.db,
      exportTarget: { csvDir, webhookUrl: receiver.url, webhookSecret: SECRET },
      computePartitionPayouts,
    }),
  });
  const person = (personId: string): Person => PEOPLE.find((p) => p.id === personId)!;
  teamManagerToken = await h.addLogin(person('m-east-1'));
  ceoToken = await h.addLogin(person('ceo'));
  await run('2027-01', 1);
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await receiver?.close();
  await clientConnection?.close();
  await h?.close();
});

describe('inquiries about statement lines', () => {
  const accepted = id('accept');
  const large = id('large');

  it('routes a rep’s inquiry by the inquiry rule set to finance, and finance accepts it with an amount', async () => {
    const raised = await raise('rep', {
      inquiryId: accepted,
      runId: r1('2027-01'),
      payeeId: 'rep-1',
      lineKey: 'commission',
    });
    expect(raised.statusCode, raised.body).toBe(200);
    expect(raised.json<InquiryView>()).toMatchObject({
      status: 'open',
      line: { lineKey: 'commission', amountMinor: 500_00, period: '2027-01', payeeId: 'rep-1' },
    });
    // The same click again raises nothing new.
    expect(
      (
        await raise('rep', {
          inquiryId: accepted,
          runId: r1('2027-01'),
          payeeId: 'rep-1',
          lineKey: 'commission',
        })
      ).statusCode,
    ).toBe(200);
    const routed = await inquiry(accepted, (v) => v.assigneeIds.length > 0);
    expect(routed.assigneeIds).toEqual(['fin']);
    // Named by the published rule set's Finance outcome, not by the finance-only fallback.
    expect(routed.routingExplanation.join('; ')).toMatch(/level 0: Finance = finance of Acme \(fin\)/);
    expect(routed.routingExplanation.join('; ')).not.toMatch(/fixed chain/);

    // The deal the rep names: 10,000.00 CNY at the plan's 5% = 500.00 more commission.
    const answer = await h.call('finance', {
      method: 'POST',
      url: `/api/inquiries/${accepted}/accept`,
      payload: { decisionId: `${accepted}-fin`, amountMinor: 500_00, comment: 'deal D-17 was credited late' },
    });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json<InquiryView>()).toMatchObject({
      status: 'accepted',
      resolution: {
        kind: 'accepted',
        amountMinor: 500_00,
        resolvedBy: 'fin',
        comment: 'deal D-17 was credited late',
      },
    });
    // The rep sees the answer among their own inquiries.
    const mine = (await h.call('rep', { method: 'GET', url: '/api/inquiries?view=mine' })).json<{
      inquiries: InquiryView[];
    }>();
    expect(mine.inquiries.find((i) => i.inquiryId === accepted)).toMatchObject({
      status: 'accepted',
      resolution: { amountMinor: 500_00 },
    });
  });

  it('sends a line above 100,000 CNY to the regional director first; the director delegates, the delegate and then finance accept', async () => {
    const raised = await raise('rep', {
      inquiryId: large,
      runId: r1('2027-01'),
      payeeId: 'rep-1',
      lineKey: 'bonus',
    });
    expect(raised.statusCode, raised.body).toBe(200);
    expect((await inquiry(large, (v) => v.assigneeIds.length > 0)).assigneeIds).toEqual(['m-east']);
    // Finance is not asked yet.
    const early = await h.call('finance', {
      method: 'POST',
      url: `/api/inquiries/${large}/accept`,
      payload: { decisionId: `${large}-fin-early`, amountMinor: 1 },
    });
    expect(early.json(), early.body).toMatchObject({ code: 'APPROVAL_NOT_ASSIGNEE' });

    const delegated = await h.call('managerEast', {
      method: 'POST',
      url: `/api/inquiries/${large}/delegate`,
      payload: { decisionId: `${large}-delegate`, delegateTo: 'ceo', reason: 'on leave' },
    });
    expect(delegated.statusCode, delegated.body).toBe(200);
    await inquiry(large, (v) => v.assigneeIds.join() === 'ceo');
    // The bonus was paid 1,000.00 too much: the delegate takes it back, finance confirms.
    const byCeo = await h.callWith(ceoToken, {
      method: 'POST',
      url: `/api/inquiries/${large}/accept`,
      payload: { decisionId: `${large}-ceo`, amountMinor: -1_000_00 },
    });
    expect(byCeo.statusCode, byCeo.body).toBe(200);
    expect((await inquiry(large, (v) => v.level === 1)).assigneeIds).toEqual(['fin']);
    const byFinance = await h.call('finance', {
      method: 'POST',
      url: `/api/inquiries/${large}/accept`,
      payload: { decisionId: `${large}-fin`, amountMinor: -1_000_00 },
    });
    expect(byFinance.json<InquiryView>()).toMatchObject({
      status: 'accepted',
      resolution: { amountMinor: -1_000_00, resolvedBy: 'fin' },
    });
    expect(byFinance.json<InquiryView>().decisions.map((d) => [d.kind, d.actorId])).toEqual([
      ['delegate', 'm-east'],
      ['approve', 'ceo'],
      ['approve', 'fin'],
    ]);
  });

  it('rejects with a reason the rep reads, and pays nothing for it', async () => {
    const rejected = id('reject');
    await raise('rep', {
      inquiryId: rejected,
      runId: r1('2027-01'),
      payeeId: 'rep-1',
      lineKey: 'commission',
    });
    await inquiry(rejected, (v) => v.assigneeIds.length > 0);
    const empty = await h.call('finance', {
      method: 'POST',
      url: `/api/inquiries/${rejected}/reject`,
      payload: { decisionId: `${rejected}-fin-empty`, reason: '  ' },
    });
    expect(empty.statusCode).toBe(400);
    const answer = await h.call('finance', {
      method: 'POST',
      url: `/api/inquiries/${rejected}/reject`,
      payload: { decisionId: `${rejected}-fin`, reason: 'the deal closed in March' },
    });
    expect(answer.json<InquiryView>()).toMatchObject({
      status: 'rejected',
      resolution: { kind: 'rejected', reason: 'the deal closed in March', resolvedBy: 'fin' },
    });
    const again = await h.call('finance', {
      method: 'POST',
      url: `/api/inquiries/${rejected}/accept`,
      payload: { decisionId: `${rejected}-fin-2`, amountMinor: 1 },
    });
    expect(again.json()).toMatchObject({ code: 'INQUIRY_ALREADY_RESOLVED' });
  });

  it('refuses an inquiry resolved by its raiser or its payee, whatever their role, and decisions outside the inquiry routes', async () => {
    const own = id('own');
    // The regional manager questions the team manager's override.
    const raised = await raise('managerEast', {
      inquiryId: own,
      runId: r1('2027-01'),
      payeeId: 'm-east-1',
      lineKey: 'override',
    });
    expect(raised.statusCode, raised.body).toBe(200);
    await inquiry(own, (v) => v.assigneeIds.length > 0);
    for (const [token, who] of [
      [teamManagerToken, 'm-east-1'],
      [h.tokens.managerEast, 'm-east'],
    ] as const) {
      const self = await h.callWith(token, {
        method: 'POST',
        url: `/api/inquiries/${own}/accept`,
        payload: { decisionId: `${own}-${who}`, amountMinor: 1_000_00 },
      });
      expect(self.statusCode, who).toBe(403);
      expect(self.json()).toMatchObject({
        code: 'INQUIRY_SELF_RESOLUTION_FORBIDDEN',
        details: { personId: who },
      });
    }
    const toPayee = await h.call('finance', {
      method: 'POST',
      url: `/api/inquiries/${own}/delegate`,
      payload: { decisionId: `${own}-to-payee`, delegateTo: 'm-east-1' },
    });
    expect(toPayee.json()).toMatchObject({ code: 'INQUIRY_SELF_RESOLUTION_FORBIDDEN' });
    const generic = await h.call('finance', {
      method: 'POST',
      url: `/api/approvals/${approvalIdFor('inquiry', own)}/approve`,
      payload: { decisionId: `${own}-generic` },
    });
    expect(generic.json()).toMatchObject({ code: 'INQUIRY_DECIDE_ON_INQUIRY_ROUTES' });
    // A rep raises only on their own lines.
    const other = await raise('rep', {
      inquiryId: id('other'),
      runId: r1('2027-01'),
      payeeId: 'm-east-1',
      lineKey: 'override',
    });
    expect(other.statusCode).toBe(403);
    const missing = await raise('rep', {
      inquiryId: id('missing'),
      runId: r1('2027-01'),
      payeeId: 'rep-1',
      lineKey: 'no-such-line',
    });
    expect(missing.json()).toMatchObject({ code: 'INQUIRY_LINE_NOT_FOUND' });
    const rejected = await h.call('finance', {
      method: 'POST',
      url: `/api/inquiries/${own}/reject`,
      payload: { decisionId: `${own}-fin`, reason: 'the override is right' },
    });
    expect(rejected.json()).toMatchObject({ status: 'rejected' });
  });

  it('escalates to the next level when the director does not answer by the deadline, with reminders on the way', async () => {
    const escalated = id('escalate');
    const input: InquiryWorkflowInput = {
      inquiryId: escalated,
      line: {
        runId: r1('2027-01'),
        planId: PLAN,
        period: '2027-01',
        revision: 1,
        payeeId: 'rep-1',
        lineKey: 'bonus',
        amountMinor: 200_000_00,
        currency: 'CNY',
      },
      comment: 'the bonus tier is wrong',
      raisedBy: 'rep-1',
      raisedByRole: 'rep',
      orgUnitId: 'east-1',
      routing: { kind: 'ruleSet', ruleSet: { ruleSetId: demoInquiryRouting.id, version: 1 } },
      routingFacts: { amount: 200_000_00, unitId: 'east-1', unitKind: 'team', requesterRole: 'rep' },
      levelDeadlineMs: 3_000,
      reminderEveryMs: 1_000,
    };
    await createInquiry(h.db, {
      ...anInquiry(escalated, input.line.runId, { orgUnitId: 'east-1', personId: 'rep-1' }),
      line: input.line,
      assigneeIds: [],
    });
    await client.workflow.start<typeof inquiryWorkflow>(WORKFLOW_TYPES.inquiry, {
      taskQueue,
      workflowId: inquiryWorkflowId(escalated),
      args: [input],
    });
    expect((await inquiry(escalated, (v) => v.assigneeIds.length > 0)).assigneeIds).toEqual(['m-east']);
    const view = await inquiry(escalated, (v) => v.escalations.length === 1 && v.level === 1);
    expect(view.assigneeIds).toEqual(['fin']);
    expect(
      await approvalReminderModel(h.db).countDocuments({
        approvalId: approvalIdFor('inquiry', escalated),
        level: 0,
      }),
    ).toBeGreaterThan(0);
    const answer = await h.call('finance', {
      method: 'POST',
      url: `/api/inquiries/${escalated}/reject`,
      payload: { decisionId: `${escalated}-fin`, reason: 'tier 2 applies from 200%' },
    });
    expect(answer.json()).toMatchObject({ status: 'rejected' });
  });

  it('pays each accepted amount exactly once: in the next run as adjustment lines, and not again in a re-run', async () => {
    const february = await run('2027-02', 1);
    const rep = february.find((s) => s.payeeId === 'rep-1')!;
    expect(rep.lines.map((l) => [l.lineKey, l.kind, l.amountMinor])).toEqual([
      ['commission', 'payout', 300_00],
      [`manual-adjustment:${accepted}`, 'adjustment', 500_00],
      [`manual-adjustment:${large}`, 'adjustment', -1_000_00],
    ]);
    // 300.00 + 500.00 - 1,000.00
    expect(rep.totalMinor).toBe(-200_00);
    expect((await inquiry(accepted)).paidIn).toEqual({
      planId: PLAN,
      period: '2027-02',
      runId: r1('2027-02'),
    });

    const rerun = await run('2027-02', 2);
    expect(rerun.find((s) => s.payeeId === 'rep-1')?.lines).toEqual([]);
    const januaryRerun = await run('2027-01', 2);
    expect(januaryRerun.find((s) => s.payeeId === 'rep-1')?.lines).toEqual([]);
    // January 500.00 + 200,000.00, February -200.00, the re-runs nothing.
    expect(receiver.paidPerPayee().get('rep-1')).toBe(500_00 + 200_000_00 - 200_00);
  });

  it('audits every step: raised, routed, each decision, the escalation and the answer', async () => {
    const entries = await auditModel(h.db)
      .find()
      .or([{ 'object.id': large }, { 'object.id': id('escalate') }])
      .lean<
        { object: { id: string }; action: string; actor: { userId: string }; at: Date; details: unknown }[]
      >();
    const steps = entries.map((e) => [
      e.object.id === large ? 'large' : 'escalate',
      e.action,
      e.actor.userId,
    ]);
    expect(steps).toEqual(
      expect.arrayContaining([
        ['large', 'inquiry.raised', 'rep-1'],
        ['large', 'approval.submitted', 'rep-1'],
        ['large', 'approval.decided', 'm-east'],
        ['large', 'approval.decided', 'ceo'],
        ['large', 'approval.decided', 'fin'],
        ['large', 'inquiry.resolved', 'fin'],
        ['escalate', 'approval.escalated', 'system'],
        ['escalate', 'inquiry.resolved', 'fin'],
      ]),
    );
    const resolved = entries.find((e) => e.object.id === large && e.action === 'inquiry.resolved');
    expect(resolved?.details).toMatchObject({ kind: 'accepted', amountMinor: -1_000_00 });
    expect(resolved?.at).toBeInstanceOf(Date);
  });
});
