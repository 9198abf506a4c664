import type { Client, Connection } from '@temporalio/client';
import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repPlanId, type CycleProgress, type CycleTemplate } from '@opscycle/domain';
import {
  acknowledgeRepPlan,
  auditModel,
  publishRepPlans,
  upsertOrgUnits,
  upsertPeople,
} from '@opscycle/storage';
import { createApprovalActivities, createCycleActivities } from '@opscycle/worker';
import type { AnnualCycleCarry, annualCycleWorkflow } from '@opscycle/workflows';
import {
  approvalChangedSignal,
  approvalIdFor,
  approvalWorkflowId,
  cycleProgressQuery,
  cycleSearchAttributes,
  cycleWorkflowId,
  planAcknowledgedSignal,
  WORKFLOW_TYPES,
} from '@opscycle/workflows/messages';
import { connectTestDatabase, temporalClient, uniqueName } from '../support';
import { withTestWorker } from '../testWorker';
import { recordingStepRunners } from './cycleFixtures';
import { aSmallOrg, eventually } from './fixtures';

/** The test servers are shared: under load a cycle takes longer than eventually's usual 15 s to move. */
const waitFor = <T>(read: () => Promise<T>, done: (value: T) => boolean) => eventually(read, done, 60_000);

const org = aSmallOrg();
const taskQueue = uniqueName('cycle-resume');
let db: mongoose.Connection;
let client: Client;
let clientConnection: Connection;

beforeAll(async () => {
  db = await connectTestDatabase('cycle-resume');
  await upsertOrgUnits(db, org.units);
  await upsertPeople(db, org.people);
  ({ client, connection: clientConnection } = await temporalClient());
});

afterAll(async () => {
  await clientConnection.close();
  await db.dropDatabase();
  await db.close();
});

withTestWorker(() => ({
  taskQueue,
  activities: {
    ...createApprovalActivities({ connection: db }),
    ...createCycleActivities({ connection: db, runners: recordingStepRunners() }),
  },
}));

const HOUR = 3_600_000;
function aTemplate(): CycleTemplate {
  const approval = (subjectKind: 'quota' | 'payout') => ({
    subjectKind,
    routing: { kind: 'roles' as const, roles: ['manager' as const] },
    levelDeadlineMs: HOUR,
    resubmitDeadlineMs: HOUR,
  });
  const step = { ownerId: 'ops', ownerRole: 'opsAdmin' as const, deadlineMs: HOUR };
  return {
    id: 'resume',
    name: 'Target setting and publication',
    steps: [
      { ...step, step: 'targetSetting', scope: 'unit', approval: approval('quota') },
      { ...step, step: 'incentivePublication', scope: 'company' },
    ],
    reviewPeriods: ['2027-Q1'],
    periodLengthMs: HOUR,
    fanOutWindow: 5,
    payout: {
      planId: uniqueName('plan'),
      incentiveRuleSet: { ruleSetId: 'incentive', version: 4 },
      partitionCount: 1,
      approval: approval('payout'),
      currency: 'CNY',
    },
  };
}

/** What a previous run would have carried while waiting in `step` (a run continued as new mid-step). */
function carriedProgress(cycleId: string, orgId: string, step: CycleProgress['currentStep']): CycleProgress {
  return {
    cycleId,
    fiscalYear: 2027,
    orgId,
    status: step === 'targetSetting' ? 'waitingForApproval' : 'running',
    currentStep: step,
    steps: [
      {
        step: 'targetSetting',
        status: step === 'targetSetting' ? 'waitingForApproval' : 'done',
        unitsDone: step === 'targetSetting' ? 4 : 5,
        unitsTotal: 5,
        deadlineAt: new Date(Date.now() + HOUR).toISOString(),
      },
      {
        step: 'incentivePublication',
        status: step === 'targetSetting' ? 'pending' : 'running',
        unitsDone: step === 'targetSetting' ? 0 : 1,
        unitsTotal: step === 'targetSetting' ? 1 : 2,
        ...(step === 'targetSetting' ? {} : { deadlineAt: new Date(Date.now() + HOUR).toISOString() }),
      },
    ],
    units: [],
    pendingApprovals: [],
    reviewedPeriods: [],
  };
}

async function start(carry: (cycleId: string, orgId: string) => AnnualCycleCarry) {
  const orgId = uniqueName('resume').replace(/_/g, '-');
  const cycleId = cycleWorkflowId(2027, orgId);
  const handle = await client.workflow.start<typeof annualCycleWorkflow>(WORKFLOW_TYPES.annualCycle, {
    taskQueue,
    workflowId: cycleId,
    args: [
      {
        fiscalYear: 2027,
        orgId,
        startedBy: 'ops',
        template: aTemplate(),
        orgUnits: org.units,
        carry: carry(cycleId, orgId),
      },
    ],
    typedSearchAttributes: cycleSearchAttributes(2027, orgId, 'targetSetting', 'running'),
  });
  return { cycleId, handle };
}

describe('annualCycleWorkflow resuming a step in a new run', () => {
  it('resumes the sign-off wait from the carried statuses, without fanning out again', async () => {
    const quotaId = (cycleId: string, unit: string) =>
      approvalIdFor('quota', `${cycleId}-targetSetting-${unit}`);
    const { cycleId, handle } = await start((id, orgId) => ({
      stepIndex: 0,
      resume: 'signOffs',
      progress: carriedProgress(id, orgId, 'targetSetting'),
      units: org.units.map((u) => ({
        orgUnitId: u.id,
        step: 'targetSetting',
        status: u.id === 'east-1' ? 'waitingForApproval' : 'done',
      })),
      signOffs: org.units.map((u) => ({
        approvalId: quotaId(id, u.id),
        orgUnitId: u.id,
        status: u.id === 'east-1' ? 'pending' : 'approved',
      })),
      closedPeriods: [],
      runs: 3,
    }));
    // The last sign-off arrives at the new run, as the approval workflow sends it (by workflow id).
    const approvalId = quotaId(cycleId, 'east-1');
    await handle.signal(approvalChangedSignal, {
      approvalId,
      workflowId: approvalWorkflowId(approvalId),
      subjectKind: 'quota',
      orgUnitId: 'east-1',
      level: 0,
      assigneeIds: [],
      final: true,
      status: 'approved',
    });
    const publishing = await waitFor(
      () => handle.query(cycleProgressQuery),
      (p) => p.currentStep === 'incentivePublication' && p.acknowledgments?.total === 2,
    );
    expect(publishing.steps[0]).toMatchObject({ step: 'targetSetting', status: 'done', unitsDone: 5 });
    // No fan-out ran in the resumed run: the units' steps were the earlier run's.
    await expect(client.workflow.getHandle(`${cycleId}-targetSetting-fanout`).describe()).rejects.toThrow();
    await client.workflow.getHandle(cycleId).terminate('test done');
  });

  it('resumes the acknowledgment wait: no second publication, carried acknowledgments count', async () => {
    const { cycleId, handle } = await start((id, orgId) => ({
      stepIndex: 1,
      resume: 'acknowledgments',
      progress: carriedProgress(id, orgId, 'incentivePublication'),
      units: [],
      signOffs: [],
      closedPeriods: [],
      acknowledgment: {
        repIds: ['rep-1', 'rep-2'],
        acknowledgedIds: ['rep-1'],
        deadlineAt: new Date(Date.now() + HOUR).toISOString(),
      },
      runs: 5,
    }));
    const waiting = await waitFor(
      () => handle.query(cycleProgressQuery),
      (p) => p.acknowledgments?.acknowledged === 1,
    );
    expect(waiting.acknowledgments).toMatchObject({ total: 2, missing: ['rep-2'] });
    await publishRepPlans(db, [
      {
        planId: repPlanId(cycleId, 'rep-2'),
        cycleId,
        fiscalYear: 2027,
        orgId: waiting.orgId,
        personId: 'rep-2',
        orgUnitId: 'west-1',
        incentivePlanId: 'plan',
        incentiveRuleSet: { ruleSetId: 'incentive', version: 4 },
        quotaMinor: null,
        currency: 'CNY',
        publishedAt: new Date(),
      },
    ]);
    expect((await acknowledgeRepPlan(db, repPlanId(cycleId, 'rep-2'), new Date())).kind).toBe('acknowledged');
    await handle.signal(planAcknowledgedSignal, { planId: repPlanId(cycleId, 'rep-2'), personId: 'rep-2' });
    const result = await handle.result();
    expect(result.status).toBe('completed');
    expect(result.acknowledgments).toMatchObject({ acknowledged: 2, total: 2, missing: [] });
    expect(
      await auditModel(db).countDocuments({ action: 'incentivePlan.published', 'object.id': cycleId }),
    ).toBe(0);
  });
});
