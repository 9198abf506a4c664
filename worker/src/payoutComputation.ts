import type mongoose from 'mongoose';
import {
  DomainError,
  type Deal,
  type IncentiveDealLine,
  type IncentivePayee,
  type PayeePayout,
  type Period,
  type Person,
} from '@opscycle/domain';
import { evaluateIncentive, verifyRuleSetVersion } from '@opscycle/rules';
import { dealModel, loadPeople, loadRuleSetVersion, quotaAllocationModel } from '@opscycle/storage';
import { partitionOf, type ComputePartitionPayouts } from './payout.activities';
import { parsePeriod } from './planning/planning.activities';

/**
 * No target incentive is stored anywhere yet, so it is derived here and only here: 10% of the
 * payee's quota for the period, rounded down to whole minor units. Caps such as "200% of target
 * incentive" therefore scale with quota.
 */
export const TARGET_INCENTIVE_PCT_OF_QUOTA = 10;
const targetIncentiveOf = (quotaMinor: number) =>
  Math.floor((quotaMinor * TARGET_INCENTIVE_PCT_OF_QUOTA) / 100);

/** 1-based months (January = 1) covered by an inclusive period inside one calendar (= fiscal) year. */
function monthsOf(period: Period): number[] {
  const first = Number(period.from.slice(5, 7));
  const last = Number(period.to.slice(5, 7));
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/**
 * Each rep's quota for the period: the months of the period summed from the rep's stored annual
 * allocation (its seasonal phasing). A rep without a stored allocation carries a quota of 0, so
 * attainment-based components pay nothing for them (the plan's lines explain it) rather than an
 * invented number.
 */
async function periodQuotas(
  connection: mongoose.Connection,
  repIds: readonly string[],
  period: Period,
): Promise<Map<string, number>> {
  const allocations = await quotaAllocationModel(connection)
    .find({ fiscalYear: Number(period.from.slice(0, 4)), unitKind: 'rep', unitId: { $in: repIds } })
    .sort({ cycleId: 1 })
    .lean();
  const months = monthsOf(period);
  const quotas = new Map<string, number>();
  for (const allocation of allocations) {
    // One org, one cycle a year: should two cycles hold the rep, the first by cycle id wins.
    if (quotas.has(allocation.unitId)) continue;
    quotas.set(
      allocation.unitId,
      months.reduce((sum, m) => sum + (allocation.monthlyMinor[m - 1] ?? 0), 0),
    );
  }
  return quotas;
}

/** A CRM deal as incentive crediting sees it: fully credited to its rep, closed when won. */
function dealLineOf(deal: Deal & { wonOn: string }): IncentiveDealLine {
  return {
    dealId: deal.dealId,
    amountMinor: deal.amountMinor,
    currency: deal.currency,
    productLine: deal.productLine,
    customerId: deal.customerId,
    newCustomer: deal.isNewCustomer,
    closedOn: deal.wonOn,
    status: deal.status,
    ...(deal.refundedOn ? { refundedOn: deal.refundedOn } : {}),
    discountPct: deal.discountPct,
    credits: [{ payeeId: deal.repId, share: 1 }],
  };
}

/** Collected / invoiced over the rep's deals won in the period; 1 when nothing was invoiced. */
function collectionRateOf(deals: readonly Deal[]): number {
  const invoiced = deals.reduce((sum, d) => sum + d.invoicedMinor, 0);
  return invoiced > 0 ? deals.reduce((sum, d) => sum + d.collectedMinor, 0) / invoiced : 1;
}

/**
 * The payout run's computation backed by @opscycle/rules: the pinned incentive rule set (checksum
 * re-verified), the partition's reps, their deals won in the period and their period quota go through
 * `evaluateIncentive`; each payout line keeps the rule set's explanation.
 *
 * Not covered yet (no stored state to feed them): refunds of deals paid in earlier periods (needs the
 * `paidDeals` of those runs), recoverable draws (needs carried draw balances; tenure is therefore not
 * passed, so no draw is paid that could never be recovered) and manager overrides (payees are reps).
 */
export function computePartitionPayoutsFromRules(connection: mongoose.Connection): ComputePartitionPayouts {
  return async (input) => {
    const { ruleSetId, version } = input.incentiveRuleSet;
    const ruleSet = await loadRuleSetVersion(connection, ruleSetId, version);
    if (!ruleSet)
      throw new DomainError(
        'PAYOUT_RULE_SET_UNKNOWN',
        `incentive rule set ${ruleSetId}@${version} of payout run ${input.runId} is not published`,
        { ruleSetId, version },
      );
    if (ruleSet.kind !== 'incentive')
      throw new DomainError(
        'PAYOUT_RULE_SET_UNKNOWN',
        `rule set ${ruleSetId}@${version} is ${ruleSet.kind}, not an incentive plan`,
        { ruleSetId, version },
      );
    verifyRuleSetVersion(ruleSet);
    if (ruleSet.compiled.currency !== input.currency)
      throw new DomainError(
        'PAYOUT_CURRENCY_MISMATCH',
        `payout run ${input.runId} pays in ${input.currency}, rule set ${ruleSetId}@${version} in ${ruleSet.compiled.currency ?? 'no currency'}`,
        { ruleSetId, version, currency: input.currency },
      );

    const period = parsePeriod(input.period);
    const reps = (await loadPeople(connection)).filter(
      (p: Person) => p.role === 'rep' && partitionOf(p.id, input.partitionCount) === input.partition,
    );
    if (reps.length === 0) return [];
    const repIds = reps.map((r) => r.id);
    const deals = (
      await dealModel(connection)
        .find({
          repId: { $in: repIds },
          status: { $in: ['won', 'refunded'] },
          wonOn: { $gte: period.from, $lte: period.to },
        })
        .sort({ dealId: 1 })
        .lean<Deal[]>()
    ).filter((d): d is Deal & { wonOn: string } => d.wonOn !== null);
    const quotas = await periodQuotas(connection, repIds, period);

    const payees: IncentivePayee[] = reps.map((rep) => {
      const quotaMinor = quotas.get(rep.id) ?? 0;
      return {
        payeeId: rep.id,
        quotaMinor,
        targetIncentiveMinor: targetIncentiveOf(quotaMinor),
        collectionRate: collectionRateOf(deals.filter((d) => d.repId === rep.id)),
        ...(rep.salesRole ? { salesRole: rep.salesRole } : {}),
      };
    });
    const result = await evaluateIncentive(ruleSet.compiled, {
      period: { id: input.period, ...period },
      payees,
      dealLines: deals.map(dealLineOf),
    });
    return result.payees.map((payee): PayeePayout => ({
      payeeId: payee.payeeId,
      lines: payee.lines.map((line) => ({
        lineKey: line.lineKey,
        amountMinor: line.amountMinor,
        currency: line.currency,
        explanation: line.explanation,
      })),
    }));
  };
}
