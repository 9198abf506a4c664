import type { IncentiveDealLine, IncentivePeriodInput } from '@opscycle/domain';

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same workload. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One rep's month as the incentive catalog describes it: 10% are managers, 5% new hires. */
export function repFacts(count: number, seed = 7): Record<string, unknown>[] {
  const random = seededRandom(seed);
  const reps: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const quota = 50_000_000 + Math.floor(random() * 150_000_000);
    const revenue = Math.floor(quota * random() * 2);
    const cloud = Math.floor(revenue * random() * 0.5);
    const facts: Record<string, unknown> = {
      revenue,
      quota,
      attainment: revenue / quota,
      bookingsByProductLine: { cloud, erp: revenue - cloud },
      newCustomers: Math.floor(random() * 5),
      dealCount: 1 + Math.floor(random() * 30),
      collectionRate: 0.5 + random() * 0.5,
      averageDiscountPct: random() * 25,
      teamRevenue: i % 10 === 0 ? Math.floor(random() * 1_000_000_000) : 0,
      targetIncentive: 2_000_000 + Math.floor(random() * 8_000_000),
      salesRole: random() < 0.8 ? 'direct' : 'channel',
    };
    if (i % 20 === 0) facts.tenureMonths = Math.floor(random() * 12);
    reps.push(facts);
  }
  return reps;
}

/** A month of CRM actuals: `lines` deal lines over `payees` payees (1 manager per 10 reps), 2% refunds, 10% splits. */
export function periodActuals(payees: number, lines: number, seed = 11): IncentivePeriodInput {
  const random = seededRandom(seed);
  const id = (i: number) => `p${i}`;
  const managerOf = (i: number) => (i % 10 === 0 ? undefined : id(i - (i % 10)));
  const dealLines: IncentiveDealLine[] = new Array<IncentiveDealLine>(lines);
  for (let i = 0; i < lines; i++) {
    const owner = i % payees;
    const split = random() < 0.1;
    const refunded = random() < 0.02;
    const day = 1 + Math.floor(random() * 31);
    const deal: IncentiveDealLine = {
      dealId: `d${i}`,
      amountMinor: 100_000 + Math.floor(random() * 5_000_000),
      currency: 'CNY',
      productLine: random() < 0.3 ? 'cloud' : 'erp',
      customerId: `c${Math.floor(random() * lines)}`,
      newCustomer: random() < 0.1,
      closedOn: refunded ? '2027-02-15' : `2027-03-${String(day).padStart(2, '0')}`,
      status: refunded ? 'refunded' : 'won',
      discountPct: Math.floor(random() * 20),
      credits: split
        ? [
            { payeeId: id(owner), share: 0.5 },
            { payeeId: id((owner + 1) % payees), share: 0.5 },
          ]
        : [{ payeeId: id(owner), share: 1 }],
    };
    if (refunded) deal.refundedOn = '2027-03-20';
    dealLines[i] = deal;
  }
  const paidDeals = dealLines
    .filter((d) => d.status === 'refunded')
    .flatMap((d) =>
      d.credits.map((c) => ({ dealId: d.dealId, payeeId: c.payeeId, periodId: '2027-02', rate: 0.06 })),
    );
  return {
    period: { id: '2027-03', from: '2027-03-01', to: '2027-03-31' },
    payees: Array.from({ length: payees }, (_, i) => {
      const manager = managerOf(i);
      return {
        payeeId: id(i),
        ...(manager ? { managerId: manager } : {}),
        quotaMinor: 500_000_000,
        targetIncentiveMinor: 5_000_000,
        collectionRate: 0.6 + random() * 0.4,
        ...(i % 20 === 0 ? { tenureMonths: 3, priorState: { drawBalanceMinor: 100_000 } } : {}),
      };
    }),
    dealLines,
    paidDeals,
  };
}
