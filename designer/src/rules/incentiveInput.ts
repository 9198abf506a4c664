import type { IncentivePeriodInput } from '@opscycle/domain';

/**
 * What the simulator's incentive form edits: a period's payees (quota, target incentive, collection,
 * a draw balance carried in) and its deals (close date, product line, new customer, a split between
 * payees, a refund with the rate it was paid at). Money in minor units, as everywhere; the form
 * shows it in major units.
 */
export interface PayeeForm {
  payeeId: string;
  /** Whose team the payee is on: the manager is paid overrides on the team's revenue. */
  managerId: string;
  quotaMinor: number;
  targetIncentiveMinor: number;
  collectionRate: number;
  salesRole: 'direct' | 'channel';
  tenureMonths: number | null;
  /** A recoverable draw paid earlier and not yet earned back. */
  drawBalanceMinor: number;
}

export interface DealForm {
  dealId: string;
  amountMinor: number;
  productLine: string;
  newCustomer: boolean;
  closedOn: string;
  refunded: boolean;
  refundedOn: string;
  /** Partial refund; null = the whole amount. */
  refundAmountMinor: number | null;
  /** The commission rate the refunded deal was paid at in its period (what a clawback reverses). */
  paidRate: number | null;
  /** "rep-1: 60, rep-2: 40" (percent); empty = all to the first payee. */
  credits: string;
}

export interface IncentiveForm {
  periodId: string;
  from: string;
  to: string;
  payees: PayeeForm[];
  deals: DealForm[];
}

export const NEW_PAYEE: PayeeForm = {
  payeeId: 'rep-1',
  managerId: '',
  quotaMinor: 100_000_00,
  targetIncentiveMinor: 10_000_00,
  collectionRate: 0.9,
  salesRole: 'direct',
  tenureMonths: 24,
  drawBalanceMinor: 0,
};

export function newDeal(form: IncentiveForm): DealForm {
  return {
    dealId: `deal-${form.deals.length + 1}`,
    amountMinor: 0,
    productLine: 'cloud',
    newCustomer: false,
    closedOn: form.from,
    refunded: false,
    refundedOn: form.to,
    refundAmountMinor: null,
    paidRate: null,
    credits: '',
  };
}

export const DEFAULT_INCENTIVE_FORM: IncentiveForm = {
  periodId: '2027-03',
  from: '2027-03-01',
  to: '2027-03-31',
  payees: [NEW_PAYEE],
  deals: [
    {
      dealId: 'deal-1',
      amountMinor: 120_000_00,
      productLine: 'cloud',
      newCustomer: true,
      closedOn: '2027-03-15',
      refunded: false,
      refundedOn: '2027-03-31',
      refundAmountMinor: null,
      paidRate: null,
      credits: '',
    },
  ],
};

/** Refunded deals were paid in an earlier period; the simulator calls it this. */
export const EARLIER_PERIOD = 'earlier';

export type CreditsParse =
  { ok: true; credits: { payeeId: string; share: number }[] } | { ok: false; error: string };

/** "rep-1: 60, rep-2: 40" -> shares 0.6 and 0.4, which must name known payees and sum to 100%. */
export function parseCredits(text: string, payees: readonly string[]): CreditsParse {
  if (text.trim() === '')
    return payees[0]
      ? { ok: true, credits: [{ payeeId: payees[0], share: 1 }] }
      : { ok: false, error: 'no payee' };
  const credits: { payeeId: string; share: number }[] = [];
  for (const part of text.split(/[,，]/)) {
    const match = /^\s*([^:：\s]+)\s*[:：]\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(part);
    if (!match) return { ok: false, error: `"${part.trim()}" is not payee: percent` };
    const [, payeeId, percent] = match as unknown as [string, string, string];
    if (!payees.includes(payeeId)) return { ok: false, error: `${payeeId} is not a payee of the form` };
    credits.push({ payeeId, share: Number(percent) / 100 });
  }
  const total = credits.reduce((sum, c) => sum + c.share, 0);
  if (Math.abs(total - 1) > 1e-9)
    return { ok: false, error: `shares add up to ${+(total * 100).toFixed(6)}%, not 100%` };
  return { ok: true, credits };
}

/** The form as the API's IncentivePeriodInput. Throws on a split that does not parse (the form says why first). */
export function toIncentiveInput(form: IncentiveForm, currency: string): IncentivePeriodInput {
  const payeeIds = form.payees.map((p) => p.payeeId);
  const creditsOf = (deal: DealForm) => {
    const parsed = parseCredits(deal.credits, payeeIds);
    if (!parsed.ok) throw new Error(`${deal.dealId}: ${parsed.error}`);
    return parsed.credits;
  };
  return {
    period: { id: form.periodId, from: form.from, to: form.to },
    payees: form.payees.map((p) => ({
      payeeId: p.payeeId,
      ...(p.managerId ? { managerId: p.managerId } : {}),
      quotaMinor: p.quotaMinor,
      targetIncentiveMinor: p.targetIncentiveMinor,
      collectionRate: p.collectionRate,
      salesRole: p.salesRole,
      ...(p.tenureMonths === null ? {} : { tenureMonths: p.tenureMonths }),
      ...(p.drawBalanceMinor > 0 ? { priorState: { drawBalanceMinor: p.drawBalanceMinor } } : {}),
    })),
    dealLines: form.deals.map((d) => ({
      dealId: d.dealId,
      amountMinor: d.amountMinor,
      currency,
      productLine: d.productLine,
      customerId: `customer-of-${d.dealId}`,
      newCustomer: d.newCustomer,
      closedOn: d.closedOn,
      status: d.refunded ? ('refunded' as const) : ('won' as const),
      ...(d.refunded ? { refundedOn: d.refundedOn } : {}),
      ...(d.refunded && d.refundAmountMinor !== null ? { refundAmountMinor: d.refundAmountMinor } : {}),
      credits: creditsOf(d),
    })),
    paidDeals: form.deals.flatMap((d) =>
      d.refunded && d.paidRate !== null
        ? creditsOf(d).map((c) => ({
            dealId: d.dealId,
            payeeId: c.payeeId,
            periodId: EARLIER_PERIOD,
            rate: d.paidRate!,
          }))
        : [],
    ),
  };
}
