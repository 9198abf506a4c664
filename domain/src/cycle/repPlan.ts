import { z } from 'zod';
import { CurrencyCode, MinorUnits } from '../money';
import { Id } from '../org';
import { Ratio } from '../planning/common';
import { PinnedRuleSet } from './template';

/**
 * A rep's plan for one fiscal year (one cycle): the incentive rule-set version pinned at incentive
 * publication, the rep's quota, and the rep's acknowledgment. Locked at year close.
 */
export const RepPlan = z.object({
  planId: z.string().min(1),
  cycleId: z.string().min(1),
  fiscalYear: z.number().int(),
  orgId: Id,
  personId: Id,
  orgUnitId: Id,
  /** The payout plan (template.payout.planId) whose runs pay this rep. */
  incentivePlanId: Id,
  incentiveRuleSet: PinnedRuleSet,
  /** The rep's quota from target setting, when target setting allocated one. */
  quotaMinor: MinorUnits.nullable(),
  currency: CurrencyCode,
  publishedAt: z.coerce.date(),
  acknowledgedAt: z.coerce.date().nullable(),
  lockedAt: z.coerce.date().nullable(),
});
export type RepPlan = z.infer<typeof RepPlan>;

/**
 * The business key of a rep's plan: `<cycleId>:<personId>`. Cycle ids (`cycle-FY2027-acme`) hold
 * no ':', so the person is everything after the first one: the API finds whom a plan concerns from
 * its id alone and answers 403 for another rep's plan whether or not it exists.
 */
export const repPlanId = (cycleId: string, personId: string) => `${cycleId}:${personId}`;
export function personOfRepPlanId(planId: string): string | undefined {
  const at = planId.indexOf(':');
  return at > 0 && at < planId.length - 1 ? planId.slice(at + 1) : undefined;
}

/** Sent to the cycle when a rep acknowledges their plan (after it is stored). */
export const PlanAcknowledged = z.object({ planId: z.string().min(1), personId: Id });
export type PlanAcknowledged = z.infer<typeof PlanAcknowledged>;

/** One unit's year as closed: its target against what it sold, and what its people were paid. */
export const UnitYearSummary = z.object({
  cycleId: z.string().min(1),
  fiscalYear: z.number().int(),
  unitId: Id,
  targetMinor: MinorUnits,
  actualMinor: MinorUnits,
  /** actual / target; null without a target. */
  attainment: Ratio,
  /** Sum of the exported statements of the unit's payees (all periods and revisions). */
  paidOutMinor: MinorUnits,
  currency: CurrencyCode,
});
export type UnitYearSummary = z.infer<typeof UnitYearSummary>;
