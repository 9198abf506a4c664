import { allocateByWeights, roundMinor, type Forecast, type HistoricalActuals } from '@opscycle/domain';
import { planningError } from './errors';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/**
 * Monthly seasonal indices: for each basis year the month's share of the year, averaged over the
 * years and scaled so an average month is 1 (the twelve indices sum to 12).
 */
export function seasonalIndices(actuals: HistoricalActuals['lines'], years: readonly number[]): number[] {
  const sums = MONTHS.map(() => 0);
  for (const year of years) {
    const monthly = MONTHS.map((month) =>
      actuals.reduce(
        (sum, l) => (l.fiscalYear === year && l.month === month ? sum + l.revenueMinor : sum),
        0,
      ),
    );
    const total = monthly.reduce((a, b) => a + b, 0);
    if (total <= 0) throw planningError('PLANNING_NOT_ENOUGH_HISTORY', `no revenue in FY${year}`, { year });
    monthly.forEach((value, i) => (sums[i] = (sums[i] ?? 0) + value / total));
  }
  return sums.map((share) => (share / years.length) * 12);
}

/** Compound annual growth rate from the first to the last basis year. */
export function trendGrowthRate(first: number, last: number, years: number): number {
  if (first <= 0) throw planningError('PLANNING_NOT_ENOUGH_HISTORY', 'the first basis year has no revenue');
  return (last / first) ** (1 / (years - 1)) - 1;
}

function series(lines: HistoricalActuals['lines'], years: readonly number[], indices: readonly number[]) {
  const annual = years.map((y) =>
    lines.reduce((sum, l) => (l.fiscalYear === y ? sum + l.revenueMinor : sum), 0),
  );
  const first = annual[0] ?? 0;
  const last = annual[annual.length - 1] ?? 0;
  const rate = first > 0 ? trendGrowthRate(first, last, years.length) : 0;
  // One rounding, on the annual total; the months are an exact split of it by the seasonal indices.
  const totalMinor = roundMinor(last * (1 + rate));
  const byMonth = allocateByWeights(
    totalMinor,
    MONTHS.map((month, i) => ({ key: month, weight: indices[i] ?? 0 })),
  );
  return { rate, totalMinor, monthlyMinor: MONTHS.map((m) => byMonth.get(m) ?? 0) };
}

/**
 * Next year's revenue = last basis year x (1 + CAGR of the basis years), phased by the company's
 * monthly seasonal indices. Needs at least two consecutive years of history before `fiscalYear`.
 * Regions use their own trend with the company's seasonality (their history is thinner).
 */
export function forecastNextYear(
  actuals: HistoricalActuals,
  fiscalYear: number,
  basisYearCount = 2,
): Forecast {
  if (basisYearCount < 2)
    throw planningError('PLANNING_INVALID_INPUT', 'a trend needs at least two basis years');
  const basisYears = Array.from({ length: basisYearCount }, (_, i) => fiscalYear - basisYearCount + i);
  const indices = seasonalIndices(actuals.lines, basisYears);
  const company = series(actuals.lines, basisYears, indices);
  const regionIds = [...new Set(actuals.lines.map((l) => l.regionId))].sort();
  return {
    fiscalYear,
    currency: actuals.currency,
    basisYears,
    seasonalIndices: indices,
    trendGrowthRate: company.rate,
    totalMinor: company.totalMinor,
    monthlyMinor: company.monthlyMinor,
    byRegion: regionIds.map((regionId) => {
      const { totalMinor, monthlyMinor } = series(
        actuals.lines.filter((l) => l.regionId === regionId),
        basisYears,
        indices,
      );
      return { regionId, totalMinor, monthlyMinor };
    }),
  };
}
