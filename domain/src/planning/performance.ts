import { z } from 'zod';
import { CurrencyCode, MinorUnits } from '../money';
import { Id } from '../org';
import { Period, Ratio } from './common';
import { FunnelStage } from './deal';
import { RoiLine } from './budget';

/** The KPIs of domain.md for one unit and period. Every ratio is null when its denominator is 0. */
export const KpiSet = z.object({
  unitId: Id,
  period: Period,
  currency: CurrencyCode,
  /** Won in the period and not refunded. */
  revenueMinor: MinorUnits,
  targetMinor: MinorUnits.nullable(),
  achievement: Ratio,
  /** Invoiced = won in the period; collected = of that, cash received by the period's end. */
  invoicedMinor: MinorUnits,
  collectedMinor: MinorUnits,
  collectionRate: Ratio,
  refundedMinor: MinorUnits,
  newCustomers: z.number().int().nonnegative(),
  leadsCreated: z.number().int().nonnegative(),
  /** Of the leads created in the period, how many are won (by now). */
  leadsWon: z.number().int().nonnegative(),
  leadConversion: Ratio,
  /** Leads of the period reaching each stage, and the share going on to the next stage (won after the last). */
  stageConversion: z.array(
    z.object({ stage: FunnelStage, reached: z.number().int().nonnegative(), toNext: Ratio }),
  ),
  proposalsSubmitted: z.number().int().nonnegative(),
  proposalsAccepted: z.number().int().nonnegative(),
  proposalPassRate: Ratio,
  wonDeals: z.number().int().nonnegative(),
  averageDealMinor: MinorUnits.nullable(),
  averageSalesCycleDays: z.number().nullable(),
  averageHeadcount: z.number().nullable(),
  salesPerHeadMinor: MinorUnits.nullable(),
  salesAndMarketingSpendMinor: MinorUnits,
  cacMinor: MinorUnits.nullable(),
  ltvMinor: MinorUnits.nullable(),
  roiByLine: z.array(RoiLine),
});
export type KpiSet = z.infer<typeof KpiSet>;

export const DIAGNOSIS_CAUSES = ['leadShortfall', 'conversion', 'dealSize', 'collection'] as const;
export const DiagnosisCause = z.enum(DIAGNOSIS_CAUSES);
export type DiagnosisCause = z.infer<typeof DiagnosisCause>;

export const DIAGNOSIS_STATUSES = ['onTrack', 'behind', 'noTarget'] as const;

export const DiagnosisFinding = z.object({
  cause: DiagnosisCause,
  metric: z.string(),
  actual: z.number().nullable(),
  benchmark: z.number().nullable(),
  /** actual / benchmark; below the threshold it is a finding. */
  ratio: z.number().nullable(),
  message: z.string(),
});
export type DiagnosisFinding = z.infer<typeof DiagnosisFinding>;

/** Why a unit is behind: not enough leads, or low conversion, or small deals; and cash collection. */
export const PerformanceDiagnosis = z.object({
  unitId: Id,
  period: Period,
  status: z.enum(DIAGNOSIS_STATUSES),
  achievement: Ratio,
  primaryCause: DiagnosisCause.nullable(),
  findings: z.array(DiagnosisFinding),
});
export type PerformanceDiagnosis = z.infer<typeof PerformanceDiagnosis>;

export const PerformanceReview = z.object({
  unitId: Id,
  period: Period,
  kpis: KpiSet,
  diagnosis: PerformanceDiagnosis,
  /** Target vs actual for each child unit. */
  children: z.array(z.object({ kpis: KpiSet, diagnosis: PerformanceDiagnosis })),
});
export type PerformanceReview = z.infer<typeof PerformanceReview>;
