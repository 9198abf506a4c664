import { describe, expect, it } from 'vitest';
import type { DEAL_CSV_COLUMNS } from './deal';
import { Deal, dealInputFromCsvRecord } from './deal';

const row: Record<(typeof DEAL_CSV_COLUMNS)[number], string> = {
  dealId: 'D-1',
  repId: 'rep-001',
  teamId: 'acme-east-1',
  customerId: 'cust-1',
  customerSize: 'key',
  customerValue: 'high',
  isNewCustomer: 'true',
  productLine: 'crm',
  channel: 'direct',
  stage: 'paymentFollowUp',
  status: 'won',
  amountMinor: '12345600',
  currency: 'CNY',
  discountPct: '7.5',
  createdOn: '2026-01-05',
  wonOn: '2026-02-10',
  invoicedMinor: '12345600',
  collectedMinor: '0',
  collectedOn: '',
  refundedOn: '',
  leadSource: 'inbound',
  budgetConfirmed: 'true',
  decisionMakerMet: 'false',
  needIdentified: 'true',
  proposalSubmittedOn: '2026-01-20',
  proposalAccepted: 'true',
};

describe('dealInputFromCsvRecord', () => {
  it('turns a CSV row into a valid Deal (booleans, numbers, empty dates as null)', () => {
    const deal = Deal.parse(dealInputFromCsvRecord(row));
    expect(deal).toMatchObject({
      isNewCustomer: true,
      decisionMakerMet: false,
      amountMinor: 12_345_600,
      discountPct: 7.5,
      collectedOn: null,
    });
  });

  it('leaves a malformed cell for Deal to reject by field name', () => {
    const result = Deal.safeParse(
      dealInputFromCsvRecord({ ...row, budgetConfirmed: 'yes', amountMinor: '12.5' }),
    );
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'amountMinor',
      'budgetConfirmed',
    ]);
  });

  it('rejects a won deal without wonOn and a collection above the invoice', () => {
    const result = Deal.safeParse(
      dealInputFromCsvRecord({ ...row, wonOn: '', collectedMinor: '99999999', collectedOn: '2026-03-01' }),
    );
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['collectedMinor', 'wonOn']);
  });
});
