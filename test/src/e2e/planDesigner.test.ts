import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2e, type E2e } from './e2eHarness';
import { moneyPattern, PlanBuilder, watchPage } from './planBuilder';

/**
 * The common compensation plans, each built by mouse and keyboard from an empty canvas (palette,
 * handles, typing into editors; never by loading JSON), validated, simulated through the form and
 * published, in both languages. Every expected amount is computed by hand in the comments.
 */
const LANGUAGES = (process.env.PLAN_LANGS?.split(',') ?? ['zh-CN', 'en']) as ('zh-CN' | 'en')[];

async function sim(page: Page, testId: string, value: string | boolean): Promise<void> {
  const field = page.getByTestId(testId);
  if (typeof value === 'boolean') await field.setChecked(value);
  else await field.fill(value);
}

describe.each(LANGUAGES)('plans built in the designer (%s)', { timeout: 180_000 }, (language) => {
  let e2e: E2e;
  let page: Page;
  let problems: string[];
  let plan: PlanBuilder;

  beforeAll(async () => {
    e2e = await startE2e(`e2e-plans-${language}`);
  }, 180_000);
  afterAll(async () => e2e?.close());

  async function begin(kind: Parameters<PlanBuilder['create']>[0], name: string) {
    ({ page } = await e2e.signIn('ops', language));
    ({ problems } = watchPage(page));
    plan = new PlanBuilder(page);
    await plan.create(kind, `${name} (${language})`);
  }
  async function finish() {
    await plan.publish();
    expect(problems).toEqual([]);
    await page.close();
  }

  /** start -> attainment (measure) + revenue (base) -> tier table with three bands. */
  async function tieredPlan(mode: 'marginal' | 'highestRate') {
    const start = await plan.add('start');
    const attainment = await plan.add('factInput');
    await plan.set(attainment, 'fact', 'attainment');
    const revenue = await plan.add('factInput');
    await plan.set(revenue, 'fact', 'revenue');
    const tiers = await plan.add('tierTable');
    await plan.layout();
    await plan.wire(start, tiers, 'when');
    await plan.wire(attainment, tiers, 'measure');
    await plan.wire(revenue, tiers, 'base');
    await plan.set(tiers, 'mode', mode);
    // Bands on attainment, typed in percent: [0, 50%) 2%, [50%, 100%) 4%, [100%, ∞) 8%.
    await plan.set(tiers, 'bands.0.to', '50');
    await plan.set(tiers, 'bands.0.rate', '2');
    await plan.set(tiers, 'bands.1.from', '50');
    await plan.set(tiers, 'bands.1.to', '100');
    await plan.set(tiers, 'bands.1.rate', '4');
    await plan.addItem(tiers, 'bands');
    await plan.set(tiers, 'bands.2.rate', '8');
    await plan.validate();
    // Quota 100,000.00, one deal of 150,000.00: attainment 150%.
    await sim(page, 'sim-deal-0-amount', '150000');
  }

  it('marginal tiers on attainment', async () => {
    await begin('incentive', 'Marginal tiers');
    await tieredPlan('marginal');
    await plan.simulate();
    // Each band pays its slice of the attainment, as a share of revenue: 50/150 x 150,000 = 50,000
    // per band; 2% + 4% + 8% of 50,000 = 1,000 + 2,000 + 4,000 = 7,000.00.
    expect(await plan.total('rep-1')).toMatch(moneyPattern('7,000.00'));
    await finish();
  });

  it('highest-rate-reached tiers', async () => {
    await begin('incentive', 'Highest rate tiers');
    await tieredPlan('highestRate');
    await plan.simulate();
    // 150% reaches the 8% band, paid on all revenue: 8% of 150,000 = 12,000.00.
    expect(await plan.total('rep-1')).toMatch(moneyPattern('12,000.00'));
    await finish();
  });

  it('payout = target incentive x attainment, capped at a multiple of it', async () => {
    await begin('incentive', 'Target x attainment, capped');
    const start = await plan.add('start');
    const bonus = await plan.add('weightedMeasures');
    await plan.set(bonus, 'component', 'bonus');
    await plan.set(bonus, 'measures.0.weight', '100');
    const cap = await plan.add('cap');
    await plan.set(cap, 'pctOfTargetIncentive', '150');
    await plan.layout();
    await plan.wire(start, bonus, 'when');
    await plan.wire(bonus, cap, 'amount');
    await plan.wire(start, cap, 'when');
    await plan.validate();
    await sim(page, 'sim-deal-0-amount', '180000');
    await plan.simulate();
    // Target 10,000 x attainment 180% = 18,000, capped at 150% of 10,000 = 15,000.00.
    expect(await plan.total('rep-1')).toMatch(moneyPattern('15,000.00'));
    await sim(page, 'sim-deal-0-amount', '120000');
    await plan.simulate();
    // Below the cap: 10,000 x 120% = 12,000.00.
    expect(await plan.total('rep-1')).toMatch(moneyPattern('12,000.00'));
    await finish();
  });

  it('a commission paid only above an attainment gate, halved when collection is low', async () => {
    await begin('incentive', 'Gated commission');
    const start = await plan.add('start');
    const gate = await plan.add('condition');
    await plan.set(gate, 'fact', 'attainment');
    await plan.set(gate, 'operator', 'greaterThanInclusive');
    await plan.set(gate, 'value', '80');
    const lowCollection = await plan.add('condition');
    await plan.set(lowCollection, 'fact', 'collectionRate');
    await plan.set(lowCollection, 'operator', 'lessThan');
    await plan.set(lowCollection, 'value', '70');
    const revenue = await plan.add('factInput');
    await plan.set(revenue, 'fact', 'revenue');
    const commission = await plan.add('rateTimesBase');
    await plan.set(commission, 'rate', '5');
    const halve = await plan.add('multiplier');
    await plan.set(halve, 'factor', '0.5');
    await plan.layout();
    await plan.wire(start, gate, 'when');
    await plan.wire(start, lowCollection, 'when');
    await plan.wire(gate, commission, 'when');
    await plan.wire(revenue, commission, 'base');
    await plan.wire(commission, halve, 'amount');
    await plan.wire(lowCollection, halve, 'when');
    await plan.validate();
    // 90,000.00 of 100,000.00 = 90% (gate holds); collection 60% < 70%: 5% x 90,000 = 4,500 x 0.5 = 2,250.00.
    await sim(page, 'sim-deal-0-amount', '90000');
    await sim(page, 'sim-payee-0-collectionRate', '60');
    await plan.simulate();
    expect(await plan.total('rep-1')).toMatch(moneyPattern('2,250.00'));
    // Collection 95%: not halved, 4,500.00.
    await sim(page, 'sim-payee-0-collectionRate', '95');
    await plan.simulate();
    expect(await plan.total('rep-1')).toMatch(moneyPattern('4,500.00'));
    // 70,000.00 = 70% < 80%: nothing.
    await sim(page, 'sim-deal-0-amount', '70000');
    await plan.simulate();
    expect(await plan.total('rep-1')).toMatch(moneyPattern('0.00'));
    await finish();
  });

  it('a SPIF per new customer won in a date window on one product line', async () => {
    await begin('incentive', 'New-logo SPIF');
    const start = await plan.add('start');
    const spif = await plan.add('spif');
    await plan.set(spif, 'window.from', '2027-03-01');
    await plan.set(spif, 'window.to', '2027-03-15');
    await plan.set(spif, 'productLines', 'cloud');
    await plan.set(spif, 'newCustomersOnly', true);
    await plan.set(spif, 'amountMinorPerDeal', '800');
    await plan.layout();
    await plan.wire(start, spif, 'when');
    await plan.validate();
    // deal-1: cloud, new, 03-10 (pays); deal-2: cloud, new, 03-20 (after the window);
    // deal-3: crm, new, 03-05 (other line); deal-4: cloud, not new, 03-05. One deal x 800.00.
    const deals = [
      ['cloud', true, '2027-03-10'],
      ['cloud', true, '2027-03-20'],
      ['crm', true, '2027-03-05'],
      ['cloud', false, '2027-03-05'],
    ] as const;
    for (const [i, [line, isNew, closedOn]] of deals.entries()) {
      if (i > 0) await page.getByTestId('sim-add-deal').click();
      await sim(page, `sim-deal-${i}-amount`, '10000');
      await sim(page, `sim-deal-${i}-productLine`, line);
      await sim(page, `sim-deal-${i}-newCustomer`, isNew);
      await sim(page, `sim-deal-${i}-closedOn`, closedOn);
    }
    await plan.simulate();
    expect(await plan.total('rep-1')).toMatch(moneyPattern('800.00'));
    await finish();
  });

  it('a percentage commission with clawback of refunded deals at the rate paid', async () => {
    await begin('incentive', 'Commission with clawback');
    const start = await plan.add('start');
    const revenue = await plan.add('factInput');
    await plan.set(revenue, 'fact', 'revenue');
    const commission = await plan.add('rateTimesBase');
    await plan.set(commission, 'rate', '5');
    const clawback = await plan.add('clawback');
    await plan.layout();
    await plan.wire(start, commission, 'when');
    await plan.wire(revenue, commission, 'base');
    await plan.wire(start, clawback, 'when');
    await plan.validate();
    // deal-1 won in the period: 100,000.00 x 5% = 5,000.00. deal-2 closed in February, paid at 4%,
    // refunded in full (40,000.00) on 03-20: -40,000 x 4% = -1,600.00. Total 3,400.00.
    await sim(page, 'sim-deal-0-amount', '100000');
    await page.getByTestId('sim-add-deal').click();
    await sim(page, 'sim-deal-1-amount', '40000');
    await sim(page, 'sim-deal-1-closedOn', '2027-02-10');
    await sim(page, 'sim-deal-1-refunded', true);
    await sim(page, 'sim-deal-1-refundedOn', '2027-03-20');
    await sim(page, 'sim-deal-1-paidRate', '4');
    await plan.simulate();
    expect(await plan.total('rep-1')).toMatch(moneyPattern('3,400.00'));
    await finish();
  });

  it('a 60/40 split with a manager override', async () => {
    await begin('incentive', 'Split with override');
    const start = await plan.add('start');
    const revenue = await plan.add('factInput');
    await plan.set(revenue, 'fact', 'revenue');
    const team = await plan.add('factInput');
    await plan.set(team, 'fact', 'teamRevenue');
    const commission = await plan.add('rateTimesBase');
    await plan.set(commission, 'rate', '5');
    const override = await plan.add('rateTimesBase');
    await plan.set(override, 'component', 'override');
    await plan.set(override, 'rate', '1');
    await plan.layout();
    await plan.wire(start, commission, 'when');
    await plan.wire(revenue, commission, 'base');
    await plan.wire(start, override, 'when');
    await plan.wire(team, override, 'base');
    await plan.validate();
    // rep-1 and rep-2 report to mgr-1; deal-1 of 100,000.00 is split 60/40.
    await page.getByTestId('sim-add-payee').click();
    await page.getByTestId('sim-add-payee').click();
    await sim(page, 'sim-payee-2-id', 'mgr-1');
    await page.getByTestId('sim-payee-0-manager').selectOption('mgr-1');
    await page.getByTestId('sim-payee-1-manager').selectOption('mgr-1');
    await sim(page, 'sim-deal-0-amount', '100000');
    await sim(page, 'sim-deal-0-credits', 'rep-1: 60, rep-2: 40');
    await plan.simulate();
    // rep-1: 5% of 60,000 = 3,000.00; rep-2: 5% of 40,000 = 2,000.00;
    // mgr-1: 1% of the team's 100,000 = 1,000.00 (no revenue of its own).
    expect(await plan.total('rep-1')).toMatch(moneyPattern('3,000.00'));
    expect(await plan.total('rep-2')).toMatch(moneyPattern('2,000.00'));
    expect(await plan.total('mgr-1')).toMatch(moneyPattern('1,000.00'));
    await finish();
  });

  it('two weighted measures with floors and caps', async () => {
    await begin('incentive', 'Weighted measures');
    const start = await plan.add('start');
    const kpi = await plan.add('weightedMeasures');
    await plan.set(kpi, 'measures.0.weight', '70');
    await plan.set(kpi, 'measures.0.floor', '50');
    await plan.set(kpi, 'measures.0.cap', '120');
    await plan.addItem(kpi, 'measures');
    await plan.set(kpi, 'measures.1.fact', 'collectionRate');
    await plan.set(kpi, 'measures.1.weight', '30');
    await plan.set(kpi, 'measures.1.floor', '80');
    await plan.set(kpi, 'measures.1.cap', '100');
    await plan.layout();
    await plan.wire(start, kpi, 'when');
    await plan.validate();
    // Attainment 150% counts 120% (cap); collection 75% is under its 80% floor and counts 0:
    // 10,000 x (0.7 x 1.2 + 0.3 x 0) = 8,400.00.
    await sim(page, 'sim-deal-0-amount', '150000');
    await sim(page, 'sim-payee-0-collectionRate', '75');
    await plan.simulate();
    expect(await plan.total('rep-1')).toMatch(moneyPattern('8,400.00'));
    // Attainment 90% and collection 95%: 10,000 x (0.7 x 0.9 + 0.3 x 0.95) = 6,300 + 2,850 = 9,150.00.
    await sim(page, 'sim-deal-0-amount', '90000');
    await sim(page, 'sim-payee-0-collectionRate', '95');
    await plan.simulate();
    expect(await plan.total('rep-1')).toMatch(moneyPattern('9,150.00'));
    await finish();
  });

  it('a recoverable draw', async () => {
    await begin('incentive', 'Recoverable draw');
    const start = await plan.add('start');
    const revenue = await plan.add('factInput');
    await plan.set(revenue, 'fact', 'revenue');
    const commission = await plan.add('rateTimesBase');
    await plan.set(commission, 'rate', '5');
    const draw = await plan.add('draw');
    await plan.set(draw, 'drawType', 'recoverable');
    await plan.set(draw, 'amountMinor', '8000');
    await plan.layout();
    await plan.wire(start, commission, 'when');
    await plan.wire(revenue, commission, 'base');
    await plan.wire(start, draw, 'when');
    await plan.validate();
    // 60,000.00 earns 3,000.00; the 8,000.00 draw tops it up by 5,000.00 (owed back later): 8,000.00.
    await sim(page, 'sim-deal-0-amount', '60000');
    await plan.simulate();
    expect(await plan.total('rep-1')).toMatch(moneyPattern('8,000.00'));
    // Next period with those 5,000.00 owed: 200,000.00 earns 10,000.00; recovered is what exceeds the
    // draw, 2,000.00: pays 8,000.00 (3,000.00 still owed).
    await sim(page, 'sim-deal-0-amount', '200000');
    await sim(page, 'sim-payee-0-drawBalance', '5000');
    await plan.simulate();
    expect(await plan.total('rep-1')).toMatch(moneyPattern('8,000.00'));
    await finish();
  });

  it('discount authority by discount and deal size', async () => {
    await begin('discountAuthority', 'Discount authority');
    const start = await plan.add('start');
    const over10 = await plan.add('condition');
    await plan.set(over10, 'fact', 'discountPct');
    await plan.set(over10, 'operator', 'greaterThan');
    await plan.set(over10, 'value', '10');
    const over20 = await plan.add('condition');
    await plan.set(over20, 'fact', 'discountPct');
    await plan.set(over20, 'operator', 'greaterThan');
    await plan.set(over20, 'value', '20');
    const big = await plan.add('condition');
    await plan.set(big, 'fact', 'dealAmount');
    await plan.set(big, 'operator', 'greaterThanInclusive');
    await plan.set(big, 'value', '1000000');
    const both = await plan.add('all');
    const manager = await plan.add('routeOutcome');
    await plan.set(manager, 'approvers.0.role', 'manager');
    await plan.set(manager, 'priority', '1');
    const finance = await plan.add('routeOutcome');
    await plan.set(finance, 'approvers.0.role', 'finance');
    await plan.set(finance, 'priority', '2');
    await plan.layout();
    for (const c of [over10, over20, big]) await plan.wire(start, c, 'when');
    await plan.wire(over10, manager, 'when');
    await plan.wire(over20, both, 'when');
    await plan.wire(big, both, 'when');
    await plan.wire(both, finance, 'when');
    await plan.validate();
    // 25% off a 1,500,000.00 deal: over 10% (manager), over 20% and at least 1,000,000.00 (finance).
    await sim(page, 'sim-discountPct', '25');
    await sim(page, 'sim-dealAmount', '1500000');
    await sim(page, 'sim-productLine', 'cloud');
    await page.getByTestId('sim-customerSize').selectOption({ index: 1 });
    await page.getByTestId('sim-requesterRole').selectOption('rep');
    await plan.simulate();
    await expect.poll(() => page.getByTestId('sim-approvers').locator('li').count()).toBe(2);
    expect(await page.getByTestId('sim-approver-0').getAttribute('data-role')).toBe('manager');
    expect(await page.getByTestId('sim-approver-1').getAttribute('data-role')).toBe('finance');
    // 25% off a 500,000.00 deal: the manager alone.
    await sim(page, 'sim-dealAmount', '500000');
    await plan.simulate();
    await expect.poll(() => page.getByTestId('sim-approvers').locator('li').count()).toBe(1);
    expect(await page.getByTestId('sim-approver-0').getAttribute('data-role')).toBe('manager');
    await finish();
  });

  it('budget routing by amount band, with an extra approver for one category', async () => {
    await begin('approvalRouting', 'Budget routing');
    const start = await plan.add('start');
    const band = await plan.add('condition');
    await plan.set(band, 'fact', 'amount');
    await plan.set(band, 'operator', 'between');
    await plan.set(band, 'value', '100000, 499999.99');
    const large = await plan.add('condition');
    await plan.set(large, 'fact', 'amount');
    await plan.set(large, 'operator', 'greaterThanInclusive');
    await plan.set(large, 'value', '500000');
    const marketing = await plan.add('condition');
    await plan.set(marketing, 'fact', 'category');
    await plan.set(marketing, 'operator', 'equal');
    await plan.set(marketing, 'value', 'marketing');
    const director = await plan.add('routeOutcome');
    await plan.set(director, 'approvers.0.role', 'manager');
    await plan.set(director, 'approvers.0.orgLevel', 'region');
    await plan.set(director, 'priority', '1');
    const board = await plan.add('routeOutcome');
    await plan.set(board, 'approvers.0.role', 'manager');
    await plan.set(board, 'approvers.0.orgLevel', 'company');
    await plan.addItem(board, 'approvers');
    await plan.set(board, 'approvers.1.role', 'finance');
    await plan.set(board, 'priority', '2');
    const extra = await plan.add('routeOutcome');
    await plan.set(extra, 'approvers.0.role', 'opsAdmin');
    await plan.set(extra, 'approvers.0.label', 'marketing review');
    await plan.set(extra, 'priority', '3');
    await plan.layout();
    for (const c of [band, large, marketing]) await plan.wire(start, c, 'when');
    await plan.wire(band, director, 'when');
    await plan.wire(large, board, 'when');
    await plan.wire(marketing, extra, 'when');
    await plan.validate();
    // 600,000.00 of marketing: the large band (company manager, then finance) and the marketing step.
    await sim(page, 'sim-amount', '600000');
    await page.getByTestId('sim-category').selectOption('marketing');
    await sim(page, 'sim-unitId', 'east');
    await page.getByTestId('sim-unitKind').selectOption('region');
    await page.getByTestId('sim-requesterRole').selectOption('manager');
    await plan.simulate();
    await expect.poll(() => page.getByTestId('sim-approvers').locator('li').count()).toBe(3);
    const roles = await page
      .getByTestId('sim-approvers')
      .locator('li')
      .evaluateAll((els) =>
        els.map((el) => `${el.getAttribute('data-role')}@${el.getAttribute('data-org-level') ?? ''}`),
      );
    expect(roles).toEqual(['manager@company', 'finance@', 'opsAdmin@']);
    // 200,000.00 of travel: the regional director alone.
    await sim(page, 'sim-amount', '200000');
    await page.getByTestId('sim-category').selectOption('travel');
    await plan.simulate();
    await expect.poll(() => page.getByTestId('sim-approvers').locator('li').count()).toBe(1);
    expect(await page.getByTestId('sim-approver-0').getAttribute('data-org-level')).toBe('region');
    await finish();
  });
});
