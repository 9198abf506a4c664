import type { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repPlanId, type CycleProgress, type CycleTemplate } from '@opscycle/domain';
import { upsertOrgUnits, upsertPeople } from '@opscycle/storage';
import { createApprovalActivities, createCycleActivities } from '@opscycle/worker';
import { approveUpdate } from '@opscycle/workflows/messages';
import { createTestWorker, uniqueName } from '../support';
import { aRegionOfItsOwn, recordingStepRunners } from '../workflows/cycleFixtures';
import { eventually } from '../workflows/fixtures';
import { startHarness, type Harness } from './harness';

/** The test servers are shared: under load a cycle takes longer than eventually's usual 15 s to move. */
const waitFor = <T>(read: () => Promise<T>, done: (value: T) => boolean) => eventually(read, done, 60_000);

const taskQueue = uniqueName('api-cycles');
const suffix = uniqueName('c').replace(/_/g, '-').toLowerCase();
const region = aRegionOfItsOwn(suffix);

function aTemplate(): CycleTemplate {
  const step = (name: 'targetSetting' | 'incentivePublication', scope: 'company' | 'unit') => ({
    step: name,
    scope,
    ownerId: 'ops',
    ownerRole: 'opsAdmin' as const,
    deadlineMs: 600_000,
  });
  const approval = (subjectKind: 'quota' | 'payout', roles: ('manager' | 'finance')[]) => ({
    subjectKind,
    routing: { kind: 'roles' as const, roles },
    levelDeadlineMs: 600_000,
    resubmitDeadlineMs: 600_000,
  });
  return {
    id: 'api-cycle',
    name: 'Target setting and publication',
    steps: [
      { ...step('targetSetting', 'unit'), approval: approval('quota', ['manager']) },
      step('incentivePublication', 'company'),
    ],
    reviewPeriods: ['2027-Q1'],
    periodLengthMs: 600_000,
    acknowledgmentDeadlineMs: 600_000,
    fanOutWindow: 5,
    payout: {
      planId: `plan-${suffix}`,
      incentiveRuleSet: { ruleSetId: 'incentive', version: 2 },
      partitionCount: 1,
      approval: approval('payout', ['finance']),
      currency: 'CNY',
    },
  };
}

describe('cycle routes against a running cycle', () => {
  let h: Harness;
  let worker: Worker;
  let workerConnection: NativeConnection;
  let running: Promise<void>;

  beforeAll(async () => {
    h = await startHarness('api-cycles', { cycleTaskQueue: taskQueue });
    await upsertOrgUnits(h.db, region.units);
    await upsertPeople(h.db, region.people);
    h.app.org.invalidate();
    ({ worker, connection: workerConnection } = await createTestWorker({
      taskQueue,
      activities: {
        ...createApprovalActivities({ connection: h.db }),
        ...createCycleActivities({ connection: h.db, runners: recordingStepRunners() }),
      },
    }));
    running = worker.run();
  });
  afterAll(async () => {
    worker.shutdown();
    await running;
    await workerConnection.close();
    await h.close();
  });

  it('starts a cycle, lists it from visibility, reads its Query, and keeps it from managers outside', async () => {
    const started = await h.call('ops', {
      method: 'POST',
      url: '/api/cycles',
      payload: { fiscalYear: 2027, orgId: region.regionId, template: aTemplate() },
    });
    expect(started.statusCode, started.body).toBe(201);
    const { cycleId } = started.json<{ cycleId: string }>();
    expect(cycleId).toBe(`cycle-FY2027-${region.regionId}`);

    const listed = await waitFor(
      async () =>
        (await h.call('ops', { method: 'GET', url: '/api/cycles?fiscalYear=2027' })).json<{
          cycles: { cycleId: string; orgId: string | null; step: string | null; executionStatus: string }[];
        }>().cycles,
      (cycles) => cycles.some((c) => c.cycleId === cycleId),
    );
    expect(listed.find((c) => c.cycleId === cycleId)).toMatchObject({
      orgId: region.regionId,
      step: 'targetSetting',
      executionStatus: 'RUNNING',
    });

    const read = () => h.call('ops', { method: 'GET', url: `/api/cycles/${cycleId}` });
    const waiting = await waitFor(
      async () => (await read()).json<CycleProgress>(),
      (p) => p.pendingApprovals.length === 2,
    );
    expect(waiting).toMatchObject({ cycleId, orgId: region.regionId, currentStep: 'targetSetting' });
    expect(Date.parse(waiting.steps[0]?.deadlineAt ?? '')).toBeGreaterThan(Date.now());
    expect(waiting.approvers?.map((a) => a.name).sort()).toEqual(
      [region.names.teamManager, region.names.regionManager].sort(),
    );

    // Managers of other regions are outside this cycle; reps never read cycles.
    for (const login of ['managerWest', 'managerEast'] as const) {
      const outside = await h.call(login, { method: 'GET', url: `/api/cycles/${cycleId}` });
      expect(outside.statusCode, login).toBe(403);
      expect(outside.json()).toMatchObject({ code: 'AUTH_OUT_OF_SCOPE' });
    }
    expect((await h.call('rep', { method: 'GET', url: `/api/cycles/${cycleId}` })).statusCode).toBe(403);

    // Sign-offs decided on the approval workflows, then the rep acknowledges through the API.
    for (const pending of waiting.pendingApprovals) {
      const decisionId = `${pending.approvalId}-ok`;
      await h.deps.temporal.workflow.getHandle(pending.workflowId).executeUpdate(approveUpdate, {
        args: [{ decisionId, actorId: pending.assigneeIds[0] ?? '' }],
        updateId: decisionId,
      });
    }
    const publishing = await waitFor(
      async () => (await read()).json<CycleProgress>(),
      (p) => p.currentStep === 'incentivePublication' && p.acknowledgments?.total === 1,
    );
    const rep = region.people.find((p) => p.role === 'rep')!;
    expect(publishing.acknowledgments).toMatchObject({ acknowledged: 0, missing: [rep.id] });
    const repToken = await h.addLogin(rep);
    const acknowledged = await h.callWith(repToken, {
      method: 'POST',
      url: `/api/plans/${repPlanId(cycleId, rep.id)}/acknowledgment`,
    });
    expect(acknowledged.statusCode, acknowledged.body).toBe(200);

    const done = await waitFor(
      async () => (await read()).json<CycleProgress>(),
      (p) => p.status === 'completed',
    );
    expect(done.acknowledgments).toMatchObject({ acknowledged: 1, total: 1, missing: [] });
  });
});
