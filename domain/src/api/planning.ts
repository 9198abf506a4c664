import { z } from 'zod';
import { CurrencyCode, MinorUnits } from '../money';
import { Id } from '../org';
import { BottomUpSubmission, KpiSet, PerformanceDiagnosis, QuotaAllocation } from '../planning';
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
