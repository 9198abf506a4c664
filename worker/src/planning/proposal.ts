import { roundMinor, type Forecast, type GrowthDecomposition, type TargetProposal } from '@opscycle/domain';

const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;
const millions = (minor: number) => (minor / 100 / 1_000_000).toFixed(2);

/**
 * The proposed company target: the forecast plus a stretch (rounded once). The rationale states
 * the numbers it rests on so the approver can challenge each one.
 */
export function proposeTarget(
  forecast: Forecast,
  growth: GrowthDecomposition,
  stretchPct = 0.05,
): TargetProposal {
  const companyTargetMinor = roundMinor(forecast.totalMinor * (1 + stretchPct));
  const { totals } = growth;
  const change = totals.revenueMinor - totals.baseRevenueMinor;
  const part = (minor: number) => (change === 0 ? '-' : percent(minor / change));
  const topQuadrant = [...growth.byQuadrant].sort((a, b) => b.growthMinor - a.growthMinor)[0];
  const rationale = [
    `FY${growth.year} revenue ${millions(totals.revenueMinor)}M ${forecast.currency} vs ${millions(totals.baseRevenueMinor)}M in FY${growth.baseYear}` +
      ` (${totals.baseRevenueMinor === 0 ? 'n/a' : percent(change / totals.baseRevenueMinor)}).`,
    `Growth came from market growth ${millions(totals.marketGrowthMinor)}M (${part(totals.marketGrowthMinor)}),` +
      ` share change ${millions(totals.shareChangeMinor)}M (${part(totals.shareChangeMinor)})` +
      ` and new products/markets ${millions(totals.newBusinessMinor)}M (${part(totals.newBusinessMinor)}).`,
    topQuadrant ? `Largest growth source (Ansoff): ${topQuadrant.quadrant}.` : '',
    `Trend ${percent(forecast.trendGrowthRate)} a year with seasonality gives a FY${forecast.fiscalYear} forecast of` +
      ` ${millions(forecast.totalMinor)}M; with a ${percent(stretchPct)} stretch the proposed target is ${millions(companyTargetMinor)}M.`,
  ]
    .filter(Boolean)
    .join(' ');
  return {
    fiscalYear: forecast.fiscalYear,
    currency: forecast.currency,
    companyTargetMinor,
    forecastMinor: forecast.totalMinor,
    stretchPct,
    rationale,
  };
}
