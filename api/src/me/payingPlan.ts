import type mongoose from 'mongoose';
import {
  DomainError,
  reviewPeriodRange,
  type IncentivePayee,
  type IncentivePeriodInput,
  type RepPlan,
  type RuleSetVersion,
} from '@opscycle/domain';
import { ruleSetVersionOn } from '@opscycle/rules';
import {
  buildIncentiveInput,
  loadRepPlanOf,
  type CreditedDeal,
  loadRuleSetVersion,
  loadRuleSetVersionsOfKind,
} from '@opscycle/storage';

/** The published plan version that pays a person on a day, and where that answer comes from. */
export interface PayingPlan {
  version: RuleSetVersion;
  /** The rep plan incentive publication pinned for the year, when a cycle published one. */
  repPlan: RepPlan | null;
  /** The payout plan whose runs pay the person (ledger records of other plans do not count). */
  payoutPlanId: string;
}

/**
 * Which plan pays a person on `date`: the version their cycle pinned to them for the year (their rep
 * plan), else the incentive plan version in force that day (one org pays by one incentive plan at a
 * time; should several be in force, the latest published). Refuses when nothing pays them then.
 */
export async function payingPlanOn(
  connection: mongoose.Connection,
  personId: string,
  date: string,
): Promise<PayingPlan> {
  const repPlan = await loadRepPlanOf(connection, personId, Number(date.slice(0, 4)));
  if (repPlan) {
    const { ruleSetId, version } = repPlan.incentiveRuleSet;
    const pinned = await loadRuleSetVersion(connection, ruleSetId, version);
    if (!pinned)
      throw new DomainError(
        'RULE_SET_VERSION_NOT_FOUND',
        `rule set ${ruleSetId} has no version ${version} (pinned by plan ${repPlan.planId})`,
        { ruleSetId, version },
      );
    return { version: pinned, repPlan, payoutPlanId: repPlan.incentivePlanId };
  }
  const byRuleSet = new Map<string, RuleSetVersion[]>();
  for (const v of await loadRuleSetVersionsOfKind(connection, 'incentive'))
    byRuleSet.set(v.ruleSetId, [...(byRuleSet.get(v.ruleSetId) ?? []), v]);
  const inForce = [...byRuleSet.values()]
    .map((versions) => ruleSetVersionOn(versions, date))
    .filter((v): v is RuleSetVersion => v !== undefined)
    .sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : -1));
  const version = inForce[0];
  if (!version)
    throw new DomainError('MY_PLAN_NOT_FOUND', `no published incentive plan pays ${personId} on ${date}`, {
      personId,
      date,
    });
  return { version, repPlan: null, payoutPlanId: version.ruleSetId };
}

/** The fiscal (= calendar) quarters of a year: the periods payout runs pay. */
export function quartersOf(year: number) {
  return [1, 2, 3, 4].map((q) => {
    const period = `${year}-Q${q}`;
    return { period, ...reviewPeriodRange(period) };
  });
}

export const quarterOf = (date: string) => `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;

/**
 * One person's incentive input for a period, built as a payout run builds it, narrowed to that
 * person: their own payee record and only the deals credited to them (never anyone else's data,
 * even a manager's team). Refuses when the person is not paid in the period (not hired yet).
 */
export async function ownPeriodInput(
  connection: mongoose.Connection,
  personId: string,
  period: string,
  payoutPlanId: string,
  /** The person's deals read once for several periods (`loadCreditedDeals`); read here when absent. */
  deals?: readonly CreditedDeal[],
): Promise<IncentivePeriodInput & { payees: [IncentivePayee] }> {
  const { input } = await buildIncentiveInput(connection, {
    period,
    planId: payoutPlanId,
    includes: (payeeId) => payeeId === personId,
    ...(deals ? { deals } : {}),
  });
  const own = input.payees.find((p) => p.payeeId === personId);
  if (!own)
    throw new DomainError('MY_PERIOD_NOT_FOUND', `${personId} is not paid by incentive plans in ${period}`, {
      personId,
      period,
    });
  return {
    period: input.period,
    payees: [own],
    dealLines: (input.dealLines ?? []).filter((d) => d.credits.some((c) => c.payeeId === personId)),
    paidDeals: (input.paidDeals ?? []).filter((d) => d.payeeId === personId),
  };
}
