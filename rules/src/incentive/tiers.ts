import type { TierBand, TierMode } from '@opscycle/domain';

export interface TierStep {
  band: TierBand;
  /** The part of the measure inside the band (marginal), or the whole measure (highest rate). */
  portion: number;
  amount: number;
}

/**
 * Pays a tier table. `measure` places the payee in the bands; `base` is what rates apply to
 * (the measure itself when the table has no separate base).
 * - marginal (accelerators): each band pays its rate on the part of the measure inside it, scaled
 *   to the base; amount bands pay every band reached. Nothing is paid above a closed last band.
 * - highestRate: the highest band reached (from <= measure) pays its rate on the whole base, or
 *   its amount.
 */
export function payTiers(
  bands: readonly TierBand[],
  mode: TierMode,
  measure: number,
  base: number,
): { amount: number; steps: TierStep[] } {
  const sorted = [...bands].sort((a, b) => a.from - b.from);
  const steps: TierStep[] = [];
  if (!Number.isFinite(measure)) return { amount: 0, steps };
  if (mode === 'highestRate') {
    let reached: TierBand | undefined;
    for (const band of sorted) if (band.from <= measure) reached = band;
    if (!reached) return { amount: 0, steps };
    const amount = reached.rate !== undefined ? reached.rate * base : (reached.amountMinor ?? 0);
    steps.push({ band: reached, portion: measure, amount });
    return { amount, steps };
  }
  let amount = 0;
  for (const band of sorted) {
    if (band.from > measure) break;
    if (band.amountMinor !== undefined) {
      amount += band.amountMinor;
      steps.push({ band, portion: measure - band.from, amount: band.amountMinor });
      continue;
    }
    const top = band.to === null ? measure : Math.min(measure, band.to);
    const portion = Math.max(0, top - band.from);
    if (portion <= 0 || measure <= 0) continue;
    // The base is spread over the measure evenly: a band holding 20% of the measure pays on 20% of the base.
    const paid = (band.rate ?? 0) * (base === measure ? portion : (portion / measure) * base);
    amount += paid;
    steps.push({ band, portion, amount: paid });
  }
  return { amount, steps };
}
