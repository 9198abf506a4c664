import type { IncentivePeriodInput } from '@opscycle/domain';

/**
 * What the simulator's incentive form edits: one payee's period (quota, target incentive, deals).
 * Money in minor units, as everywhere; the form shows it as entered.
 */
export interface IncentiveForm {
  periodId: string;
  from: string;
  to: string;
  payeeId: string;
  quotaMinor: number;
  targetIncentiveMinor: number;
  collectionRate: number;
  salesRole: 'direct' | 'channel';
  tenureMonths: number | null;
  deals: {
    dealId: string;
    amountMinor: number;
    productLine: string;
    newCustomer: boolean;
    closedOn: string;
  }[];
}

export const DEFAULT_INCENTIVE_FORM: IncentiveForm = {
  periodId: '2027-03',
  from: '2027-03-01',
  to: '2027-03-31',
  payeeId: 'rep-1',
  quotaMinor: 100_000_00,
  targetIncentiveMinor: 10_000_00,
  collectionRate: 0.9,
  salesRole: 'direct',
  tenureMonths: 24,
  deals: [
    {
      dealId: 'deal-1',
      amountMinor: 120_000_00,
      productLine: 'cloud',
      newCustomer: true,
      closedOn: '2027-03-15',
    },
  ],
};

/** The form as the API's IncentivePeriodInput: each deal won and fully credited to the payee. */
export function toIncentiveInput(form: IncentiveForm, currency: string): IncentivePeriodInput {
  return {
    period: { id: form.periodId, from: form.from, to: form.to },
    payees: [
      {
        payeeId: form.payeeId,
        quotaMinor: form.quotaMinor,
        targetIncentiveMinor: form.targetIncentiveMinor,
        collectionRate: form.collectionRate,
        salesRole: form.salesRole,
        ...(form.tenureMonths === null ? {} : { tenureMonths: form.tenureMonths }),
      },
    ],
    dealLines: form.deals.map((d) => ({
      dealId: d.dealId,
      amountMinor: d.amountMinor,
      currency,
      productLine: d.productLine,
      customerId: `customer-of-${d.dealId}`,
      newCustomer: d.newCustomer,
      closedOn: d.closedOn,
      status: 'won' as const,
      credits: [{ payeeId: form.payeeId, share: 1 }],
    })),
  };
}
