import { describe, expect, it } from 'vitest';
import type { MarketSizeInput } from '@opscycle/domain';
import { decomposeGrowth } from './growth';
import { forecastNextYear } from './forecast';
import { proposeTarget } from './proposal';
import { actuals, anActualsLine } from './builders.test-support';

const market = (o: Partial<MarketSizeInput>): MarketSizeInput => ({
  fiscalYear: 2025,
  regionId: 'r1',
  productLine: 'p1',
  customerSize: null,
  marketSizeMinor: 10_000,
  currency: 'CNY',
  ...o,
});

describe('decomposeGrowth', () => {
  // r1/p1: 1000 of a 10000 market (10%) -> 1500 of 12000 (12.5%).
  //   market growth = 1000 x 2000/10000 = 200; share change = 500 - 200 = 300.
  // r1/p2: nothing in 2025, 400 in 2026 -> new business 400; p2 is a new product in an existing market.
  // r2/p1: nothing in 2025, 100 in 2026 -> new business 100; existing product in a new market.
  const history = actuals([
    anActualsLine({ fiscalYear: 2025, revenueMinor: 1000 }),
    anActualsLine({ fiscalYear: 2026, revenueMinor: 1500 }),
    anActualsLine({ fiscalYear: 2026, productLine: 'p2', revenueMinor: 400 }),
    anActualsLine({ fiscalYear: 2026, regionId: 'r2', teamId: 't2', revenueMinor: 100 }),
  ]);
  const markets = [market({}), market({ fiscalYear: 2026, marketSizeMinor: 12_000 })];
  const growth = decomposeGrowth(history, markets, 2025, 2026);

  it('splits an existing cell into market growth and share change', () => {
    const cell = growth.sources.find((s) => s.regionId === 'r1' && s.productLine === 'p1');
    expect(cell).toMatchObject({
      marketGrowthMinor: 200,
      shareChangeMinor: 300,
      newBusinessMinor: 0,
      baseShare: 0.1,
      share: 0.125,
      quadrant: 'marketPenetration',
    });
  });

  it('classifies new cells by Ansoff quadrant', () => {
    // r3/p3: neither the product nor the market sold in 2025 -> diversification.
    const withNewMarket = decomposeGrowth(
      actuals([
        ...history.lines,
        anActualsLine({ fiscalYear: 2026, regionId: 'r3', productLine: 'p3', revenueMinor: 9 }),
      ]),
      markets,
      2025,
      2026,
    );
    expect(withNewMarket.sources.find((s) => s.regionId === 'r3')?.quadrant).toBe('diversification');
    const quadrantOf = (regionId: string, productLine: string) =>
      growth.sources.find((s) => s.regionId === regionId && s.productLine === productLine)?.quadrant;
    expect(quadrantOf('r1', 'p2')).toBe('productDevelopment');
    expect(quadrantOf('r2', 'p1')).toBe('marketDevelopment');
  });

  it('adds up exactly to the change in revenue', () => {
    expect(growth.totals).toEqual({
      baseRevenueMinor: 1000,
      revenueMinor: 2000,
      marketGrowthMinor: 200,
      shareChangeMinor: 300,
      newBusinessMinor: 500,
    });
    expect(growth.byQuadrant).toEqual([
      { quadrant: 'marketPenetration', growthMinor: 500 },
      { quadrant: 'marketDevelopment', growthMinor: 100 },
      { quadrant: 'productDevelopment', growthMinor: 400 },
      { quadrant: 'diversification', growthMinor: 0 },
    ]);
  });

  it('rounds the market-growth part once and leaves the residue in share change', () => {
    // 333 x 1/1000 = 0.333 -> 0; the whole change of +7 is share change.
    const g = decomposeGrowth(
      actuals([anActualsLine({ revenueMinor: 333 }), anActualsLine({ fiscalYear: 2026, revenueMinor: 340 })]),
      [market({ marketSizeMinor: 1000 }), market({ fiscalYear: 2026, marketSizeMinor: 1001 })],
      2025,
      2026,
    );
    expect(g.sources[0]).toMatchObject({ marketGrowthMinor: 0, shareChangeMinor: 7 });
  });

  it('refuses markets in another currency', () => {
    expect(() => decomposeGrowth(history, [market({ currency: 'USD' })], 2025, 2026)).toThrow(
      /mixes currencies/,
    );
  });
});

describe('forecastNextYear', () => {
  // Both years: eleven equal months and a December twice as big (share 1/13, Dec 2/13),
  // so indices are 12/13 and 24/13. Trend 1430/1300 - 1 = 10%; forecast 1430 x 1.1 = 1573 = 13 x 121.
  const lines = [2025, 2026].flatMap((fiscalYear) =>
    Array.from({ length: 12 }, (_, i) =>
      anActualsLine({
        fiscalYear,
        month: i + 1,
        revenueMinor: (fiscalYear === 2025 ? 100 : 110) * (i === 11 ? 2 : 1),
      }),
    ),
  );
  const forecast = forecastNextYear(actuals(lines), 2027);

  it('multiplies the trend by the monthly seasonal indices', () => {
    expect(forecast.trendGrowthRate).toBeCloseTo(0.1, 12);
    expect(forecast.seasonalIndices[0]).toBeCloseTo(12 / 13, 12);
    expect(forecast.seasonalIndices[11]).toBeCloseTo(24 / 13, 12);
    expect(forecast.totalMinor).toBe(1573);
    expect(forecast.monthlyMinor).toEqual([121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 242]);
    expect(forecast.byRegion).toEqual([
      { regionId: 'r1', totalMinor: 1573, monthlyMinor: forecast.monthlyMinor },
    ]);
  });

  it('needs two years of history', () => {
    expect(() => forecastNextYear(actuals(lines.filter((l) => l.fiscalYear === 2026)), 2027)).toThrow(
      expect.objectContaining({ code: 'PLANNING_NOT_ENOUGH_HISTORY' }),
    );
  });

  it('proposes the forecast plus the stretch, rounded once, with its reasons', () => {
    const growth = decomposeGrowth(actuals(lines), [], 2025, 2026);
    const proposal = proposeTarget(forecast, growth, 0.05);
    // 1573 x 1.05 = 1651.65 -> 1652
    expect(proposal.companyTargetMinor).toBe(1652);
    expect(proposal.rationale).toContain('10.0%');
    expect(proposal.rationale).toContain('FY2027 forecast');
  });
});
