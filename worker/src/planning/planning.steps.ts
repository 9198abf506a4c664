import type mongoose from 'mongoose';
import { BudgetPlan, StaffingPlan, isWithinScope, type CycleStep } from '@opscycle/domain';
import {
  bottomUpSubmissionId,
  bottomUpSubmissionModel,
  loadPlanResult,
  quotaAllocationId,
  quotaAllocationModel,
} from '@opscycle/storage';
import { createPlanningActivities } from './planning.activities';
import { loadPlanningOrg, teamsUnder } from './load';

/** Structurally the workflows' CycleStepInput / CycleStepResult (this package imports nothing from workflows/). */
export interface PlanningStepRun {
  cycleId: string;
  fiscalYear: number;
  orgId: string;
  step: CycleStep;
  orgUnitId: string;
  period?: string;
}
export interface PlanningStepOutcome {
  facts: Record<string, string | number | boolean | null>;
  amountMinor?: number;
  summary: string;
}
export type PlanningStep =
  'strategyAnalysis' | 'targetSetting' | 'staffing' | 'budgetApproval' | 'performanceReview';
export type PlanningStepRunners = Record<
  PlanningStep,
  (input: PlanningStepRun) => Promise<PlanningStepOutcome>
>;

const money = (minor: number) => `${(minor / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })}`;

/**
 * The runners of the planning steps for the cycle's `runCycleStep`. A company-scoped run (the root
 * unit) computes the step for the whole organisation; a unit-scoped run (fan-out) returns that
 * unit's share, computing the organisation's result first if no unit has yet (deterministic and
 * stored by business key, so concurrent units computing it write the same documents).
 */
export function createPlanningStepRunners(deps: { connection: mongoose.Connection }): PlanningStepRunners {
  const { connection } = deps;
  const activities = createPlanningActivities(deps);
  const step = (input: PlanningStepRun) => ({
    cycleId: input.cycleId,
    fiscalYear: input.fiscalYear,
    companyId: input.orgId,
  });
  const isCompany = (input: PlanningStepRun) => input.orgUnitId === input.orgId;

  return {
    async strategyAnalysis(input) {
      const summary = await activities.analyzeStrategy(step(input));
      return {
        facts: {
          companyTargetMinor: summary.companyTargetMinor,
          forecastMinor: summary.forecastMinor,
          trendGrowthRate: summary.trendGrowthRate,
        },
        amountMinor: summary.companyTargetMinor,
        summary: summary.rationale,
      };
    },

    async targetSetting(input) {
      // By _id only: a fan-out over 500 units must not load every allocation once per unit.
      const allocationOf = (unitId: string) =>
        quotaAllocationModel(connection).findById(quotaAllocationId(input.cycleId, unitId)).lean();
      if (isCompany(input) || (await allocationOf(input.orgId)) === null)
        await activities.decomposeTargets(step(input));
      const allocation = await allocationOf(input.orgUnitId);
      const targetMinor = allocation?.amountMinor ?? 0;
      const submission = await bottomUpSubmissionModel(connection)
        .findById(bottomUpSubmissionId(input.cycleId, input.orgUnitId))
        .lean();
      const bottomUpMinor = submission?.amountMinor ?? null;
      return {
        facts: {
          targetMinor,
          bottomUpMinor,
          gapMinor: bottomUpMinor === null ? null : bottomUpMinor - targetMinor,
        },
        amountMinor: targetMinor,
        summary: `FY${input.fiscalYear} target of ${input.orgUnitId}: ${money(targetMinor)}${
          bottomUpMinor === null ? '' : ` (bottom-up ${money(bottomUpMinor)})`
        }`,
      };
    },

    async staffing(input) {
      if (isCompany(input) || (await loadPlanResult(connection, 'staffingPlan', input.cycleId)) === null)
        await activities.planStaffing(step(input));
      const plan = StaffingPlan.parse(await loadPlanResult(connection, 'staffingPlan', input.cycleId));
      const org = await loadPlanningOrg(connection, input.orgId);
      const teams = new Set(teamsUnder(org, input.orgUnitId));
      const lines = plan.lines.filter((l) => teams.has(l.unitId));
      const newHires = lines.reduce((s, l) => s + l.newHires, 0);
      const currentHeadcount = lines.reduce((s, l) => s + l.currentHeadcount, 0);
      return {
        facts: { newHires, currentHeadcount, plannedHeadcount: currentHeadcount + newHires },
        summary: `${input.orgUnitId}: ${currentHeadcount} reps, ${newHires} to hire`,
      };
    },

    async budgetApproval(input) {
      if (isCompany(input) || (await loadPlanResult(connection, 'budgetPlan', input.cycleId)) === null)
        await activities.planBudget(step(input));
      const plan = BudgetPlan.parse(await loadPlanResult(connection, 'budgetPlan', input.cycleId));
      const org = await loadPlanningOrg(connection, input.orgId);
      const lines = plan.lines.filter((l) => isWithinScope(org.units, input.orgUnitId, l.unitId));
      const total = (category?: string) =>
        lines
          .filter((l) => category === undefined || l.category === category)
          .reduce((s, l) => s + l.amountMinor, 0);
      return {
        facts: {
          totalMinor: total(),
          salariesMinor: total('salaries'),
          travelMinor: total('travel'),
          channelCommissionMinor: total('channelCommission'),
          marketingMinor: total('marketing'),
        },
        amountMinor: total(),
        summary: `FY${input.fiscalYear} budget of ${input.orgUnitId}: ${money(total())}`,
      };
    },

    async performanceReview(input) {
      const review = await activities.reviewPerformance({
        cycleId: input.cycleId,
        unitId: input.orgUnitId,
        period: input.period ?? String(input.fiscalYear),
        companyId: input.orgId,
      });
      const { kpis, diagnosis } = review;
      const behind = review.children.filter((c) => c.status === 'behind');
      return {
        facts: {
          revenueMinor: kpis.revenueMinor,
          targetMinor: kpis.targetMinor,
          achievement: kpis.achievement,
          collectionRate: kpis.collectionRate,
          status: diagnosis.status,
          primaryCause: diagnosis.primaryCause,
          unitsBehind: behind.length,
        },
        amountMinor: kpis.revenueMinor,
        summary:
          `${input.orgUnitId} ${review.period.from}..${review.period.to}: revenue ${money(kpis.revenueMinor)}` +
          (kpis.achievement === null ? '' : `, ${(kpis.achievement * 100).toFixed(1)}% of target`) +
          (behind.length === 0
            ? ''
            : `; behind: ${behind.map((c) => `${c.unitId} (${c.primaryCause ?? '?'})`).join(', ')}`),
      };
    },
  };
}
