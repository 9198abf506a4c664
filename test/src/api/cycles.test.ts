import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdjustedStrategyAnalysis,
  CycleList,
  CycleView,
  PlanResultView,
  repPlanId,
  type AuditEntry,
  type CycleProgress,
  type CycleTemplate,
  type StrategyAnalysis,
} from '@opscycle/domain';
import { auditModel, loadPlanResult, savePlanResult, upsertOrgUnits, upsertPeople } from '@opscycle/storage';
import { createApprovalActivities, createCycleActivities } from '@opscycle/worker';
import { approveUpdate, cycleSearchAttributes, WORKFLOW_TYPES } from '@opscycle/workflows/messages';
import { uniqueName } from '../support';
import { withTestWorker } from '../testWorker';
import { aRegionOfItsOwn, recordingStepRunners } from '../workflows/cycleFixtures';
import { eventually } from '../workflows/fixtures';
import { startHarness, type Harness } from './harness';

/** The test servers are shared: under load a cycle takes longer than eventually's usual 15 s to move. */
const waitFor = <T>(read: () => Promise<T>, done: (value: T) => boolean) => eventually(read, done, 60_000);

const taskQueue = uniqueName('api-cycles');
const suffix = uniqueName('c').replace(/_/g, '-').toLowerCase();
const region = aRegionOfItsOwn(suffix);
/** A second cycle of its own, for the strategy analysis and its target adjustment. */
const strategyRegion = aRegionOfItsOwn(`${suffix}-s`);
const TEMPORAL_UI = 'http://temporal-ui.test:8233';

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

  beforeAll(async () => {
    h = await startHarness('api-cycles', { cycleTaskQueue: taskQueue, temporalUiUrl: `${TEMPORAL_UI}/` });
    await upsertOrgUnits(h.db, [...region.units, ...strategyRegion.units]);
    await upsertPeople(h.db, [...region.people, ...strategyRegion.people]);
    h.app.org.invalidate();
  });
  afterAll(async () => {
    await h.close();
  });
  withTestWorker(() => ({
    taskQueue,
    activities: {
      ...createApprovalActivities({ connection: h.db }),
      ...createCycleActivities({ connection: h.db, runners: recordingStepRunners() }),
    },
  }));

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

    // Two steps ran in two runs (continue-as-new at the step boundary): the list shows one cycle.
    const entries = await waitFor(
      async () =>
        CycleList.parse((await h.call('ops', { method: 'GET', url: '/api/cycles' })).json()).cycles.filter(
          (c) => c.cycleId === cycleId,
        ),
      (list) => list.length === 1 && list[0]!.runs >= 2 && list[0]!.executionStatus === 'COMPLETED',
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      orgId: region.regionId,
      step: 'incentivePublication',
      executionStatus: 'COMPLETED',
      historyUrl: `${TEMPORAL_UI}/namespaces/${h.deps.temporal.options.namespace}/workflows/${cycleId}`,
    });
  });

  it('lists only the cycles this deployment has recorded, not another database’s on the same server', async () => {
    // A cycle no worker of this database runs (nobody polls its queue): Temporal lists it, the API does not.
    const ghostId = `cycle-FY2027-${region.regionId}-ghost`;
    const temporal = h.deps.temporal;
    await temporal.workflow.start(WORKFLOW_TYPES.annualCycle, {
      taskQueue: uniqueName('nobody-polls'),
      workflowId: ghostId,
      args: [{}],
      typedSearchAttributes: cycleSearchAttributes(2027, region.regionId, 'strategyAnalysis', 'running'),
    });
    try {
      await waitFor(
        async () => {
          const seen: string[] = [];
          for await (const e of temporal.workflow.list({ query: `WorkflowId = '${ghostId}'` }))
            seen.push(e.workflowId);
          return seen;
        },
        (seen) => seen.length === 1,
      );
      const listed = CycleList.parse((await h.call('ops', { method: 'GET', url: '/api/cycles' })).json());
      expect(listed.cycles.map((c) => c.cycleId)).toContain(`cycle-FY2027-${region.regionId}`);
      expect(listed.cycles.map((c) => c.cycleId)).not.toContain(ghostId);
    } finally {
      await temporal.workflow.getHandle(ghostId).terminate('test over');
    }
  });

  it('refuses a template whose year close runs per unit, naming the step, and starts no cycle', async () => {
    const template = aTemplate();
    const yearClose = { ...template.steps[0]!, step: 'yearClose' as const, scope: 'unit' as const };
    delete yearClose.approval;
    const refused = await h.call('ops', {
      method: 'POST',
      url: '/api/cycles',
      payload: { fiscalYear: 2031, orgId: region.regionId, template: { ...template, steps: [yearClose] } },
    });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json()).toMatchObject({
      code: 'CYCLE_STEP_SCOPE_UNSUPPORTED',
      message: 'body.template.steps.0.scope: step yearClose runs for company only, not scope unit',
      details: { issues: [{ field: 'body.template.steps.0.scope', code: 'CYCLE_STEP_SCOPE_UNSUPPORTED' }] },
    });
    await expect(
      h.deps.temporal.workflow.getHandle(`cycle-FY2031-${region.regionId}`).describe(),
    ).rejects.toThrow(/not found/i);
  });

  it('names the units in their hierarchy, and shows a team manager only the team', async () => {
    const cycleId = `cycle-FY2027-${region.regionId}`;
    const [regionUnit, teamUnit] = region.units;
    const full = CycleView.parse(
      (await h.call('ops', { method: 'GET', url: `/api/cycles/${cycleId}` })).json(),
    );
    expect(full.orgUnits.map((u) => [u.id, u.name, u.parentId])).toEqual([
      [regionUnit!.id, `Region ${suffix}`, 'acme'],
      [teamUnit!.id, `Team ${suffix}`, regionUnit!.id],
    ]);
    expect(full.historyUrl).toBe(
      `${TEMPORAL_UI}/namespaces/${h.deps.temporal.options.namespace}/workflows/${cycleId}`,
    );
    expect(new Set(full.units.map((u) => u.orgUnitId))).toEqual(new Set([regionUnit!.id, teamUnit!.id]));

    const teamManager = region.people.find((p) => p.role === 'manager' && p.orgUnitId === teamUnit!.id)!;
    const token = await h.addLogin(teamManager);
    const narrowed = await h.callWith(token, { method: 'GET', url: `/api/cycles/${cycleId}` });
    expect(narrowed.statusCode, narrowed.body).toBe(200);
    const mine = CycleView.parse(narrowed.json());
    expect(mine.orgUnits.map((u) => u.id)).toEqual([teamUnit!.id]);
    expect(mine.units.map((u) => u.orgUnitId)).toEqual([teamUnit!.id]);
  });
});

/** A strategy analysis as the strategy step stores it (its numbers are this test's inputs). */
function aStrategyAnalysis(regionId: string): StrategyAnalysis {
  const monthly = Array.from({ length: 12 }, () => 10_000_000_00 / 12);
  const forecastMonthly = monthly.map((m) => Math.round(m));
  return {
    fiscalYear: 2027,
    growth: {
      baseYear: 2025,
      year: 2026,
      currency: 'CNY',
      sources: [],
      totals: {
        baseRevenueMinor: 8_000_000_00,
        revenueMinor: 9_000_000_00,
        marketGrowthMinor: 600_000_00,
        shareChangeMinor: 300_000_00,
        newBusinessMinor: 100_000_00,
      },
      byQuadrant: [
        { quadrant: 'marketPenetration', growthMinor: 900_000_00 },
        { quadrant: 'productDevelopment', growthMinor: 100_000_00 },
      ],
    },
    forecast: {
      fiscalYear: 2027,
      currency: 'CNY',
      basisYears: [2025, 2026],
      seasonalIndices: Array.from({ length: 12 }, () => 1),
      trendGrowthRate: 0.125,
      totalMinor: forecastMonthly.reduce((a, b) => a + b, 0),
      monthlyMinor: forecastMonthly,
      byRegion: [{ regionId, totalMinor: 10_000_000_00, monthlyMinor: forecastMonthly }],
    },
    proposal: {
      fiscalYear: 2027,
      currency: 'CNY',
      companyTargetMinor: 10_500_000_00,
      forecastMinor: 10_000_000_00,
      stretchPct: 0.05,
      rationale: 'forecast 10.00M with a 5.0% stretch',
    },
  };
}

describe('the strategy analysis and the ops admin’s target adjustment', () => {
  let h: Harness;
  const cycleId = `cycle-FY2027-${strategyRegion.regionId}`;

  beforeAll(async () => {
    h = await startHarness('api-cycles-strategy', { cycleTaskQueue: `${taskQueue}-s` });
    await upsertOrgUnits(h.db, strategyRegion.units);
    await upsertPeople(h.db, strategyRegion.people);
    h.app.org.invalidate();
  });
  afterAll(async () => {
    await h.deps.temporal.workflow
      .getHandle(cycleId)
      .terminate('test over')
      .catch(() => undefined);
    await h.close();
  });
  withTestWorker(() => ({
    taskQueue: `${taskQueue}-s`,
    activities: {
      ...createApprovalActivities({ connection: h.db }),
      ...createCycleActivities({ connection: h.db, runners: recordingStepRunners() }),
    },
  }));

  it('reads the analysis, adjusts the target with a reason (audited), and refuses once target setting started', async () => {
    // The strategy step waits on a sign-off: the window in which the ops admin may adjust.
    const template: CycleTemplate = {
      ...aTemplate(),
      steps: [
        {
          step: 'strategyAnalysis',
          scope: 'company',
          ownerId: 'ops',
          ownerRole: 'opsAdmin',
          deadlineMs: 600_000,
          approval: {
            subjectKind: 'plan',
            routing: { kind: 'roles', roles: ['finance'] },
            levelDeadlineMs: 600_000,
            resubmitDeadlineMs: 600_000,
          },
        },
        {
          step: 'targetSetting',
          scope: 'company',
          ownerId: 'ops',
          ownerRole: 'opsAdmin',
          deadlineMs: 600_000,
        },
      ],
    };
    const started = await h.call('ops', {
      method: 'POST',
      url: '/api/cycles',
      payload: { fiscalYear: 2027, orgId: strategyRegion.regionId, template },
    });
    expect(started.statusCode, started.body).toBe(201);
    const proposed = aStrategyAnalysis(strategyRegion.regionId);
    await savePlanResult(h.db, { kind: 'strategyAnalysis', cycleId, fiscalYear: 2027, result: proposed });
    const signOff = await waitFor(
      async () =>
        (await h.call('ops', { method: 'GET', url: `/api/cycles/${cycleId}` })).json<CycleProgress>(),
      (p) => p.pendingApprovals.length === 1,
    );

    const strategyUrl = `/api/cycles/${cycleId}/plans/strategyAnalysis`;
    const read = await h.call('ops', { method: 'GET', url: strategyUrl });
    expect(read.statusCode, read.body).toBe(200);
    expect(AdjustedStrategyAnalysis.parse(PlanResultView.parse(read.json()).result)).toEqual(proposed);
    // Managers outside the cycle's region read nothing of it.
    expect((await h.call('managerEast', { method: 'GET', url: strategyUrl })).statusCode).toBe(403);

    const adjustUrl = `/api/cycles/${cycleId}/strategy/target-adjustment`;
    const adjust = (login: 'ops' | 'finance' | 'managerEast', payload: object) =>
      h.call(login, { method: 'POST', url: adjustUrl, payload });
    const regionManager = strategyRegion.people.find(
      (p) => p.role === 'manager' && p.orgUnitId === strategyRegion.regionId,
    )!;
    const managerToken = await h.addLogin(regionManager);
    const byManager = await h.callWith(managerToken, {
      method: 'POST',
      url: adjustUrl,
      payload: { companyTargetMinor: 99_00, reason: 'my own number' },
    });
    expect(byManager.statusCode).toBe(403);
    expect(byManager.json()).toMatchObject({ code: 'AUTH_FORBIDDEN_ROLE' });
    expect((await adjust('finance', { companyTargetMinor: 99_00, reason: 'a reason' })).statusCode).toBe(403);
    const noReason = await adjust('ops', { companyTargetMinor: 99_00, reason: ' ' });
    expect(noReason.statusCode).toBe(400);

    // 11,000,000.00 instead of the proposed 10,500,000.00; then 11,200,000.00: the proposal is kept.
    const first = await adjust('ops', {
      companyTargetMinor: 11_000_000_00,
      reason: 'new distributor in the east',
    });
    expect(first.statusCode, first.body).toBe(200);
    const second = await adjust('ops', { companyTargetMinor: 11_200_000_00, reason: 'board asked for more' });
    expect(second.statusCode, second.body).toBe(200);
    const stored = AdjustedStrategyAnalysis.parse(await loadPlanResult(h.db, 'strategyAnalysis', cycleId));
    expect(stored.proposal.companyTargetMinor).toBe(11_200_000_00);
    expect(stored.adjustment).toMatchObject({
      companyTargetMinor: 11_200_000_00,
      proposedMinor: 10_500_000_00,
      reason: 'board asked for more',
      adjustedBy: 'ops',
    });
    expect(stored.forecast).toEqual(proposed.forecast);
    const audited = await auditModel(h.db)
      .find()
      .where({ action: 'target.adjusted', 'object.id': cycleId })
      .sort({ at: 1 })
      .lean<AuditEntry[]>();
    expect(
      audited.map((a) => [a.actor.userId, a.details.fromMinor, a.details.toMinor, a.details.reason]),
    ).toEqual([
      ['ops', 10_500_000_00, 11_000_000_00, 'new distributor in the east'],
      ['ops', 11_000_000_00, 11_200_000_00, 'board asked for more'],
    ]);

    // Finance signs the strategy off: target setting starts and reads the target; no more changes.
    const pending = signOff.pendingApprovals[0]!;
    await h.deps.temporal.workflow.getHandle(pending.workflowId).executeUpdate(approveUpdate, {
      args: [{ decisionId: `${pending.approvalId}-ok`, actorId: pending.assigneeIds[0] ?? '' }],
      updateId: `${pending.approvalId}-ok`,
    });
    await waitFor(
      async () =>
        (await h.call('ops', { method: 'GET', url: `/api/cycles/${cycleId}` })).json<CycleProgress>(),
      (p) => p.steps.find((s) => s.step === 'targetSetting')?.status !== 'pending',
    );
    const late = await adjust('ops', { companyTargetMinor: 12_000_000_00, reason: 'too late now' });
    expect(late.statusCode, late.body).toBe(409);
    expect(late.json()).toMatchObject({ code: 'PLANNING_TARGET_SETTING_ALREADY_STARTED' });
    const after = AdjustedStrategyAnalysis.parse(await loadPlanResult(h.db, 'strategyAnalysis', cycleId));
    expect(after.proposal.companyTargetMinor).toBe(11_200_000_00);
    expect(await auditModel(h.db).countDocuments({ action: 'target.adjusted', 'object.id': cycleId })).toBe(
      2,
    );
  });
});
