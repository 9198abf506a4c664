import {
  manualAdjustmentLineKey,
  type ManualAdjustment,
  type PayeePayout,
  type PayoutLine,
} from '@opscycle/domain';

const MANUAL = manualAdjustmentLineKey('');

/** A manual adjustment is an `adjustment` line even in a period's first revision. */
export const lineKindOf = (line: PayoutLine): 'payout' | 'adjustment' =>
  line.lineKey.startsWith(MANUAL) ? 'adjustment' : 'payout';

/**
 * The payees' computed lines plus the manual adjustments the run claimed for them, each under its
 * stable line key: a re-run of the period finds the key already paid and pays it no second time. A
 * payee with an adjustment and nothing computed this period gets a payout of that line alone.
 */
export function withManualAdjustments(
  payouts: readonly PayeePayout[],
  adjustments: readonly ManualAdjustment[],
): PayeePayout[] {
  const lineOf = (adjustment: ManualAdjustment): PayoutLine => ({
    lineKey: manualAdjustmentLineKey(adjustment.adjustmentId),
    amountMinor: adjustment.amountMinor,
    currency: adjustment.currency,
    explanation: [
      `manual adjustment ${adjustment.amountMinor} approved by ${adjustment.approvedBy}: ${adjustment.reason}`,
    ],
  });
  const result = payouts.map((payout) => ({
    ...payout,
    lines: [...payout.lines, ...adjustments.filter((a) => a.payeeId === payout.payeeId).map(lineOf)],
  }));
  const computed = new Set(payouts.map((p) => p.payeeId));
  const others = [...new Set(adjustments.map((a) => a.payeeId).filter((id) => !computed.has(id)))].sort();
  for (const payeeId of others)
    result.push({ payeeId, lines: adjustments.filter((a) => a.payeeId === payeeId).map(lineOf) });
  return result;
}
