import { z } from 'zod';
import { CurrencyCode, MinorUnits } from '../money';
import { Id } from '../org';
import {
  BottomUpSubmission,
  KpiSet,
  PerformanceDiagnosis,
  QuotaAllocation,
  StrategyAnalysis,
} from '../planning';
import { CycleParam } from './cycles';

export const CycleUnitParams = CycleParam.extend({ orgUnitId: Id });
export const CyclePersonParams = CycleParam.extend({ personId: Id });
export const QuotaList = z.object({ allocations: z.array(QuotaAllocation) });

/** A manager's bottom-up number for their unit; who submits is the signed-in user. */
export const SubmissionRequest = z.object({
  amountMinor: MinorUnits.nonnegative(),
  currency: CurrencyCode,
  comment: z.string().max(2000).default(''),
});
export const SubmissionView = BottomUpSubmission.extend({
  cycleId: z.string(),
  submittedAt: z.iso.datetime(),
});
export const SubmissionList = z.object({ submissions: z.array(SubmissionView) });

export const PLAN_RESULT_ROUTES = [
  'strategyAnalysis',
  'reconciliation',
  'staffingPlan',
  'budgetPlan',
] as const;
export const PlanResultParams = CycleParam.extend({ kind: z.enum(PLAN_RESULT_ROUTES) });
export const PlanResultView = z.object({
  kind: z.enum(PLAN_RESULT_ROUTES),
  cycleId: z.string(),
  result: z.unknown(),
});

export const KpiQuery = z.object({
  cycleId: CycleParam.shape.cycleId.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export const KpiSnapshotView = z.object({
  cycleId: z.string(),
  unitId: Id,
  kpis: KpiSet,
  diagnosis: PerformanceDiagnosis,
  computedAt: z.iso.datetime(),
});
export const KpiList = z.object({ snapshots: z.array(KpiSnapshotView) });

/** The ops admin's change of the proposed company target, before target setting reads it. */
export const TargetAdjustmentRequest = z.object({
  companyTargetMinor: MinorUnits.positive(),
  reason: z.string().trim().min(3).max(2000),
});
export const TargetAdjustment = TargetAdjustmentRequest.extend({
  /** What the strategy analysis proposed (kept from the first adjustment on). */
  proposedMinor: MinorUnits.positive(),
  adjustedBy: z.string().min(1),
  adjustedAt: z.iso.datetime(),
});
export type TargetAdjustment = z.infer<typeof TargetAdjustment>;
/**
 * The stored strategy analysis; with an adjustment, `proposal.companyTargetMinor` is the adjusted
 * target (what target decomposition reads) and `adjustment` says from what, by whom and why.
 */
export const AdjustedStrategyAnalysis = StrategyAnalysis.extend({ adjustment: TargetAdjustment.optional() });
export type AdjustedStrategyAnalysis = z.infer<typeof AdjustedStrategyAnalysis>;
