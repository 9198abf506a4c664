import {
  SALES_BUDGET_CATEGORIES,
  allocateByWeights,
  roundMinor,
  type BudgetCategory,
  type BudgetLine,
  type BudgetPlan,
  type RoiBaseline,
  type RoiLine,
} from '@opscycle/domain';
import { planningError, singleCurrency } from './errors';

export interface UnitRevenue {
  unitId: string;
  revenueMinor: number;
  /** The part sold through channel partners: what channel commission is credited with. */
  channelRevenueMinor: number;
}

/** ROI attribution: channel commission earns channel revenue; every other line the unit's revenue. */
export function attributedRevenue(category: BudgetCategory, revenue: UnitRevenue): number {
  return category === 'channelCommission' ? revenue.channelRevenueMinor : revenue.revenueMinor;
}

export function roi(attributedRevenueMinor: number, spendMinor: number): number | null {
  return spendMinor > 0 ? attributedRevenueMinor / spendMinor : null;
}

const byUnitCategory = (lines: readonly BudgetLine[]) => {
  const grouped = new Map<string, BudgetLine[]>();
  for (const line of lines) {
    const key = `${line.unitId}|${line.category}`;
    grouped.set(key, [...(grouped.get(key) ?? []), line]);
  }
  return [...grouped.values()].sort((a, b) => {
    const [x, y] = [a[0], b[0]];
    return x && y ? x.unitId.localeCompare(y.unitId) || x.category.localeCompare(y.category) : 0;
  });
};

/** ROI per (unit, category) of a year's actual spend: revenue / spend (5 = 1:5); null without spend. */
export function roiBaseline(
  fiscalYear: number,
  spend: readonly BudgetLine[],
  revenue: readonly UnitRevenue[],
): RoiBaseline {
  const actual = spend.filter((l) => l.fiscalYear === fiscalYear && l.basis === 'actual');
  const currency = singleCurrency(
    actual.map((l) => l.currency),
    `FY${fiscalYear} actual spend`,
  );
  const revenueOf = new Map(revenue.map((r) => [r.unitId, r]));
  const lines: RoiLine[] = byUnitCategory(actual).flatMap((group) => {
    const head = group[0];
    if (!head) return [];
    const spendMinor = group.reduce((sum, l) => sum + l.amountMinor, 0);
    const unitRevenue = revenueOf.get(head.unitId) ?? {
      unitId: head.unitId,
      revenueMinor: 0,
      channelRevenueMinor: 0,
    };
    const attributedRevenueMinor = attributedRevenue(head.category, unitRevenue);
    return [
      {
        unitId: head.unitId,
        category: head.category,
        spendMinor,
        attributedRevenueMinor,
        roi: roi(attributedRevenueMinor, spendMinor),
      },
    ];
  });
  return { fiscalYear, currency, lines };
}

export interface BudgetUnitInput extends UnitRevenue {
  targetMinor: number;
  /** planned / current sales headcount (from the staffing plan); salaries follow it when given. */
  headcountRatio?: number;
}

/**
 * Next year's budget per unit x category x quarter from last year's actual spend: each line grows
 * with the unit's target over last year's revenue (salaries with the headcount ratio when known),
 * rounded once per unit and category, then split over quarters in last year's quarterly pattern
 * (exactly, by allocateByWeights). A unit without last-year revenue keeps last year's spend.
 */
export function planBudget(
  fiscalYear: number,
  lastYearSpend: readonly BudgetLine[],
  units: readonly BudgetUnitInput[],
): BudgetPlan {
  const baseline = roiBaseline(fiscalYear - 1, lastYearSpend, units);
  const unitOf = new Map(units.map((u) => [u.unitId, u]));
  const lines: BudgetLine[] = [];
  for (const group of byUnitCategory(
    lastYearSpend.filter((l) => l.fiscalYear === fiscalYear - 1 && l.basis === 'actual'),
  )) {
    const head = group[0];
    if (!head || !(SALES_BUDGET_CATEGORIES as readonly string[]).includes(head.category)) continue;
    const unit = unitOf.get(head.unitId);
    if (!unit)
      throw planningError(
        'PLANNING_UNKNOWN_UNIT',
        `last year's budget names ${head.unitId}, which has no target`,
        {
          unitId: head.unitId,
        },
      );
    const growth = unit.revenueMinor > 0 ? unit.targetMinor / unit.revenueMinor : 1;
    const scale =
      head.category === 'salaries' && unit.headcountRatio !== undefined ? unit.headcountRatio : growth;
    const annual = roundMinor(group.reduce((sum, l) => sum + l.amountMinor, 0) * scale);
    const quarters = allocateByWeights(
      annual,
      [1, 2, 3, 4].map((quarter) => ({
        key: quarter,
        weight: group.filter((l) => l.quarter === quarter).reduce((sum, l) => sum + l.amountMinor, 0),
      })),
    );
    for (const [quarter, amountMinor] of quarters)
      lines.push({
        fiscalYear,
        unitId: head.unitId,
        category: head.category,
        quarter,
        basis: 'plan',
        amountMinor,
        currency: baseline.currency,
      });
  }
  return {
    fiscalYear,
    currency: baseline.currency,
    lines,
    totalMinor: lines.reduce((sum, l) => sum + l.amountMinor, 0),
    byCategory: SALES_BUDGET_CATEGORIES.map((category) => ({
      category,
      amountMinor: lines.filter((l) => l.category === category).reduce((sum, l) => sum + l.amountMinor, 0),
    })),
    roiBaseline: baseline,
  };
}
