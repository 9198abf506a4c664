import type mongoose from 'mongoose';
import { assertEffectiveFor, DomainError, reviewPeriodRange, type PayeePayout } from '@opscycle/domain';
import { evaluateIncentive, verifyRuleSetVersion } from '@opscycle/rules';
import { buildIncentiveInput, loadRuleSetVersion } from '@opscycle/storage';
import { partitionOf, type ComputePartitionPayouts } from './payout.activities';

/**
 * The payout run's computation backed by @opscycle/rules: the pinned incentive rule set (checksum
 * re-verified, effective for the period) evaluated on the partition's evaluator input from the shared
 * builder (`buildIncentiveInput`: deals won or refunded in the period, quotas, earlier paid deals for
 * clawbacks, carried draw balances, managers for overrides). Each payout line keeps the rule set's
 * explanation; what the period leaves for later ones (paid deals, draw balance) travels as `carry`.
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

    assertEffectiveFor(ruleSet, input.planId, { id: input.period, ...reviewPeriodRange(input.period) });
    const { input: evaluatorInput, payeeIds } = await buildIncentiveInput(connection, {
      period: input.period,
      planId: input.planId,
      includes: (payeeId) => partitionOf(payeeId, input.partitionCount) === input.partition,
      ...(input.dealChunks === undefined
        ? {}
        : { dealSnapshot: { runId: input.runId, partition: input.partition, chunks: input.dealChunks } }),
    });
    if (payeeIds.length === 0) return [];
    const result = await evaluateIncentive(ruleSet.compiled, evaluatorInput);
    const paid = new Set(payeeIds);
    return result.payees
      .filter((payee) => paid.has(payee.payeeId))
      .map((payee): PayeePayout => ({
        payeeId: payee.payeeId,
        lines: payee.lines.map((line) => ({
          lineKey: line.lineKey,
          amountMinor: line.amountMinor,
          currency: line.currency,
          explanation: line.explanation,
        })),
        carry: {
          paidDeals: payee.paidDeals.map((d) => ({ dealId: d.dealId, rate: d.rate })),
          drawBalanceMinor: payee.nextState.drawBalanceMinor,
        },
      }));
  };
}
