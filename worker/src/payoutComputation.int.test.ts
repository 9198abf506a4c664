import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewPeriodRange, type Deal, type Person } from '@opscycle/domain';
import { demoIncentivePlan, publishRuleSetVersion } from '@opscycle/rules';
import {
  dealPartitionsOf,
  dropDealSnapshot,
  saveQuotaAllocations,
  storeRuleSetVersion,
  upsertDeals,
  upsertPeople,
  writeDealSnapshot,
} from '@opscycle/storage';
import { connectTestDatabase } from '@opscycle/storage/testing';
import { createActivities } from './activities';
import { partitionOf } from './payout.activities';
import { computePartitionPayoutsFromRules } from './payoutComputation';

const PLAN = demoIncentivePlan.id;
const PARTITIONS = 2;
/** rep-ann, rep-bo and mgr-ned hash to partition 1 of 2, rep-fay to partition 0 (asserted below). */
const PARTITION = 1;

const person = (id: string, role: Person['role']): Person => ({
  id,
  name: id,
  email: `${id}@acme.test`,
  role,
  orgUnitId: 'acme-east-1',
  ...(role === 'rep' ? { salesRole: 'direct' as const } : {}),
});

const deal = (dealId: string, repId: string, overrides: Partial<Deal>): Deal => ({
  dealId,
  repId,
  teamId: 'acme-east-1',
  customerId: `cust-${dealId}`,
  customerSize: 'smb',
  customerValue: 'normal',
  isNewCustomer: false,
  productLine: 'erp',
  channel: 'direct',
  stage: 'paymentFollowUp',
  status: 'won',
  amountMinor: 0,
  currency: 'CNY',
  discountPct: 0,
  createdOn: '2027-01-05',
  wonOn: '2027-02-10',
  invoicedMinor: overrides.amountMinor ?? 0,
  collectedMinor: overrides.amountMinor ?? 0,
  collectedOn: '2027-02-28',
  refundedOn: null,
  leadSource: 'inbound',
  budgetConfirmed: true,
  decisionMakerMet: true,
  needIdentified: true,
  proposalSubmittedOn: '2027-01-20',
  proposalAccepted: true,
  ...overrides,
});

const input = (overrides: { version?: number; partition?: number } = {}) => ({
  runId: `${PLAN}-2027-02-r1`,
  planId: PLAN,
  period: '2027-02',
  revision: 1,
  incentiveRuleSet: { ruleSetId: PLAN, version: overrides.version ?? 1 },
  currency: 'CNY',
  partition: overrides.partition ?? PARTITION,
  partitionCount: PARTITIONS,
});

let db: mongoose.Connection;

beforeAll(async () => {
  db = await connectTestDatabase('payout-computation');
  await upsertPeople(db, [
    person('rep-ann', 'rep'),
    person('rep-bo', 'rep'),
    person('rep-fay', 'rep'),
    person('mgr-ned', 'manager'),
  ]);
  await upsertDeals(db, [
    deal('d-ann-1', 'rep-ann', { amountMinor: 8_000_000, productLine: 'cloud', isNewCustomer: true }),
    deal('d-ann-2', 'rep-ann', { amountMinor: 5_000_000, wonOn: '2027-02-20' }),
    // Outside the period and not won: neither counts.
    deal('d-ann-3', 'rep-ann', { amountMinor: 9_000_000, wonOn: '2027-03-02' }),
    deal('d-ann-4', 'rep-ann', { amountMinor: 9_000_000, status: 'open', wonOn: null }),
    deal('d-bo-1', 'rep-bo', { amountMinor: 1_000_025, productLine: 'cloud' }),
    deal('d-fay-1', 'rep-fay', { amountMinor: 7_000_000 }),
  ]);
  // rep-ann's FY2027 quota: 10,000,000 a month (rep-bo has no stored allocation).
  await saveQuotaAllocations(db, 'cycle-FY2027-acme', [
    {
      fiscalYear: 2027,
      unitId: 'rep-ann',
      unitKind: 'rep',
      parentId: 'acme-east-1',
      currency: 'CNY',
      amountMinor: 120_000_000,
      monthlyMinor: Array.from({ length: 12 }, () => 10_000_000),
      mix: [],
      historyMinor: 0,
      potential: 0,
      weight: 1,
    },
  ]);
  const published = publishRuleSetVersion({
    graph: demoIncentivePlan,
    version: 1,
    publishedBy: 'ops-admin-1',
    publishedAt: new Date('2026-12-01T00:00:00Z'),
  });
  await storeRuleSetVersion(db, published);
});

afterAll(async () => {
  await db.dropDatabase();
  await db.close();
});

describe('computePartitionPayoutsFromRules', () => {
  it('the fixture ids fall in the partitions the tests rely on', () => {
    expect(['rep-ann', 'rep-bo', 'mgr-ned'].map((id) => partitionOf(id, PARTITIONS))).toEqual([1, 1, 1]);
    expect(partitionOf('rep-fay', PARTITIONS)).toBe(0);
  });

  it("pays the partition's reps and managers by the pinned plan, with explanations", async () => {
    const payouts = await computePartitionPayoutsFromRules(db)(input());
    // Only payees of this partition: rep-fay is in partition 0.
    expect(payouts.map((p) => p.payeeId).sort()).toEqual(['mgr-ned', 'rep-ann', 'rep-bo']);

    /*
     * rep-ann, 2027-02: quota 10,000,000 (February of the allocation), target incentive 10% = 1,000,000.
     * Revenue 8,000,000 + 5,000,000 = 13,000,000 (March and open deals excluded) -> attainment 1.3;
     * collected = invoiced -> collection rate 1.
     * commission (marginal): [0,1) 5% x 10,000,000 = 500,000 + [1,1.5) 8% x 3,000,000 = 240,000 -> 740,000
     *   (cap 200% x 1,000,000 = 2,000,000 not reached; collections fine, no x0.8)
     * over-target bonus (attainment >= 1.2): 500,000
     * KPI bonus: 1,000,000 x (0.6 x 1.3 + 0.4 x 1) = 1,180,000
     * cloud kicker: 2% x 8,000,000 cloud bookings = 160,000
     * Q1 new-logo SPIF: 1 new-customer deal x 200,000 = 200,000
     * total 740,000 + 500,000 + 1,180,000 + 160,000 + 200,000 = 2,780,000
     */
    const ann = payouts.find((p) => p.payeeId === 'rep-ann');
    const amount = (key: string) => ann?.lines.find((l) => l.lineKey.startsWith(key))?.amountMinor;
    expect(amount('commission')).toBe(740_000);
    expect(amount('over-target-bonus')).toBe(500_000);
    expect(amount('kpi-bonus')).toBe(1_180_000);
    expect(amount('cloud-kicker')).toBe(160_000);
    expect(amount('new-logo-spif')).toBe(200_000);
    expect(ann?.lines.reduce((sum, l) => sum + l.amountMinor, 0)).toBe(2_780_000);
    for (const line of ann?.lines ?? []) {
      expect(line.currency).toBe('CNY');
      expect(line.explanation.length).toBeGreaterThan(0);
      expect(Object.keys(line).sort()).toEqual(['amountMinor', 'currency', 'explanation', 'lineKey']);
    }
    // What later periods need: the deals paid in the period at the effective revenue rate
    // (commission 740,000 / revenue 13,000,000), no draw owed.
    expect(ann?.carry?.paidDeals.map((d) => d.dealId)).toEqual(['d-ann-1', 'd-ann-2']);
    expect(ann?.carry?.paidDeals[0]?.rate).toBeCloseTo(740_000 / 13_000_000, 12);
    expect(ann?.carry?.drawBalanceMinor).toBe(0);

    /*
     * rep-bo: no stored quota -> quota 0, attainment 0: commission and KPI bonus are gated off.
     * cloud kicker 2% x 1,000,025 = 20,000.5 -> 20,001 (rounded once, half away from zero).
     */
    const bo = payouts.find((p) => p.payeeId === 'rep-bo');
    expect(bo?.lines.find((l) => l.lineKey.startsWith('cloud-kicker'))?.amountMinor).toBe(20_001);
    expect(bo?.lines.find((l) => l.lineKey.startsWith('commission'))?.amountMinor ?? 0).toBe(0);
    expect(bo?.lines.reduce((sum, l) => sum + l.amountMinor, 0)).toBe(20_001);
  });

  it("pays a manager the override on the whole team's revenue, reps of other partitions included", async () => {
    const ned = (await computePartitionPayoutsFromRules(db)(input())).find((p) => p.payeeId === 'mgr-ned');
    // team revenue 13,000,000 (rep-ann) + 1,000,025 (rep-bo) + 7,000,000 (rep-fay, partition 0)
    // = 21,000,025 x 1% = 210,000.25 -> 210,000; nothing else (no quota, no deals of their own).
    const override = ned?.lines.find((l) => l.lineKey === 'override');
    expect(override?.amountMinor).toBe(210_000);
    expect(override?.explanation.join(' ')).toMatch(/Manager override/);
    expect(ned?.lines.reduce((sum, l) => sum + l.amountMinor, 0)).toBe(210_000);
  });

  it('refuses a plan version that is not effective for the period, naming plan, version and period', async () => {
    const q4 = { ...input(), period: '2026-Q4', runId: `${PLAN}-2026-Q4-r1` };
    await expect(computePartitionPayoutsFromRules(db)(q4)).rejects.toMatchObject({
      code: 'PAYOUT_RULE_SET_NOT_EFFECTIVE',
      message: expect.stringMatching(
        new RegExp(
          `plan ${PLAN}: rule set ${PLAN} version 1 is effective 2027-01-01 to 2027-12-31.*period 2026-Q4`,
        ),
      ) as unknown,
    });
  });

  it('the other partition holds only its own reps', async () => {
    const payouts = await computePartitionPayoutsFromRules(db)(input({ partition: 0 }));
    expect(payouts.map((p) => p.payeeId)).toEqual(['rep-fay']);
  });

  it('refuses an unknown rule set version, naming it', async () => {
    await expect(computePartitionPayoutsFromRules(db)(input({ version: 9 }))).rejects.toMatchObject({
      code: 'PAYOUT_RULE_SET_UNKNOWN',
      message: expect.stringContaining(`${PLAN}@9`) as unknown,
    });
  });

  it('pays every partition from a snapshot of the deals read once exactly as from querying them', async () => {
    const compute = computePartitionPayoutsFromRules(db);
    const runId = input().runId;
    const partitionsOf = await dealPartitionsOf(db, '2027-02', (id) => partitionOf(id, PARTITIONS));
    // rep-fay's deals are evaluated in rep-fay's partition and in mgr-ned's (the override).
    expect(partitionsOf.get('rep-fay')).toEqual([0, 1]);
    const snapshot = await writeDealSnapshot(db, {
      runId,
      period: reviewPeriodRange('2027-02'),
      partitionCount: PARTITIONS,
      partitionsOf,
      chunkDeals: 1,
    });
    // d-ann-1, d-ann-2, d-bo-1 and d-fay-1 are February's; partition 1 needs all four, partition 0 d-fay-1.
    expect(snapshot).toEqual({ deals: 4, chunks: [1, 4] });
    for (const partition of [0, 1]) {
      const fromSnapshot = await compute({ ...input({ partition }), dealChunks: snapshot.chunks[partition] });
      expect(fromSnapshot).toEqual(await compute(input({ partition })));
    }
    await dropDealSnapshot(db, runId);
    await expect(compute({ ...input(), dealChunks: 4 })).rejects.toThrow(
      `deal snapshot chunk p1:c0 of run ${runId} is missing`,
    );
  });

  it("is the worker's payout computation: statements are stored with the computed totals", async () => {
    const activities = createActivities({
      connection: db,
      exportTarget: { csvDir: '/tmp/unused', webhookUrl: '', webhookSecret: '' },
    });
    const summary = await activities.computePayoutPartition(input());
    expect(summary).toMatchObject({
      partition: PARTITION,
      payees: 3,
      totalMinor: 2_780_000 + 20_001 + 210_000,
    });
  });
});
