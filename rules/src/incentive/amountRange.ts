import { DomainError, roundMinor } from '@opscycle/domain';

/**
 * The largest payout amount, line, payee or period total: half the safe integer range, so that the
 * sum or difference of two (an impact preview's delta) is still exact. Validation keeps what a plan
 * fixes far below it; only facts (a rate on an enormous revenue, thousands of SPIF deals) reach it.
 */
export const MAX_PAYOUT_MINOR = Math.floor(Number.MAX_SAFE_INTEGER / 2);

/** `amount`, refused with a coded error naming `what` when it is not a finite amount in range. */
export function payoutInRange(amount: number, what: string): number {
  if (!Number.isFinite(amount) || Math.abs(amount) > MAX_PAYOUT_MINOR)
    throw new DomainError(
      'RULES_AMOUNT_OUT_OF_RANGE',
      `${what} comes to ${amount} minor units, beyond the ${MAX_PAYOUT_MINOR} a payout can hold: check the facts`,
      { what },
    );
  return amount;
}

/** A payout line's amount, rounded once (roundMinor), in range. */
export function roundedLine(amount: number, what: string): number {
  return roundMinor(payoutInRange(amount, what));
}
