import {
  BUDGET_CATEGORIES,
  FUNNEL_STAGES,
  roundMinor,
  type BudgetLine,
  type Deal,
  type KpiSet,
  type Period,
} from '@opscycle/domain';
import { attributedRevenue, roi } from './budget';
import { daysBetween, isoDate, overlapDays, quarterRange, within, yearOf } from './dates';
import { isRevenue } from './actuals';

export interface KpiInput {
  unitId: string;
  period: Period;
  currency: string;
  /** The unit's deals, all history up to the period's end (new customers and LTV look back). */
  deals: readonly Deal[];
  targetMinor: number | null;
  /** Sales headcount at the end of each month of the period. */
  headcountByMonth: readonly number[];
  /** The unit's actual spend lines (quarterly); pro-rated by days for a period that cuts a quarter. */
  spend: readonly BudgetLine[];
  /** Gross margin on revenue, for LTV. */
  grossMarginRate?: number;
  /** Cap on a customer's expected life when almost nobody churns. */
  maxLifetimeYears?: number;
}

const ratio = (numerator: number, denominator: number) => (denominator > 0 ? numerator / denominator : null);
const sum = (values: Iterable<number>) => {
  let total = 0;
  for (const v of values) total += v;
  return total;
};
/** Days are reported to one decimal; rounding here is presentation, not money. */
const oneDecimal = (value: number) => Math.round(value * 10) / 10;

function shiftYears(date: string, years: number): string {
  return isoDate(yearOf(date) + years, Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

/**
 * LTV = average yearly revenue per active customer x gross margin x expected life in years, where
 * life = 1 / yearly churn (capped). Active = a won deal in the 12 months to the period's end;
 * churned = active in the 12 months before that and not since. Null when nobody was active a year ago.
 */
function lifetimeValue(input: KpiInput, won: readonly (Deal & { wonOn: string })[]): number | null {
  const end = input.period.to;
  const lastYear = {
    from: isoDate(yearOf(end) - 1, Number(end.slice(5, 7)), Number(end.slice(8, 10)) + 1),
    to: end,
  };
  const yearBefore = { from: shiftYears(lastYear.from, -1), to: shiftYears(end, -1) };
  const recent = won.filter((d) => within(d.wonOn, lastYear));
  const active = new Set(recent.map((d) => d.customerId));
  const previous = new Set(won.filter((d) => within(d.wonOn, yearBefore)).map((d) => d.customerId));
  if (active.size === 0 || previous.size === 0) return null;
  const churnRate = [...previous].filter((c) => !active.has(c)).length / previous.size;
  const maxLife = input.maxLifetimeYears ?? 10;
  const lifetimeYears = churnRate > 0 ? Math.min(1 / churnRate, maxLife) : maxLife;
  const revenuePerCustomer = sum(recent.map((d) => d.amountMinor)) / active.size;
  return roundMinor(revenuePerCustomer * (input.grossMarginRate ?? 0.4) * lifetimeYears);
}

/** Spend per category in the period; a quarterly line counts by the share of its days in the period. */
function spendByCategory(spend: readonly BudgetLine[], period: Period) {
  return BUDGET_CATEGORIES.map((category) => {
    const exact = sum(
      spend
        .filter((l) => l.basis === 'actual' && l.category === category)
        .map((l) => {
          const quarter = quarterRange(l.fiscalYear, l.quarter);
          return (l.amountMinor * overlapDays(quarter, period)) / (daysBetween(quarter.from, quarter.to) + 1);
        }),
    );
    return { category, spendMinor: roundMinor(exact), present: spend.some((l) => l.category === category) };
  }).filter((c) => c.present);
}

/** The KPIs of domain.md for one unit and period. Every ratio is null (never NaN or Infinity) without a denominator. */
export function computeKpis(input: KpiInput): KpiSet {
  const { period, deals } = input;
  const wonEver = deals.filter(isRevenue);
  const won = wonEver.filter((d) => within(d.wonOn, period));
  const revenueMinor = sum(won.map((d) => d.amountMinor));
  const channelRevenueMinor = sum(won.filter((d) => d.channel === 'channel').map((d) => d.amountMinor));
  const invoicedMinor = sum(won.map((d) => d.invoicedMinor));
  const collectedMinor = sum(
    won.map((d) => (d.collectedOn !== null && d.collectedOn <= period.to ? d.collectedMinor : 0)),
  );

  const firstWon = new Map<string, string>();
  for (const d of wonEver) {
    const seen = firstWon.get(d.customerId);
    if (seen === undefined || d.wonOn < seen) firstWon.set(d.customerId, d.wonOn);
  }
  const newCustomers = [...firstWon.values()].filter((date) => within(date, period)).length;

  const leads = deals.filter((d) => within(d.createdOn, period));
  const leadsWon = leads.filter((d) => d.status === 'won').length;
  const reached = FUNNEL_STAGES.map(
    (_, i) => leads.filter((d) => FUNNEL_STAGES.indexOf(d.stage) >= i).length,
  );
  const stageConversion = FUNNEL_STAGES.map((stage, i) => ({
    stage,
    reached: reached[i] ?? 0,
    toNext: ratio(i + 1 < FUNNEL_STAGES.length ? (reached[i + 1] ?? 0) : leadsWon, reached[i] ?? 0),
  }));
  const proposals = deals.filter((d) => within(d.proposalSubmittedOn, period));
  const proposalsAccepted = proposals.filter((d) => d.proposalAccepted).length;

  const averageHeadcount =
    input.headcountByMonth.length > 0 ? sum(input.headcountByMonth) / input.headcountByMonth.length : null;
  const perHead = averageHeadcount === null ? null : ratio(revenueMinor, averageHeadcount);
  const spendLines = spendByCategory(input.spend, period);
  const spendMinor = sum(spendLines.map((l) => l.spendMinor));
  const unitRevenue = { unitId: input.unitId, revenueMinor, channelRevenueMinor };
  const cac = ratio(spendMinor, newCustomers);
  const averageDeal = ratio(revenueMinor, won.length);
  const cycle = ratio(sum(won.map((d) => daysBetween(d.createdOn, d.wonOn))), won.length);

  return {
    unitId: input.unitId,
    period,
    currency: input.currency,
    revenueMinor,
    targetMinor: input.targetMinor,
    achievement: input.targetMinor === null ? null : ratio(revenueMinor, input.targetMinor),
    invoicedMinor,
    collectedMinor,
    collectionRate: ratio(collectedMinor, invoicedMinor),
    refundedMinor: sum(
      deals.filter((d) => d.status === 'refunded' && within(d.refundedOn, period)).map((d) => d.amountMinor),
    ),
    newCustomers,
    leadsCreated: leads.length,
    leadsWon,
    leadConversion: ratio(leadsWon, leads.length),
    stageConversion,
    proposalsSubmitted: proposals.length,
    proposalsAccepted,
    proposalPassRate: ratio(proposalsAccepted, proposals.length),
    wonDeals: won.length,
    averageDealMinor: averageDeal === null ? null : roundMinor(averageDeal),
    averageSalesCycleDays: cycle === null ? null : oneDecimal(cycle),
    averageHeadcount,
    salesPerHeadMinor: perHead === null ? null : roundMinor(perHead),
    salesAndMarketingSpendMinor: spendMinor,
    cacMinor: cac === null ? null : roundMinor(cac),
    ltvMinor: lifetimeValue(input, wonEver),
    roiByLine: spendLines.map(({ category, spendMinor: lineSpend }) => {
      const attributedRevenueMinor = attributedRevenue(category, unitRevenue);
      return {
        unitId: input.unitId,
        category,
        spendMinor: lineSpend,
        attributedRevenueMinor,
        roi: roi(attributedRevenueMinor, lineSpend),
      };
    }),
  };
}
