import { z } from 'zod';
import { Id } from '../org';
import { DEAL_STATUSES } from '../planning';

const CURRENCY = /^[A-Z]{3}$/;
const isDate = (v: unknown) => typeof v === 'string' && z.regexes.date.test(v);
const isText = (v: unknown) => typeof v === 'string' && v.length > 0;
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The rules of `IncentiveDealLine`, checked in place: a payout run reads a million deal lines, and
 * parsing each with zod (which copies it) costs more than the whole evaluation. A property test
 * holds this to the schema's verdict. Returns the first problem, naming the field.
 */
export function findDealLineProblem(line: unknown, knownIds: Set<string> = new Set()): string | null {
  if (line === null || typeof line !== 'object' || Array.isArray(line)) return 'must be an object';
  const d = line as Record<string, unknown>;
  if (!isText(d.dealId)) return 'dealId: must be a non-empty string';
  if (!Number.isSafeInteger(d.amountMinor)) return 'amountMinor: must be an integer amount of minor units';
  if (typeof d.currency !== 'string' || !CURRENCY.test(d.currency))
    return 'currency: must be an ISO 4217 code';
  if (!isText(d.productLine)) return 'productLine: must be a non-empty string';
  if (!isText(d.customerId)) return 'customerId: must be a non-empty string';
  if (typeof d.newCustomer !== 'boolean') return 'newCustomer: must be true or false';
  if (!isDate(d.closedOn)) return 'closedOn: must be a date (YYYY-MM-DD)';
  if (!(DEAL_STATUSES as readonly unknown[]).includes(d.status))
    return `status: must be one of ${DEAL_STATUSES.join(', ')}`;
  if (d.refundedOn !== undefined && !isDate(d.refundedOn)) return 'refundedOn: must be a date (YYYY-MM-DD)';
  if (d.refundAmountMinor !== undefined && !Number.isSafeInteger(d.refundAmountMinor))
    return 'refundAmountMinor: must be an integer amount of minor units';
  if (
    d.discountPct !== undefined &&
    !(isFiniteNumber(d.discountPct) && d.discountPct >= 0 && d.discountPct <= 100)
  )
    return 'discountPct: must be a number from 0 to 100';
  if (!Array.isArray(d.credits) || d.credits.length === 0) return 'credits: must list at least one payee';
  for (const [i, credit] of (d.credits as unknown[]).entries()) {
    if (credit === null || typeof credit !== 'object' || Array.isArray(credit))
      return `credits.${i}: must be an object`;
    const { payeeId, share } = credit as Record<string, unknown>;
    if (typeof payeeId !== 'string' || !(knownIds.has(payeeId) || Id.safeParse(payeeId).success))
      return `credits.${i}.payeeId: must be an id`;
    knownIds.add(payeeId);
    if (!(isFiniteNumber(share) && share > 0 && share <= 1))
      return `credits.${i}.share: must be more than 0 and at most 1`;
  }
  return null;
}
