/**
 * Incentive semantics, each with a hand-computed golden value. Money in fen (CNY minor units):
 * 100_000_000 = 1,000,000.00 CNY. Every plan here goes graph -> compile -> json-rules-engine.
 */
import { describe, expect, it } from 'vitest';
import type { IncentiveDealLine, IncentivePeriodInput, RuleEdge, RuleNode, TierBand } from '@opscycle/domain';
import { compileRuleGraph, evaluateIncentive, evaluateIncentiveSync } from '..';
import { aNode, anEdge } from '../demo/build';

function aPlan(nodes: RuleNode[], edges: RuleEdge[]) {
  return compileRuleGraph({
    id: 'semantics',
    version: 1,
    kind: 'incentive',
    name: 'Semantics under test',
    currency: 'CNY',
    effectiveFrom: '2027-01-01',
    nodes: [aNode('start', 'start', {}), ...nodes],
    edges,
  });
}

const MARCH = { id: '2027-03', from: '2027-03-01', to: '2027-03-31' };
let dealSeq = 0;
function aDeal(
  payeeId: string,
  amountMinor: number,
  over: Partial<IncentiveDealLine> = {},
): IncentiveDealLine {
  dealSeq += 1;
  return {
    dealId: `d${dealSeq}`,
    amountMinor,
    currency: 'CNY',
    productLine: 'erp',
    customerId: `c${dealSeq}`,
    newCustomer: false,
    closedOn: '2027-03-10',
    status: 'won',
    credits: [{ payeeId, share: 1 }],
    ...over,
  };
}
const aPayee = (payeeId: string, over: Partial<IncentivePeriodInput['payees'][number]> = {}) => ({
  payeeId,
  quotaMinor: 100_000_000,
  targetIncentiveMinor: 5_000_000,
  ...over,
});

async function pay(plan: ReturnType<typeof aPlan>, input: IncentivePeriodInput) {
  const result = await evaluateIncentive(plan, input);
  expect(evaluateIncentiveSync(plan, input)).toEqual(result); // every golden also checks the fast path
  return result;
}
function lineOf(result: Awaited<ReturnType<typeof pay>>, payeeId: string, component: string) {
  return (
    result.payees.find((p) => p.payeeId === payeeId)?.lines.filter((l) => l.component === component) ?? []
  );
}
const amountOf = (result: Awaited<ReturnType<typeof pay>>, payeeId: string, component: string) =>
  lineOf(result, payeeId, component).reduce((s, l) => s + l.amountMinor, 0);

const ACCELERATOR_BANDS: TierBand[] = [
  { from: 0, to: 1, rate: 0.05 },
  { from: 1, to: 1.5, rate: 0.08 },
  { from: 1.5, to: null, rate: 0.12 },
];
function tieredPlan(
  mode: 'marginal' | 'highestRate',
  bands = ACCELERATOR_BANDS,
  extra: RuleNode[] = [],
  extraEdges: RuleEdge[] = [],
) {
  return aPlan(
    [
      aNode('attainment', 'factInput', { fact: 'attainment' }),
      aNode('revenue', 'factInput', { fact: 'revenue' }),
      aNode('commission', 'tierTable', { component: 'Commission', mode, bands }),
      ...extra,
    ],
    [
      anEdge('start', 'commission'),
      anEdge('attainment', 'commission'),
      anEdge('revenue', 'commission', 'base'),
      ...extraEdges,
    ],
  );
}
const oneRep = (revenue: number, over = {}): IncentivePeriodInput => ({
  period: MARCH,
  payees: [aPayee('rep', over)],
  dealLines: [aDeal('rep', revenue)],
});

describe('tiers', () => {
  it('pays marginal (accelerator) tiers band by band', async () => {
    // 130% of a 1,000,000 quota: 1,000,000 at 5% + 300,000 at 8% = 50,000 + 24,000 = 74,000.00 CNY
    const result = await pay(tieredPlan('marginal'), oneRep(130_000_000));
    expect(amountOf(result, 'rep', 'Commission')).toBe(7_400_000);
  });

  it('pays highest-rate tiers on the whole amount, the band starting at its lower bound', async () => {
    expect(amountOf(await pay(tieredPlan('highestRate'), oneRep(130_000_000)), 'rep', 'Commission')).toBe(
      10_400_000,
    ); // 8% x 1,300,000
    expect(amountOf(await pay(tieredPlan('highestRate'), oneRep(100_000_000)), 'rep', 'Commission')).toBe(
      8_000_000,
    ); // exactly 100%: 8%
    expect(amountOf(await pay(tieredPlan('highestRate'), oneRep(99_000_000)), 'rep', 'Commission')).toBe(
      4_950_000,
    ); // 5% x 990,000
  });

  it('pays a fixed amount per band reached', async () => {
    const bands: TierBand[] = [
      { from: 0, to: 0.8, amountMinor: 0 },
      { from: 0.8, to: 1, amountMinor: 100_000 },
      { from: 1, to: null, amountMinor: 300_000 },
    ];
    expect(
      amountOf(await pay(tieredPlan('highestRate', bands), oneRep(90_000_000)), 'rep', 'Commission'),
    ).toBe(100_000);
    expect(amountOf(await pay(tieredPlan('marginal', bands), oneRep(120_000_000)), 'rep', 'Commission')).toBe(
      400_000,
    );
  });
});

describe('caps, gates and multipliers', () => {
  it('caps at a percentage of target incentive', async () => {
    // highest rate at 130%: 10,400,000; cap 150% of target incentive 5,000,000 = 7,500,000
    const plan = tieredPlan(
      'highestRate',
      ACCELERATOR_BANDS,
      [aNode('cap', 'cap', { pctOfTargetIncentive: 1.5 })],
      [anEdge('commission', 'cap')],
    );
    const result = await pay(plan, oneRep(130_000_000));
    expect(amountOf(result, 'rep', 'Commission')).toBe(7_500_000);
    expect(lineOf(result, 'rep', 'Commission')[0]?.explanation).toContain(
      'cap: cap 75,000.00 CNY applied, pays 75,000.00 CNY',
    );
  });

  it('applies multiplier then cap in chain order, each only when its conditions hold', async () => {
    const plan = aPlan(
      [
        aNode('revenue', 'factInput', { fact: 'revenue' }),
        aNode('rate', 'rateTimesBase', { component: 'Commission', rate: 0.1 }),
        aNode('many-logos', 'condition', {
          fact: 'newCustomers',
          operator: 'greaterThanInclusive',
          value: 2,
        }),
        aNode('boost', 'multiplier', { factor: 1.5 }),
        aNode('cap', 'cap', { maxMinor: 1_400_000 }),
      ],
      [
        anEdge('start', 'rate'),
        anEdge('revenue', 'rate'),
        anEdge('rate', 'boost'),
        anEdge('start', 'many-logos'),
        anEdge('many-logos', 'boost'),
        anEdge('boost', 'cap'),
      ],
    );
    const twoNewLogos: IncentivePeriodInput = {
      period: MARCH,
      payees: [aPayee('rep')],
      dealLines: [
        aDeal('rep', 5_000_000, { newCustomer: true }),
        aDeal('rep', 5_000_000, { newCustomer: true }),
      ],
    };
    // 10% x 100,000 = 10,000; x 1.5 = 15,000; capped at 14,000
    expect(amountOf(await pay(plan, twoNewLogos), 'rep', 'Commission')).toBe(1_400_000);
    // one new logo: no boost, 10,000 under the cap
    expect(amountOf(await pay(plan, oneRep(10_000_000)), 'rep', 'Commission')).toBe(1_000_000);
  });

  it('pays nothing when a gate fails, and says which condition failed', async () => {
    const plan = aPlan(
      [
        aNode('revenue', 'factInput', { fact: 'revenue' }),
        aNode('half', 'condition', { fact: 'attainment', operator: 'greaterThanInclusive', value: 0.5 }),
        aNode('collected', 'condition', {
          fact: 'collectionRate',
          operator: 'greaterThanInclusive',
          value: 0.8,
        }),
        aNode('gate', 'gate', { label: 'Threshold' }),
        aNode('rate', 'rateTimesBase', { component: 'Commission', rate: 0.1 }),
      ],
      [
        anEdge('start', 'half'),
        anEdge('start', 'collected'),
        anEdge('half', 'gate'),
        anEdge('collected', 'gate'),
        anEdge('gate', 'rate'),
        anEdge('revenue', 'rate'),
      ],
    );
    const lagging = await pay(plan, oneRep(60_000_000, { collectionRate: 0.7 }));
    expect(lineOf(lagging, 'rep', 'Commission')[0]).toMatchObject({ amountMinor: 0, earned: false });
    expect(lineOf(lagging, 'rep', 'Commission')[0]?.explanation[0]).toContain(
      'collectionRate 0.7 greaterThanInclusive 0.8 ✗',
    );
    expect(amountOf(await pay(plan, oneRep(60_000_000, { collectionRate: 0.9 })), 'rep', 'Commission')).toBe(
      6_000_000,
    );
  });
});

describe('SPIFs', () => {
  it('pays per qualifying deal: inside the window, in the product line, new customers only, by credit share', async () => {
    const plan = aPlan(
      [
        aNode('spif', 'spif', {
          component: 'Cloud new-logo SPIF',
          window: { from: '2027-03-01', to: '2027-03-15' },
          productLines: ['cloud'],
          newCustomersOnly: true,
          amountMinorPerDeal: 200_000,
        }),
      ],
      [anEdge('start', 'spif')],
    );
    const result = await pay(plan, {
      period: MARCH,
      payees: [aPayee('rep'), aPayee('peer')],
      dealLines: [
        aDeal('rep', 1_000_000, { productLine: 'cloud', newCustomer: true, closedOn: '2027-03-10' }), // qualifies: 2,000
        aDeal('rep', 1_000_000, { productLine: 'cloud', newCustomer: true, closedOn: '2027-03-20' }), // after the window
        aDeal('rep', 1_000_000, { productLine: 'erp', newCustomer: true, closedOn: '2027-03-05' }), // other product line
        aDeal('rep', 1_000_000, { productLine: 'cloud', newCustomer: false, closedOn: '2027-03-05' }), // existing customer
        aDeal('rep', 1_000_000, {
          productLine: 'cloud',
          newCustomer: true,
          closedOn: '2027-03-12',
          credits: [
            { payeeId: 'rep', share: 0.5 },
            { payeeId: 'peer', share: 0.5 },
          ],
        }), // half: 1,000
      ],
    });
    expect(amountOf(result, 'rep', 'Cloud new-logo SPIF')).toBe(300_000);
    expect(amountOf(result, 'peer', 'Cloud new-logo SPIF')).toBe(100_000);
  });
});

describe('clawbacks', () => {
  it("claws a refunded deal back in the refund's period at the effective rate it was paid at", async () => {
    const plan = tieredPlan(
      'marginal',
      ACCELERATOR_BANDS,
      [aNode('clawback', 'clawback', { component: 'Clawback' })],
      [anEdge('start', 'clawback')],
    );
    const refundedDeal = aDeal('rep', 30_000_000, { closedOn: '2027-02-10' });
    const february: IncentivePeriodInput = {
      period: { id: '2027-02', from: '2027-02-01', to: '2027-02-28' },
      payees: [aPayee('rep')],
      dealLines: [aDeal('rep', 100_000_000, { closedOn: '2027-02-05' }), refundedDeal],
    };
    const feb = await pay(plan, february);
    // February: 1,300,000 revenue pays 74,000 (as above): an effective rate of 74,000 / 1,300,000.
    expect(amountOf(feb, 'rep', 'Commission')).toBe(7_400_000);
    const paidAt = feb.payees[0]!.paidDeals.find((p) => p.dealId === refundedDeal.dealId)!;
    expect(paidAt.rate).toBeCloseTo(7_400_000 / 130_000_000, 12);

    // March: the 300,000 deal is refunded; March's own revenue would pay 8% marginal, but the
    // clawback uses February's 5.6923...%: -30,000,000 x 0.0569230769 = -1,707,692.3 -> -1,707,692.
    const result = await pay(plan, {
      period: MARCH,
      payees: [aPayee('rep')],
      dealLines: [
        aDeal('rep', 120_000_000),
        { ...refundedDeal, status: 'refunded', refundedOn: '2027-03-20' },
      ],
      paidDeals: feb.payees[0]!.paidDeals,
    });
    const clawback = lineOf(result, 'rep', 'Clawback');
    expect(clawback).toHaveLength(1);
    expect(clawback[0]).toMatchObject({
      amountMinor: -1_707_692,
      lineKind: 'clawback',
      dealId: refundedDeal.dealId,
    });
    // A re-run of February after the refund still credits the deal (it was refunded later).
    expect(
      amountOf(
        await pay(plan, {
          ...february,
          dealLines: [
            february.dealLines![0]!,
            { ...refundedDeal, status: 'refunded', refundedOn: '2027-03-20' },
          ],
        }),
        'rep',
        'Commission',
      ),
    ).toBe(7_400_000);
  });

  it('claws back nothing for a deal that was never paid', async () => {
    const plan = aPlan(
      [aNode('clawback', 'clawback', { component: 'Clawback' })],
      [anEdge('start', 'clawback')],
    );
    const result = await pay(plan, {
      period: MARCH,
      payees: [aPayee('rep')],
      dealLines: [
        aDeal('rep', 1_000, { closedOn: '2027-01-10', status: 'refunded', refundedOn: '2027-03-02' }),
      ],
    });
    expect(lineOf(result, 'rep', 'Clawback')).toEqual([]);
  });

  it('claws a refund back once even when a stored plan carries two clawback nodes', async () => {
    // Validation refuses such a plan now; a rule set compiled before that still pays each refund back once.
    const single = aPlan(
      [
        aNode('revenue', 'factInput', { fact: 'revenue' }),
        aNode('rate', 'rateTimesBase', { component: 'Commission', rate: 0.1 }),
        aNode('clawback', 'clawback', { component: 'Clawback' }),
      ],
      [anEdge('start', 'rate'), anEdge('revenue', 'rate'), anEdge('start', 'clawback')],
    );
    const twice = structuredClone(single);
    const second = structuredClone(twice.rules.find((r) => r.name === 'clawback')!);
    second.name = 'clawback-again';
    second.event.params.nodeId = 'clawback-again';
    second.event.params.data = { component: 'Refund clawback' };
    twice.rules.push(second);
    const refunded = aDeal('rep', 20_000_000, {
      closedOn: '2027-02-10',
      status: 'refunded',
      refundedOn: '2027-03-05',
    });
    const result = await pay(twice, {
      period: MARCH,
      payees: [aPayee('rep')],
      dealLines: [aDeal('rep', 50_000_000), refunded],
      paidDeals: [{ dealId: refunded.dealId, payeeId: 'rep', periodId: '2027-02', rate: 0.1 }],
    });
    // 10% of 500,000 = 50,000 earned; the 200,000 refund paid at 10% claws back 20,000 once: 30,000.
    const clawbacks = result.payees[0]!.lines.filter((l) => l.lineKind === 'clawback');
    expect(clawbacks.map((l) => l.amountMinor)).toEqual([-2_000_000]);
    expect(result.totalMinor).toBe(3_000_000);
  });
});

describe('crediting', () => {
  const ratePlan = (rate: number, base: 'revenue' | 'teamRevenue' = 'revenue') =>
    aPlan(
      [
        aNode('base', 'factInput', { fact: base }),
        aNode('rate', 'rateTimesBase', { component: 'Commission', rate }),
      ],
      [anEdge('start', 'rate'), anEdge('base', 'rate')],
    );

  it('splits a deal between reps by credit share', async () => {
    const result = await pay(ratePlan(0.1), {
      period: MARCH,
      payees: [aPayee('a'), aPayee('b')],
      dealLines: [
        aDeal('a', 100_000_000, {
          credits: [
            { payeeId: 'a', share: 0.6 },
            { payeeId: 'b', share: 0.4 },
          ],
        }),
      ],
    });
    expect(amountOf(result, 'a', 'Commission')).toBe(6_000_000);
    expect(amountOf(result, 'b', 'Commission')).toBe(4_000_000);
    expect(result.payees.find((p) => p.payeeId === 'b')?.facts.revenue).toBe(40_000_000);
  });

  it("pays a manager override on the direct reports' revenue", async () => {
    const result = await pay(ratePlan(0.01, 'teamRevenue'), {
      period: MARCH,
      payees: [aPayee('mgr'), aPayee('r1', { managerId: 'mgr' }), aPayee('r2', { managerId: 'mgr' })],
      dealLines: [aDeal('r1', 50_000_000), aDeal('r2', 30_000_000)],
    });
    expect(amountOf(result, 'mgr', 'Commission')).toBe(800_000); // 1% of 800,000
    expect(amountOf(result, 'r1', 'Commission')).toBe(0);
  });

  it('rounds once per payout line, not once per payee', async () => {
    const plan = aPlan(
      [
        aNode('revenue', 'factInput', { fact: 'revenue' }),
        aNode('a', 'rateTimesBase', { component: 'Half A', rate: 0.5 }),
        aNode('b', 'rateTimesBase', { component: 'Half B', rate: 0.5 }),
      ],
      [anEdge('start', 'a'), anEdge('start', 'b'), anEdge('revenue', 'a'), anEdge('revenue', 'b')],
    );
    const result = await pay(plan, oneRep(1));
    // 0.5 fen on each line rounds half away from zero to 1: two lines, 2 fen in total.
    expect(result.payees[0]?.lines.map((l) => l.amountMinor)).toEqual([1, 1]);
    expect(result.totalMinor).toBe(2);
  });

  it('refuses a deal in another currency, or with shares not summing to 1, naming the deal', async () => {
    const plan = ratePlan(0.1);
    await expect(
      pay(plan, {
        period: MARCH,
        payees: [aPayee('rep')],
        dealLines: [aDeal('rep', 1, { dealId: 'usd-deal', currency: 'USD' })],
      }),
    ).rejects.toMatchObject({
      code: 'RULES_CURRENCY_MISMATCH',
      details: { dealId: 'usd-deal' },
    });
    await expect(
      pay(plan, {
        period: MARCH,
        payees: [aPayee('rep')],
        dealLines: [aDeal('rep', 1, { dealId: 'half-deal', credits: [{ payeeId: 'rep', share: 0.5 }] })],
      }),
    ).rejects.toMatchObject({ code: 'RULES_INVALID_INPUT', details: { dealId: 'half-deal' } });
  });
});

describe('weighted measures', () => {
  it('weights each measure, counting nothing below its floor and at most its cap', async () => {
    const plan = aPlan(
      [
        aNode('kpi', 'weightedMeasures', {
          component: 'KPI bonus',
          measures: [
            { fact: 'attainment', weight: 0.6, floor: 0.5, cap: 1.5 },
            { fact: 'collectionRate', weight: 0.4, floor: 0.8, cap: 1 },
          ],
        }),
      ],
      [anEdge('start', 'kpi')],
    );
    // attainment 2.0 counts 1.5 (cap); collection 0.75 counts 0 (floor): 10,000,000 x 0.6 x 1.5 = 9,000,000
    const result = await pay(
      plan,
      oneRep(200_000_000, { targetIncentiveMinor: 10_000_000, collectionRate: 0.75 }),
    );
    expect(amountOf(result, 'rep', 'KPI bonus')).toBe(9_000_000);
    // attainment 0.9 and collection 0.95: 10,000,000 x (0.54 + 0.38) = 9,200,000
    expect(
      amountOf(
        await pay(plan, oneRep(90_000_000, { targetIncentiveMinor: 10_000_000, collectionRate: 0.95 })),
        'rep',
        'KPI bonus',
      ),
    ).toBe(9_200_000);
  });
});

describe('draws', () => {
  const drawPlan = (drawType: 'recoverable' | 'nonRecoverable') =>
    aPlan(
      [
        aNode('revenue', 'factInput', { fact: 'revenue' }),
        aNode('rate', 'rateTimesBase', { component: 'Commission', rate: 0.1 }),
        aNode('draw', 'draw', { component: 'Draw', drawType, amountMinor: 800_000 }),
      ],
      [anEdge('start', 'rate'), anEdge('revenue', 'rate'), anEdge('start', 'draw')],
    );
  async function run(drawType: 'recoverable' | 'nonRecoverable', revenues: number[]) {
    let drawBalanceMinor = 0;
    const totals: number[] = [];
    const balances: number[] = [];
    for (const [i, revenue] of revenues.entries()) {
      const month = `2027-0${i + 1}`;
      const result = await pay(drawPlan(drawType), {
        period: { id: month, from: `${month}-01`, to: `${month}-28` },
        payees: [aPayee('rep', { priorState: { drawBalanceMinor } })],
        dealLines: [aDeal('rep', revenue, { closedOn: `${month}-10` })],
      });
      drawBalanceMinor = result.payees[0]!.nextState.drawBalanceMinor;
      totals.push(result.totalMinor);
      balances.push(drawBalanceMinor);
    }
    return { totals, balances };
  }

  it('tops up to a recoverable draw and recovers it from later earnings above the draw', async () => {
    // earnings 3,000 / 10,000 / 20,000 against an 8,000 draw:
    // month 1 pays 8,000 (top-up 5,000 owed); month 2 recovers 2,000 (pays 8,000); month 3 recovers 3,000 (pays 17,000)
    expect(await run('recoverable', [3_000_000, 10_000_000, 20_000_000])).toEqual({
      totals: [800_000, 800_000, 1_700_000],
      balances: [500_000, 300_000, 0],
    });
  });

  it('keeps recovering a recoverable draw after the condition it is paid under stops holding', async () => {
    // A new-hire draw: the guarantee holds while tenure < 6 months; what it advanced is owed after.
    const plan = aPlan(
      [
        aNode('revenue', 'factInput', { fact: 'revenue' }),
        aNode('rate', 'rateTimesBase', { component: 'Commission', rate: 0.1 }),
        aNode('new-hire', 'condition', { fact: 'tenureMonths', operator: 'lessThan', value: 6 }),
        aNode('draw', 'draw', { component: 'Draw', drawType: 'recoverable', amountMinor: 800_000 }),
      ],
      [
        anEdge('start', 'rate'),
        anEdge('revenue', 'rate'),
        anEdge('start', 'new-hire'),
        anEdge('new-hire', 'draw'),
      ],
    );
    let drawBalanceMinor = 0;
    const months: { total: number; balance: number; kinds: string[] }[] = [];
    for (const [i, [tenureMonths, revenue]] of [
      [5, 3_000_000],
      [6, 4_000_000],
      [7, 20_000_000],
      [8, 20_000_000],
    ].entries()) {
      const month = `2027-0${i + 1}`;
      const result = await pay(plan, {
        period: { id: month, from: `${month}-01`, to: `${month}-28` },
        payees: [aPayee('rep', { tenureMonths, priorState: { drawBalanceMinor } })],
        dealLines: [aDeal('rep', revenue!, { closedOn: `${month}-10` })],
      });
      drawBalanceMinor = result.payees[0]!.nextState.drawBalanceMinor;
      months.push({
        total: result.totalMinor,
        balance: drawBalanceMinor,
        kinds: result.payees[0]!.lines.map((l) => l.lineKind),
      });
    }
    // month 1 (tenure 5): earns 3,000, topped up 5,000 to the 8,000 draw; 5,000 owed.
    // month 2 (tenure 6, no guarantee): earns 4,000, all of it recovers the draw; 1,000 owed.
    // month 3: earns 20,000, recovers the last 1,000 and pays 19,000. month 4: 20,000, nothing owed.
    expect(months).toEqual([
      { total: 800_000, balance: 500_000, kinds: ['component', 'drawTopUp'] },
      { total: 0, balance: 100_000, kinds: ['component', 'drawRecovery'] },
      { total: 1_900_000, balance: 0, kinds: ['component', 'drawRecovery'] },
      { total: 2_000_000, balance: 0, kinds: ['component'] },
    ]);
  });

  it('tops up a non-recoverable draw without carrying a balance', async () => {
    expect(await run('nonRecoverable', [3_000_000, 10_000_000])).toEqual({
      totals: [800_000, 1_000_000],
      balances: [0, 0],
    });
  });
});
