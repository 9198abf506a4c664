import {
  ANSOFF_QUADRANTS,
  roundMinor,
  type AnsoffQuadrant,
  type CustomerSize,
  type GrowthDecomposition,
  type GrowthSource,
  type HistoricalActuals,
  type MarketSizeInput,
} from '@opscycle/domain';
import { sumRevenue } from './actuals';
import { singleCurrency } from './errors';

interface Cell {
  regionId: string;
  productLine: string;
  customerSize: CustomerSize | null;
}
const cellKey = (c: Cell) => `${c.regionId}|${c.productLine}|${c.customerSize ?? '*'}`;

/**
 * Ansoff quadrant of a growth source. A cell that sold in the base year grows by market
 * penetration. A new cell: an existing product (sold anywhere in the base year) entering it is
 * market development; a new product is product development where the company already sells
 * (anything, in that region / customer size), diversification where it does not.
 */
export function ansoffQuadrant(
  existingCell: boolean,
  existingProduct: boolean,
  existingMarket: boolean,
): AnsoffQuadrant {
  if (existingCell) return 'marketPenetration';
  if (existingProduct) return 'marketDevelopment';
  return existingMarket ? 'productDevelopment' : 'diversification';
}

/**
 * The market evolution model: where did the revenue change between two years come from?
 * For each cell (region x product line, x customer size when the market input has one):
 *   - a cell without base-year revenue: all of its revenue is new business (new product or market);
 *   - otherwise market growth = round(baseRevenue x (market / baseMarket - 1)), i.e. what keeping
 *     the base-year share would have earned, and share change = the rest of the change,
 *     so the three parts add up to the change exactly, in minor units.
 *   - without market sizes for both years the whole change is share change (it cannot be split).
 * Cells are the market inputs of either year plus every region x product line with revenue that no
 * market input covers; results are sorted by region, product line, customer size.
 */
export function decomposeGrowth(
  actuals: HistoricalActuals,
  markets: readonly MarketSizeInput[],
  baseYear: number,
  year: number,
): GrowthDecomposition {
  const relevantMarkets = markets.filter((m) => m.fiscalYear === baseYear || m.fiscalYear === year);
  const currency = singleCurrency(
    [actuals.currency, ...relevantMarkets.map((m) => m.currency)],
    'growth inputs',
  );
  const cells = new Map<string, Cell>();
  for (const m of relevantMarkets) {
    const cell = { regionId: m.regionId, productLine: m.productLine, customerSize: m.customerSize };
    cells.set(cellKey(cell), cell);
  }
  const covered = (line: { regionId: string; productLine: string; customerSize: CustomerSize }) =>
    cells.has(cellKey(line)) || cells.has(cellKey({ ...line, customerSize: null }));
  for (const line of actuals.lines) {
    if ((line.fiscalYear === baseYear || line.fiscalYear === year) && !covered(line)) {
      const cell = { regionId: line.regionId, productLine: line.productLine, customerSize: null };
      cells.set(cellKey(cell), cell);
    }
  }

  const baseLines = actuals.lines.filter((l) => l.fiscalYear === baseYear);
  const soldProducts = new Set(baseLines.filter((l) => l.revenueMinor > 0).map((l) => l.productLine));
  const soldMarkets = new Set(
    baseLines
      .filter((l) => l.revenueMinor > 0)
      .flatMap((l) => [l.regionId, `${l.regionId}|${l.customerSize}`]),
  );
  const marketOf = (cell: Cell, fiscalYear: number) =>
    relevantMarkets.find((m) => m.fiscalYear === fiscalYear && cellKey(m) === cellKey(cell))
      ?.marketSizeMinor ?? null;
  const inCell = (cell: Cell, fiscalYear: number) => (l: HistoricalActuals['lines'][number]) =>
    l.fiscalYear === fiscalYear &&
    l.regionId === cell.regionId &&
    l.productLine === cell.productLine &&
    (cell.customerSize === null || l.customerSize === cell.customerSize);

  const sources: GrowthSource[] = [...cells.values()]
    .sort((a, b) => cellKey(a).localeCompare(cellKey(b)))
    .map((cell) => {
      const baseRevenueMinor = sumRevenue(actuals.lines, inCell(cell, baseYear));
      const revenueMinor = sumRevenue(actuals.lines, inCell(cell, year));
      const baseMarketMinor = marketOf(cell, baseYear);
      const marketMinor = marketOf(cell, year);
      const change = revenueMinor - baseRevenueMinor;
      let marketGrowthMinor = 0;
      let newBusinessMinor = 0;
      if (baseRevenueMinor === 0) newBusinessMinor = revenueMinor;
      else if (baseMarketMinor !== null && marketMinor !== null)
        marketGrowthMinor = roundMinor(
          (baseRevenueMinor * (marketMinor - baseMarketMinor)) / baseMarketMinor,
        );
      const shareChangeMinor = change - marketGrowthMinor - newBusinessMinor;
      const marketKey = cell.customerSize === null ? cell.regionId : `${cell.regionId}|${cell.customerSize}`;
      return {
        ...cell,
        baseRevenueMinor,
        revenueMinor,
        baseMarketMinor,
        marketMinor,
        baseShare: baseMarketMinor === null ? null : baseRevenueMinor / baseMarketMinor,
        share: marketMinor === null ? null : revenueMinor / marketMinor,
        marketGrowthMinor,
        shareChangeMinor,
        newBusinessMinor,
        quadrant: ansoffQuadrant(
          baseRevenueMinor > 0,
          soldProducts.has(cell.productLine),
          soldMarkets.has(marketKey),
        ),
      };
    });

  const total = (pick: (s: GrowthSource) => number) => sources.reduce((sum, s) => sum + pick(s), 0);
  return {
    baseYear,
    year,
    currency,
    sources,
    totals: {
      baseRevenueMinor: total((s) => s.baseRevenueMinor),
      revenueMinor: total((s) => s.revenueMinor),
      marketGrowthMinor: total((s) => s.marketGrowthMinor),
      shareChangeMinor: total((s) => s.shareChangeMinor),
      newBusinessMinor: total((s) => s.newBusinessMinor),
    },
    byQuadrant: ANSOFF_QUADRANTS.map((quadrant) => ({
      quadrant,
      growthMinor: sources
        .filter((s) => s.quadrant === quadrant)
        .reduce((sum, s) => sum + s.revenueMinor - s.baseRevenueMinor, 0),
    })),
  };
}
