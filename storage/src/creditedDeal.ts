import type { Deal } from '@opscycle/domain';

/** The deal fields incentive crediting reads (a payout run may load a million deals). */
export const CREDITED_DEAL_FIELDS = {
  _id: 0,
  dealId: 1,
  repId: 1,
  customerId: 1,
  isNewCustomer: 1,
  productLine: 1,
  status: 1,
  amountMinor: 1,
  currency: 1,
  discountPct: 1,
  wonOn: 1,
  invoicedMinor: 1,
  collectedMinor: 1,
  refundedOn: 1,
} as const;
/** A deal as incentive crediting reads it. */
export type CreditedDeal = Pick<Deal, Exclude<keyof typeof CREDITED_DEAL_FIELDS, '_id'>> & { wonOn: string };

/** Deals won in the period (still won, or refunded later) and deals won earlier but refunded in it. */
export function periodDealFilter(period: { from: string; to: string }) {
  const within = { $gte: period.from, $lte: period.to };
  return {
    status: { $in: ['won', 'refunded'] as Deal['status'][] },
    $or: [{ wonOn: within }, { refundedOn: within }],
  };
}

/** `periodDealFilter` on deals already read (e.g. a year's, split into its quarters). */
export function isPeriodDeal(deal: CreditedDeal, period: { from: string; to: string }): boolean {
  const within = (date: string | null | undefined) =>
    date !== null && date !== undefined && date >= period.from && date <= period.to;
  return (
    (deal.status === 'won' || deal.status === 'refunded') && (within(deal.wonOn) || within(deal.refundedOn))
  );
}

/** The wanted reps' deals in deal-id order: the evaluator's input does not depend on storage order. */
export function creditedDealsOf(deals: readonly CreditedDeal[], repIds: readonly string[]): CreditedDeal[] {
  const wanted = new Set(repIds);
  return deals
    .filter((d) => wanted.has(d.repId) && (d.wonOn as string | null) !== null)
    .sort((a, b) => (a.dealId < b.dealId ? -1 : a.dealId > b.dealId ? 1 : 0));
}
