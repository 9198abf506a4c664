import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type mongoose from 'mongoose';
import { connectTestDatabase } from './testing';
import type { Deal } from '@opscycle/domain';
import { dealModel, upsertDeals } from './deal.model';

function aDeal(overrides: Partial<Deal> = {}): Deal {
  return {
    dealId: 'D-1',
    repId: 'rep-1',
    teamId: 'team-1',
    customerId: 'C-1',
    customerSize: 'smb',
    customerValue: 'normal',
    isNewCustomer: true,
    productLine: 'crm',
    channel: 'direct',
    stage: 'paymentFollowUp',
    status: 'won',
    amountMinor: 100_000,
    currency: 'CNY',
    discountPct: 5,
    createdOn: '2026-01-05',
    wonOn: '2026-02-01',
    invoicedMinor: 100_000,
    collectedMinor: 100_000,
    collectedOn: '2026-03-01',
    refundedOn: null,
    leadSource: 'inbound',
    budgetConfirmed: true,
    decisionMakerMet: true,
    needIdentified: true,
    proposalSubmittedOn: '2026-01-20',
    proposalAccepted: true,
    ...overrides,
  };
}

describe('upsertDeals', () => {
  let connection: mongoose.Connection;
  beforeAll(async () => {
    connection = await connectTestDatabase('deal-model');
    await dealModel(connection).init();
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('creates, then updates by dealId without duplicating', async () => {
    expect(await upsertDeals(connection, [aDeal(), aDeal({ dealId: 'D-2' })])).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
    });
    expect(
      await upsertDeals(connection, [
        aDeal({ amountMinor: 90_000, invoicedMinor: 90_000, collectedMinor: 0, collectedOn: null }),
        aDeal({ dealId: 'D-2' }),
      ]),
    ).toEqual({
      created: 0,
      updated: 1,
      unchanged: 1,
    });
    const stored = await dealModel(connection).find({}, { _id: 0 }).sort({ dealId: 1 }).lean();
    expect(stored.map((d) => [d.dealId, d.amountMinor, d.collectedOn])).toEqual([
      ['D-1', 90_000, null],
      ['D-2', 100_000, '2026-03-01'],
    ]);
  });

  it('rejects a batch with an invalid row naming the row and field, writing nothing', async () => {
    await expect(
      upsertDeals(connection, [
        aDeal({ dealId: 'D-3' }),
        aDeal({ dealId: 'D-4', status: 'won', wonOn: null }),
      ]),
    ).rejects.toThrow('deal row 1: wonOn');
    expect(await dealModel(connection).countDocuments({ dealId: 'D-3' })).toBe(0);
  });
});
