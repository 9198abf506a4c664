import type { ActualsLine, Deal, HistoricalActuals } from '@opscycle/domain';
import { planningError, singleCurrency } from './errors';
import { monthOf, yearOf } from './dates';

/**
 * Revenue is what was won and kept: a deal counts in the month it was won when its status is `won`.
 * A refunded deal counts nowhere (its refund is reported separately by the KPIs).
 */
export function isRevenue(deal: Deal): deal is Deal & { wonOn: string } {
  return deal.status === 'won' && deal.wonOn !== null;
}

/** Aggregates won deals into monthly revenue lines per region, team, rep, product line, size and channel. */
export function summarizeActuals(
  deals: readonly Deal[],
  regionOfTeam: ReadonlyMap<string, string>,
  currencyWhenEmpty = 'CNY',
): HistoricalActuals {
  const won = deals.filter(isRevenue);
  const currency =
    won.length === 0
      ? currencyWhenEmpty
      : singleCurrency(
          won.map((d) => d.currency),
          'actuals',
        );
  const lines = new Map<string, ActualsLine>();
  for (const deal of won) {
    const regionId = regionOfTeam.get(deal.teamId);
    if (regionId === undefined)
      throw planningError(
        'PLANNING_UNKNOWN_UNIT',
        `deal ${deal.dealId} names team ${deal.teamId}, not in the org`,
        {
          dealId: deal.dealId,
          teamId: deal.teamId,
        },
      );
    const fiscalYear = yearOf(deal.wonOn);
    const month = monthOf(deal.wonOn);
    const key = [
      fiscalYear,
      month,
      deal.repId,
      deal.teamId,
      deal.productLine,
      deal.customerSize,
      deal.channel,
    ].join('|');
    const line = lines.get(key) ?? {
      fiscalYear,
      month,
      regionId,
      teamId: deal.teamId,
      repId: deal.repId,
      productLine: deal.productLine,
      customerSize: deal.customerSize,
      channel: deal.channel,
      revenueMinor: 0,
      wonDeals: 0,
    };
    line.revenueMinor += deal.amountMinor;
    line.wonDeals += 1;
    lines.set(key, line);
  }
  return { currency, lines: [...lines.values()] };
}

export function sumRevenue(
  lines: readonly ActualsLine[],
  keep: (line: ActualsLine) => boolean = () => true,
): number {
  let sum = 0;
  for (const line of lines) if (keep(line)) sum += line.revenueMinor;
  return sum;
}
