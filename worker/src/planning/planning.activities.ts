import type mongoose from 'mongoose';
import type { BudgetPlan } from '@opscycle/domain';
import {
  BottomUpSubmission,
  DEFAULT_RAMP,
  Period,
  StaffingPlan,
  StrategyAnalysis,
  TargetWeights,
  isWithinScope,
  type GrowthDecomposition,
  type KpiSet,
  type MarketSizeInput,
  type PerformanceDiagnosis,
  type QuotaAllocation,
  type RampSchedule,
  type Reconciliation,
} from '@opscycle/domain';
import {
  bottomUpSubmissionId,
  bottomUpSubmissionModel,
  kpiSnapshotId,
  kpiSnapshotModel,
  loadPlanResult,
  loadQuotaAllocations,
  marketSizeModel,
  saveQuotaAllocations,
  savePlanResult,
  upsertBudgetLines,
  type PlanResultKind,
} from '@opscycle/storage';
import { isRevenue, summarizeActuals } from './actuals';
import { planBudget as computeBudget } from './budget';
import { isoDate, lastDayOfMonth, monthsOf, quarterRange } from './dates';
import { decomposeTarget, type HistoryLine } from './decomposition';
import { diagnosePerformance } from './diagnosis';
import { planningError } from './errors';
import { forecastNextYear, seasonalIndices } from './forecast';
import { decomposeGrowth } from './growth';
import { computeKpis } from './kpis';
import { proposeTarget } from './proposal';
import { reconcileTargets as computeReconciliation } from './reconciliation';
import { planStaffing as computeStaffing, rampFactor } from './staffing';
import {
  loadBudgetLines,
  loadDealsOfTeams,
  loadPlanningOrg,
  loadWonDeals,
  planningNodes,
  teamsUnder,
  type PlanningOrg,
} from './load';

/** What every planning step is called with: the cycle it belongs to and the organisation's root unit. */
export interface PlanningStepInput {
  cycleId: string;
  fiscalYear: number;
  companyId: string;
}

export interface StrategySummary {
  fiscalYear: number;
  currency: string;
  companyTargetMinor: number;
  forecastMinor: number;
  trendGrowthRate: number;
  growth: GrowthDecomposition['totals'];
  rationale: string;
}

export interface TargetSummary {
  companyTargetMinor: number;
  allocations: number;
  regions: { unitId: string; amountMinor: number }[];
}

export interface StaffingSummary {
  totalNewHires: number;
  currentHeadcount: number;
  hiringPlan: StaffingPlan['hiringPlan'];
}

export interface BudgetSummary {
  totalMinor: number;
  byCategory: BudgetPlan['byCategory'];
  lines: number;
}

export interface PerformanceSummary {
  unitId: string;
  period: Period;
  kpis: KpiSet;
  diagnosis: PerformanceDiagnosis;
  children: {
    unitId: string;
    achievement: number | null;
    status: PerformanceDiagnosis['status'];
    primaryCause: PerformanceDiagnosis['primaryCause'];
  }[];
}

const yearRange = (year: number) => ({ from: isoDate(year, 1, 1), to: isoDate(year, 12, 31) });

async function required<T>(
  connection: mongoose.Connection,
  kind: PlanResultKind,
  cycleId: string,
  schema: { parse(value: unknown): T },
): Promise<T> {
  const stored = await loadPlanResult(connection, kind, cycleId);
  if (stored === null)
    throw planningError('PLANNING_MISSING_STEP', `cycle ${cycleId} has no ${kind} yet`, { cycleId, kind });
  return schema.parse(stored);
}

function historyLines(
  org: PlanningOrg,
  deals: readonly {
    teamId: string;
    repId: string;
    productLine: string;
    customerSize: 'key' | 'smb';
    amountMinor: number;
  }[],
): HistoryLine[] {
  const teams = new Set(org.regionOfTeam.keys());
  return deals
    .filter((d) => teams.has(d.teamId))
    .map((d) => ({
      teamId: d.teamId,
      repId: d.repId,
      productLine: d.productLine,
      customerSize: d.customerSize,
      revenueMinor: d.amountMinor,
    }));
}

/** Reps' full-productivity equivalents in a year: the ramp of those hired recently counts part. */
function effectiveReps(
  reps: readonly { hiredOn?: string | undefined }[],
  year: number,
  ramp: RampSchedule,
): number {
  const starts = [1, 2, 3, 4].map((q) => quarterRange(year, q).from);
  return reps.reduce(
    (sum, rep) => sum + starts.reduce((s, start) => s + rampFactor(ramp, rep.hiredOn, start) / 4, 0),
    0,
  );
}

/** Parses `2026-03`, `2026-Q1` or `2026` into an inclusive period. */
export function parsePeriod(period: string): Period {
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month)
    return { from: `${month[1]}-${month[2]}-01`, to: lastDayOfMonth(Number(month[1]), Number(month[2])) };
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return quarterRange(Number(quarter[1]), Number(quarter[2]));
  if (/^\d{4}$/.test(period)) return yearRange(Number(period));
  throw planningError('PLANNING_INVALID_INPUT', `period "${period}" is not YYYY-MM, YYYY-Qn or YYYY`, {
    period,
  });
}

/**
 * The planning steps of the annual cycle as Temporal activities. Each reads its inputs from Mongo,
 * computes with the pure functions of this folder, stores its result keyed by cycle (a retry or a
 * resubmission replaces it) and returns a small summary for the workflow's history.
 */
export function createPlanningActivities(deps: { connection: mongoose.Connection }) {
  const { connection } = deps;

  async function analyzeStrategy(
    input: PlanningStepInput & { stretchPct?: number },
  ): Promise<StrategySummary> {
    const org = await loadPlanningOrg(connection, input.companyId);
    const first = input.fiscalYear - 2;
    const deals = await loadWonDeals(connection, yearRange(first).from, yearRange(input.fiscalYear - 1).to);
    const inOrg = deals.filter((d) => org.regionOfTeam.has(d.teamId));
    const actuals = summarizeActuals(inOrg, org.regionOfTeam);
    const regions = new Set(org.units.map((u) => u.id));
    const markets = await marketSizeModel(connection)
      .find({ fiscalYear: { $gte: first, $lte: input.fiscalYear - 1 } }, { _id: 0 })
      .lean<MarketSizeInput[]>();
    const growth = decomposeGrowth(
      actuals,
      markets.filter((m) => regions.has(m.regionId)),
      first,
      input.fiscalYear - 1,
    );
    const forecast = forecastNextYear(actuals, input.fiscalYear);
    const proposal = proposeTarget(forecast, growth, input.stretchPct);
    const analysis = StrategyAnalysis.parse({ fiscalYear: input.fiscalYear, growth, forecast, proposal });
    await savePlanResult(connection, {
      kind: 'strategyAnalysis',
      cycleId: input.cycleId,
      fiscalYear: input.fiscalYear,
      result: analysis,
    });
    return {
      fiscalYear: input.fiscalYear,
      currency: proposal.currency,
      companyTargetMinor: proposal.companyTargetMinor,
      forecastMinor: forecast.totalMinor,
      trendGrowthRate: forecast.trendGrowthRate,
      growth: growth.totals,
      rationale: proposal.rationale,
    };
  }

  async function decomposeTargets(
    input: PlanningStepInput & { companyTargetMinor?: number; weights?: TargetWeights },
  ): Promise<TargetSummary> {
    const org = await loadPlanningOrg(connection, input.companyId);
    const lastYear = yearRange(input.fiscalYear - 1);
    const deals = (await loadWonDeals(connection, lastYear.from, lastYear.to)).filter((d) =>
      org.regionOfTeam.has(d.teamId),
    );
    // A target given outright (e.g. last year's plan entered after the fact) needs no strategy
    // analysis: it is phased by last year's seasonality alone.
    const strategy =
      input.companyTargetMinor === undefined ||
      (await loadPlanResult(connection, 'strategyAnalysis', input.cycleId)) !== null
        ? await required(connection, 'strategyAnalysis', input.cycleId, StrategyAnalysis)
        : null;
    const totalMinor = input.companyTargetMinor ?? strategy?.proposal.companyTargetMinor ?? 0;
    const seasonality =
      strategy?.forecast.seasonalIndices ??
      seasonalIndices(summarizeActuals(deals, org.regionOfTeam).lines, [input.fiscalYear - 1]);
    const markets = await marketSizeModel(connection)
      .find({ fiscalYear: input.fiscalYear - 1 }, { _id: 0 })
      .lean();
    const potential = new Map<string, number>();
    for (const m of markets) potential.set(m.regionId, (potential.get(m.regionId) ?? 0) + m.marketSizeMinor);
    const allocations = decomposeTarget({
      fiscalYear: input.fiscalYear,
      currency: strategy?.proposal.currency ?? deals[0]?.currency ?? 'CNY',
      rootId: input.companyId,
      totalMinor,
      nodes: planningNodes(org),
      history: historyLines(org, deals),
      potential,
      weights: TargetWeights.parse(input.weights ?? { historyShare: 0.7, potential: 0.3 }),
      seasonalIndices: seasonality,
    });
    await saveQuotaAllocations(connection, input.cycleId, allocations);
    const root = allocations.find((a) => a.unitId === input.companyId);
    return {
      companyTargetMinor: root?.amountMinor ?? 0,
      allocations: allocations.length,
      regions: allocations
        .filter((a) => a.parentId === input.companyId)
        .map((a) => ({ unitId: a.unitId, amountMinor: a.amountMinor })),
    };
  }

  async function submitBottomUpTarget(input: {
    cycleId: string;
    submission: BottomUpSubmission;
  }): Promise<void> {
    const submission = BottomUpSubmission.parse(input.submission);
    const allocations = await loadQuotaAllocations(connection, input.cycleId);
    if (!allocations.some((a) => a.unitId === submission.unitId))
      throw planningError(
        'PLANNING_UNKNOWN_UNIT',
        `cycle ${input.cycleId} has no target for ${submission.unitId}`,
        {
          unitId: submission.unitId,
        },
      );
    const _id = bottomUpSubmissionId(input.cycleId, submission.unitId);
    await bottomUpSubmissionModel(connection).replaceOne(
      { _id },
      { ...submission, _id, cycleId: input.cycleId, submittedAt: new Date() },
      { upsert: true },
    );
  }

  async function reconcileTargets(input: PlanningStepInput): Promise<Reconciliation> {
    const allocations = await loadQuotaAllocations(connection, input.cycleId);
    const submissions = await bottomUpSubmissionModel(connection)
      .find({ cycleId: input.cycleId }, { _id: 0, cycleId: 0, submittedAt: 0 })
      .lean();
    const reconciliation = computeReconciliation(
      allocations,
      submissions.map((s) => BottomUpSubmission.parse(s)),
    );
    await savePlanResult(connection, {
      kind: 'reconciliation',
      cycleId: input.cycleId,
      fiscalYear: input.fiscalYear,
      result: reconciliation,
    });
    return reconciliation;
  }

  async function planStaffing(
    input: PlanningStepInput & { ramp?: RampSchedule; maxHiresPerQuarter?: number },
  ): Promise<StaffingSummary> {
    const allocations = await loadQuotaAllocations(connection, input.cycleId);
    if (allocations.length === 0)
      throw planningError('PLANNING_MISSING_STEP', `cycle ${input.cycleId} has no targets yet`);
    const org = await loadPlanningOrg(connection, input.companyId);
    const ramp = input.ramp ?? DEFAULT_RAMP;
    const lastYear = yearRange(input.fiscalYear - 1);
    const deals = await loadWonDeals(connection, lastYear.from, lastYear.to);
    const revenueOfTeam = new Map<string, number>();
    for (const d of deals) revenueOfTeam.set(d.teamId, (revenueOfTeam.get(d.teamId) ?? 0) + d.amountMinor);
    const teams = allocations.filter((a) => a.unitKind === 'team');
    const repsOf = (teamId: string) => org.reps.filter((r) => r.orgUnitId === teamId);
    // Productivity per fully ramped rep: the team's own when it had reps last year, else the company's.
    const productivity = (teamIds: string[]) => {
      const fte = teamIds.reduce(
        (sum, id) =>
          sum +
          effectiveReps(
            repsOf(id).filter((r) => (r.hiredOn ?? '') <= lastYear.to),
            input.fiscalYear - 1,
            ramp,
          ),
        0,
      );
      const revenue = teamIds.reduce((sum, id) => sum + (revenueOfTeam.get(id) ?? 0), 0);
      return fte > 0 ? Math.round(revenue / fte) : null;
    };
    const companyProductivity = productivity(teams.map((t) => t.unitId)) ?? 0;
    const plan = computeStaffing({
      fiscalYear: input.fiscalYear,
      currency: allocations[0]?.currency ?? 'CNY',
      ramp,
      ...(input.maxHiresPerQuarter === undefined ? {} : { maxHiresPerQuarter: input.maxHiresPerQuarter }),
      units: teams.map((team) => ({
        unitId: team.unitId,
        targetMinor: team.amountMinor,
        productivityPerRepMinor: productivity([team.unitId]) ?? companyProductivity,
        reps: repsOf(team.unitId).map((r) => ({ hiredOn: r.hiredOn })),
      })),
    });
    await savePlanResult(connection, {
      kind: 'staffingPlan',
      cycleId: input.cycleId,
      fiscalYear: input.fiscalYear,
      result: plan,
    });
    return {
      totalNewHires: plan.totalNewHires,
      currentHeadcount: plan.lines.reduce((sum, l) => sum + l.currentHeadcount, 0),
      hiringPlan: plan.hiringPlan,
    };
  }

  async function planBudget(input: PlanningStepInput): Promise<BudgetSummary> {
    const allocations = await loadQuotaAllocations(connection, input.cycleId);
    const org = await loadPlanningOrg(connection, input.companyId);
    const staffing =
      (await loadPlanResult(connection, 'staffingPlan', input.cycleId)) === null
        ? null
        : await required(connection, 'staffingPlan', input.cycleId, StaffingPlan);
    const lastYearSpend = (
      await loadBudgetLines(connection, { fiscalYear: input.fiscalYear - 1, basis: 'actual' })
    ).filter((l) => org.units.some((u) => u.id === l.unitId));
    const lastYear = yearRange(input.fiscalYear - 1);
    const deals = (await loadWonDeals(connection, lastYear.from, lastYear.to)).filter(isRevenue);
    const unitIds = [...new Set(lastYearSpend.map((l) => l.unitId))];
    const plan = computeBudget(
      input.fiscalYear,
      lastYearSpend,
      unitIds.map((unitId) => {
        const teams = new Set(teamsUnder(org, unitId));
        const unitDeals = deals.filter((d) => teams.has(d.teamId));
        const staffed = staffing?.lines.filter((l) => teams.has(l.unitId)) ?? [];
        const current = staffed.reduce((sum, l) => sum + l.currentHeadcount, 0);
        const hires = staffed.reduce((sum, l) => sum + l.newHires, 0);
        const allocation = allocations.find((a) => a.unitId === unitId);
        if (!allocation)
          throw planningError(
            'PLANNING_MISSING_STEP',
            `no target for budget unit ${unitId} in cycle ${input.cycleId}`,
            { unitId },
          );
        return {
          unitId,
          targetMinor: allocation.amountMinor,
          revenueMinor: unitDeals.reduce((sum, d) => sum + d.amountMinor, 0),
          channelRevenueMinor: unitDeals
            .filter((d) => d.channel === 'channel')
            .reduce((sum, d) => sum + d.amountMinor, 0),
          ...(current > 0 ? { headcountRatio: (current + hires) / current } : {}),
        };
      }),
    );
    await upsertBudgetLines(connection, plan.lines);
    await savePlanResult(connection, {
      kind: 'budgetPlan',
      cycleId: input.cycleId,
      fiscalYear: input.fiscalYear,
      result: plan,
    });
    return { totalMinor: plan.totalMinor, byCategory: plan.byCategory, lines: plan.lines.length };
  }

  async function reviewPerformance(input: {
    cycleId: string;
    unitId: string;
    period: Period | string;
    companyId?: string;
  }): Promise<PerformanceSummary> {
    const period = typeof input.period === 'string' ? parsePeriod(input.period) : Period.parse(input.period);
    const org = await loadPlanningOrg(connection, input.companyId ?? input.unitId);
    if (!org.units.some((u) => u.id === input.unitId))
      throw planningError('PLANNING_UNKNOWN_UNIT', `${input.unitId} is not below ${org.root.id}`, {
        unitId: input.unitId,
      });
    const allocations = new Map(
      (await loadQuotaAllocations(connection, input.cycleId)).map((a) => [a.unitId, a]),
    );
    const deals = await loadDealsOfTeams(connection, teamsUnder(org, input.unitId), period.to);
    const spend = await loadBudgetLines(connection, { basis: 'actual' });
    const months = monthsOf(period);

    // The period's target is the allocation's phasing over the period's months; a period outside
    // the allocation's fiscal year has no target (null), not a target of 0.
    const periodTarget = (allocation: QuotaAllocation | undefined) =>
      allocation === undefined || !months.some((m) => m.year === allocation.fiscalYear)
        ? null
        : months.reduce(
            (sum, m) =>
              sum + (m.year === allocation.fiscalYear ? (allocation.monthlyMinor[m.month - 1] ?? 0) : 0),
            0,
          );
    const kpisOf = (unitId: string) => {
      const teams = new Set(teamsUnder(org, unitId));
      const reps = org.reps.filter((r) => teams.has(r.orgUnitId));
      return computeKpis({
        unitId,
        period,
        currency: allocations.get(unitId)?.currency ?? deals[0]?.currency ?? 'CNY',
        deals: deals.filter((d) => teams.has(d.teamId)),
        targetMinor: periodTarget(allocations.get(unitId)),
        headcountByMonth: months.map(
          (m) => reps.filter((r) => (r.hiredOn ?? '') <= lastDayOfMonth(m.year, m.month)).length,
        ),
        spend: spend.filter((l) => isWithinScope(org.units, unitId, l.unitId)),
      });
    };
    const kpis = kpisOf(input.unitId);
    const diagnosis = diagnosePerformance(kpis, kpis);
    // Every unit below is reviewed from the same deals, each against its parent (the benchmark a
    // manager compares their teams with); one call reviews a whole subtree.
    const reviewed = new Map([[input.unitId, { kpis, diagnosis }]]);
    const below: { kpis: KpiSet; diagnosis: PerformanceDiagnosis }[] = [];
    for (let frontier = [input.unitId]; frontier.length > 0;) {
      const next: string[] = [];
      for (const unit of org.units.filter((u) => u.parentId !== null && frontier.includes(u.parentId))) {
        const parent = reviewed.get(unit.parentId ?? '');
        const unitKpis = kpisOf(unit.id);
        const entry = { kpis: unitKpis, diagnosis: diagnosePerformance(unitKpis, parent?.kpis ?? kpis) };
        reviewed.set(unit.id, entry);
        below.push(entry);
        next.push(unit.id);
      }
      frontier = next;
    }
    const children = below.filter(
      (c) => org.units.find((u) => u.id === c.kpis.unitId)?.parentId === input.unitId,
    );
    const computedAt = new Date();
    for (const entry of [{ kpis, diagnosis }, ...below]) {
      const _id = kpiSnapshotId(input.cycleId, entry.kpis.unitId, period);
      await kpiSnapshotModel(connection).replaceOne(
        { _id },
        {
          _id,
          cycleId: input.cycleId,
          unitId: entry.kpis.unitId,
          periodFrom: period.from,
          periodTo: period.to,
          ...entry,
          computedAt,
        },
        { upsert: true },
      );
    }
    return {
      unitId: input.unitId,
      period,
      kpis,
      diagnosis,
      children: children.map((c) => ({
        unitId: c.kpis.unitId,
        achievement: c.kpis.achievement,
        status: c.diagnosis.status,
        primaryCause: c.diagnosis.primaryCause,
      })),
    };
  }

  return {
    analyzeStrategy,
    decomposeTargets,
    submitBottomUpTarget,
    reconcileTargets,
    planStaffing,
    planBudget,
    reviewPerformance,
  };
}

export type PlanningActivities = ReturnType<typeof createPlanningActivities>;
