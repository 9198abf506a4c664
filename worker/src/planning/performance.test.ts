import { describe, expect, it } from 'vitest';
import type { BudgetLine, KpiSet } from '@opscycle/domain';
import { computeKpis } from './kpis';
import { diagnosePerformance } from './diagnosis';
import { aDeal, aKpiSet } from './builders.test-support';

const Q1 = { from: '2026-01-01', to: '2026-03-31' };
const spend = (category: BudgetLine['category'], quarter: number, amountMinor: number): BudgetLine => ({
  fiscalYear: 2026,
  unitId: 't1',
  category,
  quarter,
  basis: 'actual',
  amountMinor,
  currency: 'CNY',
});

describe('computeKpis', () => {
  const deals = [
    aDeal({
      dealId: 'old',
      customerId: 'C9',
      createdOn: '2024-04-01',
      wonOn: '2024-05-01',
      amountMinor: 100,
      invoicedMinor: 100,
      collectedMinor: 100,
      collectedOn: '2024-05-02',
    }),
    aDeal({
      dealId: 'D0',
      customerId: 'C1',
      createdOn: '2025-05-01',
      wonOn: '2025-06-01',
      amountMinor: 500,
      invoicedMinor: 500,
      collectedMinor: 500,
      collectedOn: '2025-06-10',
    }),
    // won in Q1 after 71 days; collected in the period
    aDeal({
      dealId: 'D1',
      customerId: 'C1',
      createdOn: '2025-11-01',
      wonOn: '2026-01-11',
      amountMinor: 1000,
      invoicedMinor: 1000,
      collectedMinor: 1000,
      collectedOn: '2026-02-01',
      proposalSubmittedOn: '2025-12-15',
      proposalAccepted: true,
    }),
    // new customer via channel, 30 days, collected only after the period
    aDeal({
      dealId: 'D2',
      customerId: 'C2',
      channel: 'channel',
      createdOn: '2026-01-05',
      wonOn: '2026-02-04',
      amountMinor: 3000,
      invoicedMinor: 3000,
      collectedMinor: 1000,
      collectedOn: '2026-04-15',
      proposalSubmittedOn: '2026-01-20',
      proposalAccepted: true,
    }),
    aDeal({
      dealId: 'D3',
      customerId: 'C3',
      status: 'lost',
      stage: 'proposal',
      createdOn: '2026-02-01',
      wonOn: null,
      amountMinor: 800,
      invoicedMinor: 0,
      collectedMinor: 0,
      collectedOn: null,
      proposalSubmittedOn: '2026-02-20',
    }),
    aDeal({
      dealId: 'D4',
      customerId: 'C4',
      status: 'open',
      stage: 'needsResearch',
      createdOn: '2026-03-01',
      wonOn: null,
      invoicedMinor: 0,
      collectedMinor: 0,
      collectedOn: null,
    }),
    aDeal({
      dealId: 'D5',
      customerId: 'C5',
      status: 'refunded',
      createdOn: '2026-01-10',
      wonOn: '2026-01-30',
      refundedOn: '2026-03-01',
      amountMinor: 700,
      invoicedMinor: 700,
      collectedMinor: 0,
      collectedOn: null,
      proposalSubmittedOn: '2026-01-20',
      proposalAccepted: true,
    }),
  ];
  const kpis = computeKpis({
    unitId: 't1',
    period: Q1,
    currency: 'CNY',
    deals,
    targetMinor: 5000,
    headcountByMonth: [2, 2, 3],
    spend: [
      spend('salaries', 1, 900),
      spend('marketing', 1, 300),
      spend('channelCommission', 1, 100),
      spend('travel', 2, 50),
    ],
  });

  it('computes the result KPIs (hand-computed)', () => {
    expect(kpis).toMatchObject({
      revenueMinor: 4000, // D1 + D2; the refunded D5 is not revenue
      achievement: 0.8,
      invoicedMinor: 4000,
      collectedMinor: 1000, // D2's cash came after 03-31
      collectionRate: 0.25,
      refundedMinor: 700,
      newCustomers: 1, // C2 (C1 first won in 2025; C5 refunded)
      wonDeals: 2,
      averageDealMinor: 2000,
      averageSalesCycleDays: 50.5, // (71 + 30) / 2
      salesPerHeadMinor: 1714, // 4000 / (7/3) = 1714.29
      salesAndMarketingSpendMinor: 1300,
      cacMinor: 1300,
      // active C1, C2 (4500 in 12 months); a year earlier only C9, who churned: life 1 year x 40% margin
      ltvMinor: 900,
    });
  });

  it('computes the funnel KPIs of the leads created in the period', () => {
    expect(kpis.leadsCreated).toBe(4); // D2..D5
    expect(kpis.leadsWon).toBe(1);
    expect(kpis.leadConversion).toBe(0.25);
    expect(kpis.stageConversion.map((s) => [s.stage, s.reached, s.toNext])).toEqual([
      ['leadScreening', 4, 1],
      ['needsResearch', 4, 0.75],
      ['proposal', 3, 2 / 3],
      ['negotiation', 2, 1],
      ['paymentFollowUp', 2, 0.5],
    ]);
    expect([kpis.proposalsSubmitted, kpis.proposalsAccepted, kpis.proposalPassRate]).toEqual([3, 2, 2 / 3]);
  });

  it('computes ROI per budget line; a line without spend in the period has no ROI', () => {
    expect(kpis.roiByLine.map((l) => [l.category, l.spendMinor, l.roi])).toEqual([
      ['salaries', 900, 4000 / 900],
      ['travel', 0, null],
      ['channelCommission', 100, 30],
      ['marketing', 300, 4000 / 300],
    ]);
  });

  it('pro-rates a quarterly spend line by days for a monthly period', () => {
    const january = computeKpis({
      unitId: 't1',
      period: { from: '2026-01-01', to: '2026-01-31' },
      currency: 'CNY',
      deals: [],
      targetMinor: null,
      headcountByMonth: [],
      spend: [spend('salaries', 1, 900)],
    });
    expect(january.salesAndMarketingSpendMinor).toBe(310); // 900 x 31/90
  });

  it('gives null, never NaN or Infinity, without leads, spend, headcount or target', () => {
    const empty = computeKpis({
      unitId: 't1',
      period: Q1,
      currency: 'CNY',
      deals: [],
      targetMinor: 0,
      headcountByMonth: [0, 0, 0],
      spend: [],
    });
    expect(empty).toMatchObject({
      achievement: null,
      collectionRate: null,
      leadConversion: null,
      proposalPassRate: null,
      averageDealMinor: null,
      averageSalesCycleDays: null,
      salesPerHeadMinor: null,
      cacMinor: null,
      ltvMinor: null,
      salesAndMarketingSpendMinor: 0,
      newCustomers: 0,
    });
    const numbers = JSON.stringify(empty, (_, v: unknown) =>
      typeof v === 'number' && !Number.isFinite(v) ? 'BAD' : v,
    );
    expect(numbers).not.toContain('BAD');
  });
});

describe('diagnosePerformance', () => {
  const benchmark: KpiSet = aKpiSet({ leadConversion: 0.5, averageDealMinor: 1000, collectionRate: 0.9 });

  it('names a lead shortfall with the numbers behind it', () => {
    // target 10000 at benchmark 50% x 1000 needs 20 leads; 10 created -> 0.5 of need.
    // conversion 0.4 vs 0.5 -> 0.8 (also a finding, but milder); deal size on benchmark.
    const unit = aKpiSet({
      targetMinor: 10_000,
      revenueMinor: 4000,
      achievement: 0.4,
      leadsCreated: 10,
      leadConversion: 0.4,
      averageDealMinor: 1000,
      collectionRate: 0.45,
    });
    const diagnosis = diagnosePerformance(unit, benchmark);
    expect(diagnosis.status).toBe('behind');
    expect(diagnosis.primaryCause).toBe('leadShortfall');
    expect(diagnosis.findings.map((f) => [f.cause, f.actual, f.benchmark, f.ratio])).toEqual([
      ['leadShortfall', 10, 20, 0.5],
      ['conversion', 0.4, 0.5, 0.8],
      ['collection', 0.45, 0.9, 0.5],
    ]);
    expect(diagnosis.findings[0]?.message).toContain('needs about 20');
  });

  it('names conversion when leads are plentiful but few convert', () => {
    const unit = aKpiSet({
      targetMinor: 10_000,
      achievement: 0.5,
      leadsCreated: 40,
      leadConversion: 0.1,
      averageDealMinor: 1000,
      collectionRate: 0.9,
    });
    expect(diagnosePerformance(unit, benchmark).primaryCause).toBe('conversion');
  });

  it('reports only collection for a unit on track that collects badly', () => {
    const unit = aKpiSet({ targetMinor: 100, achievement: 1.2, collectionRate: 0.3 });
    const diagnosis = diagnosePerformance(unit, benchmark);
    expect([diagnosis.status, diagnosis.primaryCause]).toEqual(['onTrack', 'collection']);
  });

  it('says noTarget without a target and finds nothing without benchmark data', () => {
    const diagnosis = diagnosePerformance(aKpiSet(), aKpiSet());
    expect([diagnosis.status, diagnosis.primaryCause, diagnosis.findings]).toEqual(['noTarget', null, []]);
  });
});
