import type { PayoutStep } from '@opscycle/domain';
import { formatMoney } from '../format';

/**
 * How the simulator's trace reads on the graph. The evaluator works in unrounded floats (a tier
 * portion of 0.19999999999999, an amount of 5000.4 minor units); people read rates as percentages
 * with fixed decimals and money in whole minor units.
 */

/** Rounds to `decimals` places and drops trailing zeros: 0.19999999999999 -> "0.2", 1234567.5 -> "1,234,567.5". */
export function formatTraceNumber(value: number, decimals = 4): string {
  if (!Number.isFinite(value)) return String(value);
  const scale = 10 ** decimals;
  const rounded = Math.round(value * scale) / scale;
  return rounded.toLocaleString('en-US', { maximumFractionDigits: decimals, useGrouping: true });
}

/** A rate as a percentage with at most two decimals: 0.1 -> "10%", 0.0125 -> "1.25%", 0.07000000001 -> "7%". */
export function formatTraceRate(rate: number): string {
  // Integer hundredths of a percent first, so no float noise survives into the text.
  const basisPoints = Math.round(rate * 10_000);
  const whole = Math.trunc(basisPoints / 100);
  const cents = Math.abs(basisPoints % 100);
  const sign = basisPoints < 0 && whole === 0 ? '-' : '';
  if (cents === 0) return `${sign}${whole}%`;
  return `${sign}${whole}.${String(cents).padStart(2, '0').replace(/0$/, '')}%`;
}

/** Unrounded minor units as money, rounded to whole minor units (half away from zero) first. */
export function formatTraceMoney(amountMinor: number, currency: string): string {
  const minor = Math.sign(amountMinor) * Math.round(Math.abs(amountMinor));
  return formatMoney(minor === 0 ? 0 : minor, currency);
}

/**
 * A rate applied to the quantity itself gives the amount exactly when the quantity is the money it
 * was paid on; a tier banded on attainment and paid on revenue does not, and its portion is a ratio.
 */
function quantityIsMoney(step: PayoutStep): boolean {
  if (step.quantity === undefined || step.rate === undefined) return false;
  const expected = step.rate * step.quantity;
  return Math.abs(expected - step.amount) <= 1e-6 * Math.max(1, Math.abs(step.amount));
}

/** One payout step as it appears on its node: the amount, then what produced it. */
export function formatPayoutStep(step: PayoutStep, currency: string): string {
  const money = (minor: number) => formatTraceMoney(minor, currency);
  const amount = money(step.amount);
  const { rate, quantity, limit } = step;
  const details: string[] = [];
  switch (step.op) {
    case 'tier':
    case 'rate':
      if (rate !== undefined) {
        const on =
          quantity === undefined
            ? ''
            : ` on ${quantityIsMoney(step) ? money(quantity) : formatTraceNumber(quantity)}`;
        details.push(`${formatTraceRate(rate)}${on}`);
      }
      break;
    case 'deal':
      if (quantity !== undefined) details.push(`credit share ${formatTraceRate(quantity)}`);
      break;
    case 'measure':
      if (quantity !== undefined) details.push(`value ${formatTraceNumber(quantity)}`);
      if (rate !== undefined) details.push(`weight ${formatTraceRate(rate)}`);
      break;
    case 'multiplier':
      if (rate !== undefined) details.push(`×${formatTraceNumber(rate)}`);
      break;
    case 'cap':
      if (limit !== undefined) details.push(`cap ${money(limit)}`);
      break;
    case 'clawback':
      if (quantity !== undefined) details.push(`refund ${money(quantity)}`);
      if (rate !== undefined) details.push(`at ${formatTraceRate(rate)}`);
      break;
    case 'draw':
      if (quantity !== undefined) details.push(`earnings ${money(quantity)}`);
      if (limit !== undefined) details.push(`guaranteed ${money(limit)}`);
      break;
    case 'fixed':
      break;
  }
  return details.length === 0 ? amount : `${amount} (${details.join(', ')})`;
}

/** A condition's fact value: numbers without float noise, anything else as it came. */
export function formatFactValue(value: unknown): unknown {
  return typeof value === 'number' ? formatTraceNumber(value, 6) : value;
}
