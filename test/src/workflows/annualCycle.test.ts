import type { Client, Connection } from '@temporalio/client';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repPlanId, type AnnualCycleInput, type CycleStep, type CycleTemplate } from '@opscycle/domain';
import {
  acknowledgeRepPlan,
  auditModel,
  cycleModel,
  cycleStepRunModel,
  loadRepPlan,
  loadYearSummaries,
  upsertOrgUnits,
  upsertPeople,
} from '@opscycle/storage';
import {
  createApprovalActivities,
  createCycleActivities,
  createPayoutActivities,
  partitionOf,
} from '@opscycle/worker';
import type { annualCycleWorkflow, unitFanOutWorkflow } from '@opscycle/workflows';
import {
  approveUpdate,
  closeReviewPeriodUpdate,
  cycleProgressQuery,
  cycleSearchAttributes,
  cycleWorkflowId,
  planAcknowledgedSignal,
  unitFanOutWorkflowId,
  unitStepWorkflowId,
  WORKFLOW_TYPES,
} from '@opscycle/workflows/messages';
import { connectTestDatabase, temporalClient, uniqueName } from '../support';
import { withTestWorker } from '../testWorker';
import { recordingStepRunners } from './cycleFixtures';
import { aSmallOrg, eventually } from './fixtures';
import { startWebhookReceiver } from './webhookReceiver';

/** The test servers are shared: under load a cycle takes longer than eventually's usual 15 s to move. */
const waitFor = <T>(read: () => Promise<T>, done: (value: T) => boolean) => eventually(read, done, 60_000);

const SECRET = 'cycle-webhook-secret';
const org = aSmallOrg();
let db: mongoose.Connection;
let client: Client;
let clientConnection: Connection;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
const taskQueue = uniqueName('cycle');

const runners = recordingStepRunners();

beforeAll(async () => {
  db = await connectTestDatabase('cycle');
  await upsertOrgUnits(db, org.units);
  await upsertPeople(db, org.people);
  receiver = await startWebhookReceiver(SECRET);
  ({ client, connection: clientConnection } = await temporalClient());
});

afterAll(async () => {
  await clientConnection.close();
  await receiver.close();
  await db.dropDatabase();
  await db.close();
});

withTestWorker(async () => {
  const csvDir = await mkdtemp(join(tmpdir(), 'opscycle-cycle-'));
  return {
    taskQueue,
    activities: {
      ...createApprovalActivities({ connection: db }),
      ...createCycleActivities({ connection: db, runners }),
      ...createPayoutActivities({
        connection: db,
        computePartitionPayouts: (input) =>
          Promise.resolve(
            ['rep-1', 'rep-2']
              .filter((id) => partitionOf(id, input.partitionCount) === input.partition)
              .map((payeeId) => ({
                payeeId,
                lines: [
                  {
                    lineKey: 'commission',
                    amountMinor: 800_00,
                    currency: 'CNY',
                    explanation: ['8% of 10,000.00'],
                  },
                ],
              })),
          ),
        exportTarget: { csvDir, webhookUrl: receiver.url, webhookSecret: SECRET },
      }),
    },
  };
});

function aTemplate(): CycleTemplate {
  const approval = (subjectKind: 'quota' | 'budget' | 'payout', roles: ('manager' | 'finance')[]) => ({
    subjectKind,
    routing: { kind: 'roles' as const, roles },
    levelDeadlineMs: 60_000,
    resubmitDeadlineMs: 60_000,
  });
  const step = (s: CycleStep, scope: 'company' | 'unit' = 'company') => ({
    step: s,
    scope,
    ownerId: 'ops',
    ownerRole: 'opsAdmin' as const,
    deadlineMs: 60_000,
  });
  return {
    id: 'standard',
    name: 'Standard annual cycle',
    steps: [
      step('strategyAnalysis'),
      { ...step('targetSetting', 'unit'), approval: approval('quota', ['manager']) },
      step('staffing', 'unit'),
      { ...step('budgetApproval'), approval: approval('budget', ['manager', 'finance']) },
      step('incentivePublication'),
      step('performanceReview'),
      step('yearClose'),
    ],
    reviewPeriods: ['2027-Q1'],
    periodLengthMs: 60_000,
    fanOutWindow: 3,
    payout: {
      planId: uniqueName('plan-fy2027'),
      incentiveRuleSet: { ruleSetId: 'incentive', version: 1 },
      partitionCount: 2,
      approval: approval('payout', ['finance']),
      currency: 'CNY',
    },
  };
}

/** Approves every approval the cycle lists as pending, as its first assignee. */
async function approveAllPending(
  handle: {
    query: (q: typeof cycleProgressQuery) => Promise<{
      pendingApprovals: { workflowId: string; assigneeIds: string[]; approvalId: string; level: number }[];
    }>;
  },
  expected: number,
) {
  const { pendingApprovals } = await waitFor(
    () => handle.query(cycleProgressQuery),
    (p) => p.pendingApprovals.length >= expected,
  );
  for (const pending of pendingApprovals) {
    const decisionId = `${pending.approvalId}-${pending.level}-ok`;
    await client.workflow.getHandle(pending.workflowId).executeUpdate(approveUpdate, {
      args: [{ decisionId, actorId: pending.assigneeIds[0] ?? '' }],
      updateId: decisionId,
    });
  }
}

describe('annualCycleWorkflow', () => {
  it('runs a small org from strategy analysis to an exported payout, listable by its search attributes', async () => {
    const orgId = uniqueName('org').replace(/_/g, '-');
    const input: AnnualCycleInput = {
      fiscalYear: 2027,
      orgId,
      startedBy: 'ops',
      template: aTemplate(),
      orgUnits: org.units,
    };
    const cycleId = cycleWorkflowId(2027, orgId);
    const handle = await client.workflow.start<typeof annualCycleWorkflow>(WORKFLOW_TYPES.annualCycle, {
      taskQueue,
      workflowId: cycleId,
      args: [input],
      typedSearchAttributes: cycleSearchAttributes(2027, orgId, 'strategyAnalysis', 'running'),
    });

    // Target setting fans out over the five units; each unit's sign-off waits on its manager.
    const waiting = await waitFor(
      () => handle.query(cycleProgressQuery),
      (p) => p.currentStep === 'targetSetting' && p.pendingApprovals.length === 5,
    );
    expect(waiting.units.map((u) => [u.orgUnitId, u.status]).sort()).toEqual(
      org.units.map((u) => [u.id, 'waitingForApproval']).sort(),
    );
    expect(waiting.pendingApprovals.find((a) => a.orgUnitId === 'east-1')?.assigneeIds).toEqual(['m-east-1']);
    await waitFor(
      async () => {
        const ids: string[] = [];
        for await (const w of client.workflow.list({
          query: `FiscalYear = 2027 AND OrgUnit = "${orgId}" AND CycleStep = "targetSetting"`,
        }))
          ids.push(w.workflowId);
        return ids;
      },
      (ids) => ids.length === 1 && ids[0] === cycleId,
    );
    await approveAllPending(handle, 5);

    // Budget: manager of the company, then finance.
    await waitFor(
      () => handle.query(cycleProgressQuery),
      (p) => p.currentStep === 'budgetApproval' && p.pendingApprovals.length === 1,
    );
    await approveAllPending(handle, 1);
    await approveAllPending(handle, 1);

    // Incentive publication: each rep's plan pins the incentive rule set; the cycle waits for both.
    const publishing = await waitFor(
      () => handle.query(cycleProgressQuery),
      (p) => p.currentStep === 'incentivePublication' && p.acknowledgments?.total === 2,
    );
    expect(publishing.acknowledgments).toMatchObject({ acknowledged: 0, missing: ['rep-1', 'rep-2'] });
    const plan = await loadRepPlan(db, repPlanId(cycleId, 'rep-1'));
    expect(plan).toMatchObject({
      personId: 'rep-1',
      orgUnitId: 'east-1',
      incentiveRuleSet: input.template.payout.incentiveRuleSet,
      acknowledgedAt: null,
    });
    // What the API does for a rep: store the acknowledgment, then tell the cycle (twice: a repeat is harmless).
    const acknowledge = async (personId: string) => {
      const planId = repPlanId(cycleId, personId);
      expect((await acknowledgeRepPlan(db, planId, new Date())).kind).toBe('acknowledged');
      for (let i = 0; i < 2; i++) await handle.signal(planAcknowledgedSignal, { planId, personId });
    };
    await acknowledge('rep-1');
    const half = await waitFor(
      () => handle.query(cycleProgressQuery),
      (p) => p.acknowledgments?.acknowledged === 1,
    );
    expect(half.acknowledgments?.missing).toEqual(['rep-2']);
    expect(half.steps.find((s) => s.step === 'incentivePublication')).toMatchObject({
      unitsDone: 1,
      unitsTotal: 2,
    });
    await acknowledge('rep-2');

    await waitFor(
      () => handle.query(cycleProgressQuery),
      (p) => p.currentStep === 'performanceReview',
    );
    expect(
      await handle.executeUpdate(closeReviewPeriodUpdate, { args: [{ period: '2027-Q1', actorId: 'ops' }] }),
    ).toEqual([]);
    await approveAllPending(handle, 1); // finance approves the payout run

    const result = await handle.result();
    expect(result.status).toBe('completed');
    expect(result.reviewedPeriods).toEqual(['2027-Q1']);
    expect(result.steps.map((s) => [s.step, s.status, s.unitsDone, s.unitsTotal])).toEqual([
      ['strategyAnalysis', 'done', 1, 1],
      ['targetSetting', 'done', 5, 5],
      ['staffing', 'done', 5, 5],
      ['budgetApproval', 'done', 1, 1],
      ['incentivePublication', 'done', 2, 2],
      ['performanceReview', 'done', 1, 1],
      ['yearClose', 'done', 1, 1],
    ]);
    expect(result.pendingApprovals).toEqual([]);
    expect(receiver.accepted.size).toBe(2);
    // Every step's deadline: workflow time at its start + deadlineMs.
    for (const s of result.steps)
      expect(Date.parse(s.deadlineAt ?? '')).toBeGreaterThan(Date.now() - 120_000);

    // Year close: the summary per unit, the plans locked, both audited.
    const summaries = await loadYearSummaries(db, cycleId);
    expect(summaries.map((s) => s.unitId)).toEqual(org.units.map((u) => u.id).sort());
    expect(summaries.find((s) => s.unitId === 'acme')).toMatchObject({ paidOutMinor: 1_600_00 });
    expect(summaries.find((s) => s.unitId === 'east-1')).toMatchObject({ paidOutMinor: 800_00 });
    expect((await loadRepPlan(db, repPlanId(cycleId, 'rep-2')))?.lockedAt).toBeInstanceOf(Date);
    expect((await acknowledgeRepPlan(db, repPlanId(cycleId, 'rep-2'), new Date())).kind).toBe(
      'alreadyAcknowledged',
    );
    const audited = await auditModel(db).find().where({ 'object.id': cycleId }).lean<{ action: string }[]>();
    expect(audited.map((a) => a.action).sort()).toEqual(['cycle.yearClosed', 'incentivePlan.published']);

    // One run per step: each step boundary continued as new, so no run holds the whole year.
    const runs: { status: string; historyLength: number }[] = [];
    for await (const w of client.workflow.list({ query: `WorkflowId = "${cycleId}"` }))
      runs.push({ status: w.status.name, historyLength: w.historyLength });
    expect(runs.map((r) => r.status).sort()).toEqual([
      'COMPLETED',
      ...Array<string>(6).fill('CONTINUED_AS_NEW'),
    ]);

    // Deterministic child ids: the business key of every unit's step.
    const child = await client.workflow
      .getHandle(unitStepWorkflowId(cycleId, 'staffing', 'east-1'))
      .describe();
    expect(child.status.name).toBe('COMPLETED');
    expect(await cycleStepRunModel(db).countDocuments({ cycleId })).toBe(1 + 5 + 5 + 1 + 1 + 1 + 1);
    expect((await cycleModel(db).findById(cycleId).lean())?.status).toBe('completed');
    await waitFor(
      async () => {
        const found: string[] = [];
        for await (const w of client.workflow.list({
          query: `OrgUnit = "${orgId}" AND CycleStatus = "completed" AND CycleStep = "yearClose"`,
        }))
          found.push(w.workflowId);
        return found;
      },
      (found) => found.length === 1,
    );
  });

  it('fans out with a sliding window and continues as new, keeping every run short', async () => {
    const cycleId = `cycle-FY2027-${uniqueName('fanout').replace(/_/g, '-')}`;
    const unitIds = Array.from({ length: 25 }, (_, i) => `unit-${i}`);
    const handle = await client.workflow.start<typeof unitFanOutWorkflow>(WORKFLOW_TYPES.unitFanOut, {
      taskQueue,
      workflowId: unitFanOutWorkflowId(cycleId, 'staffing'),
      args: [
        {
          cycleId,
          fiscalYear: 2027,
          orgId: 'acme',
          step: 'staffing',
          ownerId: 'ops',
          ownerRole: 'opsAdmin',
          unitIds,
          window: 4,
          startsPerRun: 10,
          cursor: 0,
          done: 0,
          halted: [],
        },
      ],
    });
    expect(await handle.result()).toEqual({ done: 25, halted: [] });
    const runs: { status: string; historyLength: number }[] = [];
    for await (const w of client.workflow.list({
      query: `WorkflowId = "${unitFanOutWorkflowId(cycleId, 'staffing')}"`,
    }))
      runs.push({ status: w.status.name, historyLength: w.historyLength });
    expect(runs.map((r) => r.status).sort()).toEqual(['COMPLETED', 'CONTINUED_AS_NEW', 'CONTINUED_AS_NEW']);
    // Ten children per run: well under a hundred events each, whatever the number of units.
    expect(Math.max(...runs.map((r) => r.historyLength))).toBeLessThan(120);
    for (const unitId of ['unit-0', 'unit-24'])
      expect(
        (await client.workflow.getHandle(unitStepWorkflowId(cycleId, 'staffing', unitId)).describe()).status
          .name,
      ).toBe('COMPLETED');
  });
});
