import { z } from 'zod';
import { CurrencyCode, MinorUnits } from '../money';
import { Id } from '../org';
import { PlanningYear, Monthly } from './common';
import { CustomerSize } from './deal';
import { SalesRole } from '../org';

/** Market size of one region x product line (x customer size, or all sizes when null) in one year. */
export const MarketSizeInput = z.object({
  fiscalYear: PlanningYear,
  regionId: Id,
  productLine: Id,
  customerSize: CustomerSize.nullable(),
  marketSizeMinor: MinorUnits.positive(),
  currency: CurrencyCode,
});
export type MarketSizeInput = z.infer<typeof MarketSizeInput>;

/** Won revenue (net of refunds) aggregated from deals: the history the strategy step reads. */
export const ActualsLine = z.object({
  fiscalYear: PlanningYear,
  month: z.number().int().min(1).max(12),
  regionId: Id,
  teamId: Id,
  repId: Id,
  productLine: Id,
  customerSize: CustomerSize,
  channel: SalesRole,
  revenueMinor: MinorUnits,
  wonDeals: z.number().int().nonnegative(),
});
export type ActualsLine = z.infer<typeof ActualsLine>;

export const HistoricalActuals = z.object({ currency: CurrencyCode, lines: z.array(ActualsLine) });
export type HistoricalActuals = z.infer<typeof HistoricalActuals>;

/** Ansoff matrix: existing/new product x existing/new market. */
export const ANSOFF_QUADRANTS = [
  'marketPenetration',
  'marketDevelopment',
  'productDevelopment',
  'diversification',
] as const;
export const AnsoffQuadrant = z.enum(ANSOFF_QUADRANTS);
export type AnsoffQuadrant = z.infer<typeof AnsoffQuadrant>;

/**
 * One growth source of the market evolution model: a region x product line (x customer size) cell.
 * revenue - baseRevenue = marketGrowth + shareChange + newBusiness, exactly, in minor units.
 */
export const GrowthSource = z.object({
  regionId: Id,
  productLine: Id,
  customerSize: CustomerSize.nullable(),
  baseRevenueMinor: MinorUnits,
  revenueMinor: MinorUnits,
  baseMarketMinor: MinorUnits.nullable(),
  marketMinor: MinorUnits.nullable(),
  baseShare: z.number().nullable(),
  share: z.number().nullable(),
  /** What the base-year share would have earned from the market's growth. */
  marketGrowthMinor: MinorUnits,
  /** The rest of the change in an existing cell: share won or lost. */
  shareChangeMinor: MinorUnits,
  /** All revenue of a cell that had none in the base year: new products or markets. */
  newBusinessMinor: MinorUnits,
  quadrant: AnsoffQuadrant,
});
export type GrowthSource = z.infer<typeof GrowthSource>;

const GrowthTotals = z.object({
  baseRevenueMinor: MinorUnits,
  revenueMinor: MinorUnits,
  marketGrowthMinor: MinorUnits,
  shareChangeMinor: MinorUnits,
  newBusinessMinor: MinorUnits,
});

export const GrowthDecomposition = z.object({
  baseYear: PlanningYear,
  year: PlanningYear,
  currency: CurrencyCode,
  sources: z.array(GrowthSource),
  totals: GrowthTotals,
  byQuadrant: z.array(z.object({ quadrant: AnsoffQuadrant, growthMinor: MinorUnits })),
});
export type GrowthDecomposition = z.infer<typeof GrowthDecomposition>;

const ForecastSeries = z.object({ totalMinor: MinorUnits, monthlyMinor: Monthly });

/** Next year's revenue: trend (growth rate of the basis years) x monthly seasonal indices. */
export const Forecast = z.object({
  fiscalYear: PlanningYear,
  currency: CurrencyCode,
  basisYears: z.array(PlanningYear).min(2),
  /** 12 indices averaging 1 (1.2 = a month 20% above an average month). */
  seasonalIndices: z.array(z.number()).length(12),
  /** Compound annual growth rate over the basis years (0.1 = +10% a year). */
  trendGrowthRate: z.number(),
  ...ForecastSeries.shape,
  byRegion: z.array(z.object({ regionId: Id, ...ForecastSeries.shape })),
});
export type Forecast = z.infer<typeof Forecast>;

export const TargetProposal = z.object({
  fiscalYear: PlanningYear,
  currency: CurrencyCode,
  companyTargetMinor: MinorUnits.positive(),
  forecastMinor: MinorUnits,
  /** Ambition on top of the forecast (0.05 = +5%). */
  stretchPct: z.number().min(0).max(1),
  rationale: z.string().min(1),
});
export type TargetProposal = z.infer<typeof TargetProposal>;

export const StrategyAnalysis = z.object({
  fiscalYear: PlanningYear,
  growth: GrowthDecomposition,
  forecast: Forecast,
  proposal: TargetProposal,
});
export type StrategyAnalysis = z.infer<typeof StrategyAnalysis>;
