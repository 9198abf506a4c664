import { z } from 'zod';
import { PinnedRuleSet, ReviewPeriod } from '../cycle/template';
import { CurrencyCode, MinorUnits } from '../money';
import { Id } from '../org';
import { Ratio } from '../planning/common';

/*
 * A rep's own screen ("My plan & pay"): every /api/me route answers for the caller only. Managers
 * read a rep in their scope through the person and plan routes instead.
 */

/** `?asOf=YYYY-MM-DD`: the day the plan, quotas and pace are read for (today when absent). */
export const MyAsOfQuery = z.object({ asOf: z.iso.date().optional() });
export type MyAsOfQuery = z.infer<typeof MyAsOfQuery>;

/** One fiscal quarter of the plan's year (the periods payout runs pay). */
export const MyPeriod = z.object({ period: ReviewPeriod, from: z.iso.date(), to: z.iso.date() });

/** The published plan version that pays the caller, and the caller's acknowledgment of it. */
export const MyPlan = z.object({
  plan: PinnedRuleSet.extend({
    name: z.string(),
    checksum: z.string(),
    effectiveFrom: z.iso.date(),
    effectiveTo: z.iso.date().nullable(),
    currency: CurrencyCode,
    publishedAt: z.iso.datetime(),
  }),
  /** `cycle`: pinned to the rep by incentive publication (repPlanId); `published`: the version in force. */
  source: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('cycle'), repPlanId: z.string().min(1) }),
    z.object({ kind: z.literal('published') }),
  ]),
  personId: Id,
  fiscalYear: z.number().int(),
  quotas: z.array(MyPeriod.extend({ quotaMinor: MinorUnits })),
  annualQuotaMinor: MinorUnits,
  acknowledgedAt: z.iso.datetime().nullable(),
});
export type MyPlan = z.infer<typeof MyPlan>;

export const PERIOD_PHASES = ['closed', 'current', 'upcoming'] as const;

/** Quota against credited actual, and pace against the straight line through the period. */
export const MyPeriodAttainment = MyPeriod.extend({
  phase: z.enum(PERIOD_PHASES),
  quotaMinor: MinorUnits,
  /** Revenue credited to the caller in the period, as the plan credits it. */
  actualMinor: MinorUnits,
  /** actual / quota; null without a quota. */
  attainment: Ratio,
  /** Share of the period's days elapsed on asOf (0 before it starts, 1 once it ended). */
  elapsed: z.number().min(0).max(1),
  /** The straight-line expectation for the elapsed part: quota × elapsed, rounded to minor units. */
  expectedToDateMinor: MinorUnits,
  /** actual / expectedToDate; null before the period starts or without a quota. */
  pace: Ratio,
});
export const MyAttainment = z.object({
  personId: Id,
  asOf: z.iso.date(),
  currency: CurrencyCode,
  plan: PinnedRuleSet,
  periods: z.array(MyPeriodAttainment),
  /** The product lines of the caller's deals in the year (what the estimator offers first). */
  productLines: z.array(z.string()),
});
export type MyAttainment = z.infer<typeof MyAttainment>;

/** "If I close this deal, what do I earn?": a hypothetical deal, credited fully to the caller. */
export const MyEstimateRequest = z.object({
  amountMinor: MinorUnits.positive(),
  productLine: Id,
  newCustomer: z.boolean(),
  closedOn: z.iso.date(),
});
export type MyEstimateRequest = z.infer<typeof MyEstimateRequest>;

export const MyEstimateLine = z.object({
  lineKey: z.string(),
  component: z.string(),
  withoutMinor: MinorUnits,
  withMinor: MinorUnits,
  deltaMinor: MinorUnits,
  /** Why the line pays what it pays with the deal (without it, when the deal removes the line). */
  explanation: z.array(z.string()),
});
export const MyEstimate = z.object({
  period: ReviewPeriod,
  plan: PinnedRuleSet,
  currency: CurrencyCode,
  lines: z.array(MyEstimateLine),
  withoutMinor: MinorUnits,
  withMinor: MinorUnits,
  deltaMinor: MinorUnits,
});
export type MyEstimate = z.infer<typeof MyEstimate>;
