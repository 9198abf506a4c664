import { z } from 'zod';
import { CurrencyCode, MinorUnits } from '../money';
import { Id } from '../org';
import { BUDGET_CATEGORIES } from '../rules/facts';
import { PlanningYear, Ratio } from './common';

// One category list for budgets and their approval-routing facts (defined with the rule facts).
export const BudgetCategory = z.enum(BUDGET_CATEGORIES);
export type BudgetCategory = z.infer<typeof BudgetCategory>;

/** The four lines of the annual sales budget in the articles: what the budget step proposes. */
export const SALES_BUDGET_CATEGORIES = [
  'salaries',
  'travel',
  'channelCommission',
  'marketing',
] as const satisfies readonly BudgetCategory[];

/** `actual`: money spent (history); `plan`: the budget proposed for approval. */
export const BUDGET_BASES = ['actual', 'plan'] as const;
export const BudgetBasis = z.enum(BUDGET_BASES);
export type BudgetBasis = z.infer<typeof BudgetBasis>;

export const Quarter = z.number().int().min(1).max(4);

export const BudgetLine = z.object({
  fiscalYear: PlanningYear,
  unitId: Id,
  category: BudgetCategory,
  quarter: Quarter,
  basis: BudgetBasis,
  amountMinor: MinorUnits.nonnegative(),
  currency: CurrencyCode,
});
export type BudgetLine = z.infer<typeof BudgetLine>;

/**
 * Return on one budget line: attributed revenue / spend (5 means 1:5). Channel commission is
 * credited with channel revenue only; the other categories with all of the unit's revenue.
 */
export const RoiLine = z.object({
  unitId: Id,
  category: BudgetCategory,
  spendMinor: MinorUnits.nonnegative(),
  attributedRevenueMinor: MinorUnits,
  roi: Ratio,
});
export type RoiLine = z.infer<typeof RoiLine>;

export const RoiBaseline = z.object({
  fiscalYear: PlanningYear,
  currency: CurrencyCode,
  lines: z.array(RoiLine),
});
export type RoiBaseline = z.infer<typeof RoiBaseline>;

export const BudgetPlan = z.object({
  fiscalYear: PlanningYear,
  currency: CurrencyCode,
  lines: z.array(BudgetLine),
  totalMinor: MinorUnits,
  byCategory: z.array(z.object({ category: BudgetCategory, amountMinor: MinorUnits })),
  roiBaseline: RoiBaseline,
});
export type BudgetPlan = z.infer<typeof BudgetPlan>;
