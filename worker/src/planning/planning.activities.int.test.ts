import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type mongoose from 'mongoose';
import { connectTestDatabase } from '@opscycle/storage/testing';
import { Reconciliation, StrategyAnalysis, type QuotaAllocation } from '@opscycle/domain';
import {
  budgetLineModel,
  kpiSnapshotModel,
  loadPlanResult,
  loadQuotaAllocations,
  quotaAllocationModel,
} from '@opscycle/storage';
import { generateDemoCompany } from '../demo/company';
import { seedDemoData } from '../demo/seedDemo';
import { createPlanningActivities, parsePeriod } from './planning.activities';
import { createPlanningStepRunners } from './planning.steps';

const cycleId = 'cycle-FY2027-acme';
const step = { cycleId, fiscalYear: 2027, companyId: 'acme' };

function childrenSumToParents(allocations: QuotaAllocation[]) {
  for (const parent of allocations) {
    const kids = allocations.filter((a) => a.parentId === parent.unitId);
    if (kids.length > 0) expect(kids.reduce((s, k) => s + k.amountMinor, 0)).toBe(parent.amountMinor);
  }
}

describe('planning activities on the demo company (real Mongo)', () => {
  let connection: mongoose.Connection;
  let activities: ReturnType<typeof createPlanningActivities>;
  const demo = generateDemoCompany(7);

  beforeAll(async () => {
    connection = await connectTestDatabase('planning-activities');
    await seedDemoData(connection, demo);
    activities = createPlanningActivities({ connection });
  }, 60_000);
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('refuses to set targets before the strategy analysis', async () => {
    await expect(activities.decomposeTargets(step)).rejects.toMatchObject({ code: 'PLANNING_MISSING_STEP' });
  });

  it('analyses strategy: growth adds up, a forecast and a proposed target with its rationale', async () => {
    const summary = await activities.analyzeStrategy(step);
    const { growth } = summary;
    expect(growth.revenueMinor - growth.baseRevenueMinor).toBe(
      growth.marketGrowthMinor + growth.shareChangeMinor + growth.newBusinessMinor,
    );
    expect(summary.companyTargetMinor).toBeGreaterThan(summary.forecastMinor);
    expect(summary.rationale).toContain('FY2027');
    const stored = StrategyAnalysis.parse(await loadPlanResult(connection, 'strategyAnalysis', cycleId));
    // The demo launches analytics in FY2026 (product development) and ERP in 华南 (market development).
    const growthOf = (q: string) => stored.growth.byQuadrant.find((b) => b.quadrant === q)?.growthMinor ?? 0;
    expect(growthOf('productDevelopment')).toBeGreaterThan(0);
    expect(growthOf('marketDevelopment')).toBeGreaterThan(0);
    expect(stored.forecast.monthlyMinor.reduce((a, b) => a + b, 0)).toBe(stored.forecast.totalMinor);
  }, 30_000);

  it('decomposes the target down to every rep, children summing exactly, idempotently', async () => {
    const summary = await activities.decomposeTargets(step);
    const reps = demo.people.filter((p) => p.role === 'rep').length;
    expect(summary.allocations).toBe(demo.units.length + reps);
    expect(summary.regions.reduce((s, r) => s + r.amountMinor, 0)).toBe(summary.companyTargetMinor);
    const allocations = await loadQuotaAllocations(connection, cycleId);
    childrenSumToParents(allocations);
    await activities.decomposeTargets(step);
    expect(await quotaAllocationModel(connection).countDocuments()).toBe(demo.units.length + reps);
  }, 30_000);

  it('reconciles bottom-up submissions against the top-down targets', async () => {
    const east = (await loadQuotaAllocations(connection, cycleId)).find((a) => a.unitId === 'acme-east');
    const submission = {
      fiscalYear: 2027,
      unitId: 'acme-east',
      submittedBy: 'mgr-acme-east',
      currency: 'CNY',
      comment: '',
    };
    await activities.submitBottomUpTarget({ cycleId, submission: { ...submission, amountMinor: 1 } });
    await activities.submitBottomUpTarget({
      cycleId,
      submission: { ...submission, amountMinor: 40_000_000_00 },
    });
    await expect(
      activities.submitBottomUpTarget({
        cycleId,
        submission: { ...submission, unitId: 'acme-west', amountMinor: 1 },
      }),
    ).rejects.toThrow(/acme-west/);
    const reconciliation = await activities.reconcileTargets(step);
    const line = reconciliation.lines.find((l) => l.unitId === 'acme-east');
    expect(line?.bottomUpMinor).toBe(40_000_000_00); // the second submission replaced the first
    expect(line?.gapMinor).toBe(40_000_000_00 - (east?.amountMinor ?? 0));
    expect(reconciliation.missingUnitIds).toContain('acme-north');
    expect(reconciliation.missingUnitIds).not.toContain('acme-east');
    expect(Reconciliation.parse(await loadPlanResult(connection, 'reconciliation', cycleId))).toEqual(
      reconciliation,
    );
  });

  it('plans staffing and a budget with an ROI baseline', async () => {
    const staffing = await activities.planStaffing(step);
    expect(staffing.currentHeadcount).toBe(demo.people.filter((p) => p.role === 'rep').length);
    expect(staffing.hiringPlan.reduce((s, h) => s + h.hires, 0)).toBe(staffing.totalNewHires);
    const budget = await activities.planBudget(step);
    expect(budget.lines).toBe(3 * 4 * 4); // regions x categories x quarters
    expect(budget.byCategory.reduce((s, c) => s + c.amountMinor, 0)).toBe(budget.totalMinor);
    await activities.planBudget(step);
    expect(await budgetLineModel(connection).countDocuments({ basis: 'plan', fiscalYear: 2027 })).toBe(48);
  }, 30_000);

  it('reviews performance against last year plan and finds the demo weak spots', async () => {
    const fy2026 = { cycleId: 'cycle-FY2026-acme', fiscalYear: 2026, companyId: 'acme' };
    const actual2025 = demo.deals
      .filter((d) => d.status === 'won' && d.wonOn?.startsWith('2025'))
      .reduce((s, d) => s + d.amountMinor, 0);
    await activities.decomposeTargets({ ...fy2026, companyTargetMinor: Math.round(actual2025 * 1.25) });
    const review = await activities.reviewPerformance({
      cycleId: fy2026.cycleId,
      unitId: 'acme-south',
      period: '2026',
    });
    expect(review.kpis.targetMinor).toBe(
      (await loadQuotaAllocations(connection, fy2026.cycleId)).find((a) => a.unitId === 'acme-south')
        ?.amountMinor,
    );
    const weak = review.children.find((c) => c.unitId === 'acme-south-1');
    expect(weak?.status).toBe('behind');
    expect(weak?.primaryCause).toBe('conversion');
    expect(review.kpis.roiByLine.map((l) => l.category)).toEqual([
      'salaries',
      'travel',
      'channelCommission',
      'marketing',
    ]);
    expect(await kpiSnapshotModel(connection).countDocuments({ cycleId: fy2026.cycleId })).toBe(
      1 + review.children.length,
    );
  }, 30_000);

  it('reads review periods as month, quarter or year', () => {
    expect(parsePeriod('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(parsePeriod('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(() => parsePeriod('2026-13-01')).toThrow(/YYYY-MM/);
  });

  it('runs the planning steps for runCycleStep: company first or a unit alone', async () => {
    const runners = createPlanningStepRunners({ connection });
    const run = { cycleId: 'cycle-FY2027-steps', fiscalYear: 2027, orgId: 'acme', orgUnitId: 'acme' };
    const strategy = await runners.strategyAnalysis({ ...run, step: 'strategyAnalysis' });
    expect(strategy.amountMinor).toBe(strategy.facts.companyTargetMinor);
    // A unit's fan-out run before any company run computes the decomposition itself.
    const east = await runners.targetSetting({ ...run, step: 'targetSetting', orgUnitId: 'acme-east' });
    const company = await runners.targetSetting({ ...run, step: 'targetSetting' });
    expect(company.amountMinor).toBe(strategy.amountMinor);
    expect(east.amountMinor).toBeGreaterThan(0);
    expect(east.facts).toMatchObject({ bottomUpMinor: null, gapMinor: null });
    const staffing = await runners.staffing({ ...run, step: 'staffing', orgUnitId: 'acme-south' });
    expect(staffing.facts.currentHeadcount).toBe(
      demo.people.filter((p) => p.role === 'rep' && p.orgUnitId.startsWith('acme-south')).length,
    );
    const budget = await runners.budgetApproval({ ...run, step: 'budgetApproval' });
    const budgetEast = await runners.budgetApproval({
      ...run,
      step: 'budgetApproval',
      orgUnitId: 'acme-east',
    });
    expect(budget.facts.totalMinor).toBeGreaterThan(budgetEast.facts.totalMinor as number);
    expect(budgetEast.amountMinor).toBe(budgetEast.facts.totalMinor);
    const review = await runners.performanceReview({ ...run, step: 'performanceReview', period: '2026-Q4' });
    expect(review.facts.revenueMinor).toBeGreaterThan(0);
    expect(review.facts.targetMinor).toBeNull(); // FY2027 targets do not cover 2026
  }, 60_000);
});
