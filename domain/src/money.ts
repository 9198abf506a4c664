import { z } from 'zod';

/**
 * Money is an integer count of minor units (cents, fen) with a currency. Arithmetic that can
 * produce fractions (rates, splits, proportions) rounds once, explicitly, with `roundMinor`.
 */
export const MinorUnits = z
  .number()
  .int()
  .refine(Number.isSafeInteger, 'amount exceeds the safe integer range');
export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY or USD');
export const Money = z.object({ amountMinor: MinorUnits, currency: CurrencyCode });
export type Money = z.infer<typeof Money>;

/**
 * OpsCycle's one rounding rule: half away from zero to a whole minor unit, applied once per payout
 * line (never to intermediate values). Away from zero so a clawback mirrors the payout it reverses.
 */
export function roundMinor(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`cannot round ${value} to minor units`);
  const rounded = Math.sign(value) * Math.round(Math.abs(value) + Number.EPSILON * Math.abs(value));
  return rounded === 0 ? 0 : rounded; // no negative zero in stored amounts
}

/**
 * Splits an integer total into integer parts proportional to the weights that sum exactly to the
 * total (largest remainder). The residue goes to the largest fractional parts; ties go to the
 * earlier entry, so the result is deterministic for the same input order.
 */
export function allocateByWeights<K>(
  total: number,
  entries: readonly { key: K; weight: number }[],
): Map<K, number> {
  if (!Number.isSafeInteger(total)) throw new RangeError(`total ${total} is not a safe integer`);
  const result = new Map<K, number>();
  if (entries.length === 0) {
    if (total !== 0) throw new RangeError('cannot allocate a non-zero total to no entries');
    return result;
  }
  for (const { weight } of entries) {
    if (!Number.isFinite(weight) || weight < 0)
      throw new RangeError(`weight ${weight} must be finite and >= 0`);
  }
  const weightSum = entries.reduce((sum, e) => sum + e.weight, 0);
  const shares = entries.map((e, index) => {
    const exact = weightSum === 0 ? total / entries.length : (total * e.weight) / weightSum;
    const floor = Math.floor(exact);
    return { key: e.key, index, floor, remainder: exact - floor };
  });
  let residue = total - shares.reduce((sum, s) => sum + s.floor, 0);
  const byRemainder = [...shares].sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const share of byRemainder) {
    if (residue <= 0) break;
    share.floor += 1;
    residue -= 1;
  }
  for (const share of shares) result.set(share.key, share.floor);
  return result;
}
