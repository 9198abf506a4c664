import { BudgetPlan, Reconciliation, StaffingPlan, type PLAN_RESULT_ROUTES } from '@opscycle/domain';
import type { Visibility } from '../auth/visibility';

type PlanResultKind = (typeof PLAN_RESULT_ROUTES)[number];
const sum = <T>(items: readonly T[], of: (item: T) => number) => items.reduce((s, item) => s + of(item), 0);

/**
 * A planning step's stored result as one caller may read it: only the lines of units (and reps)
 * within their scope, and totals recomputed from those lines, so no total reveals what the other
 * units hold. A caller whose scope is the whole org reads the result as stored.
 */
export function planResultWithin(kind: PlanResultKind, stored: unknown, visible: Visibility): unknown {
  if (visible.whole) return stored;
  return WITHIN[kind](stored, visible);
}

const WITHIN = {
  reconciliation(stored, visible) {
    const plan = Reconciliation.parse(stored);
    const lines = plan.lines.filter((line) => visible.node(line.unitId));
    return {
      ...plan,
      lines,
      submittedUnits: lines.filter((l) => l.bottomUpMinor !== null).length,
      missingUnitIds: lines.filter((l) => l.bottomUpMinor === null).map((l) => l.unitId),
      totalGapMinor: sum(lines, (l) => l.gapMinor ?? 0),
    } satisfies Reconciliation;
  },
  staffingPlan(stored, visible) {
    const plan = StaffingPlan.parse(stored);
    const lines = plan.lines.filter((line) => visible.unit(line.unitId));
    return {
      ...plan,
      lines,
      hiringPlan: plan.hiringPlan.filter((line) => visible.unit(line.unitId)),
      totalNewHires: sum(lines, (l) => l.newHires),
    } satisfies StaffingPlan;
  },
  budgetPlan(stored, visible) {
    const plan = BudgetPlan.parse(stored);
    const lines = plan.lines.filter((line) => visible.unit(line.unitId));
    return {
      ...plan,
      lines,
      totalMinor: sum(lines, (l) => l.amountMinor),
      byCategory: plan.byCategory.map(({ category }) => ({
        category,
        amountMinor: sum(
          lines.filter((l) => l.category === category),
          (l) => l.amountMinor,
        ),
      })),
      roiBaseline: {
        ...plan.roiBaseline,
        lines: plan.roiBaseline.lines.filter((line) => visible.unit(line.unitId)),
      },
    } satisfies BudgetPlan;
  },
  // The strategy is the company's context (its target, where growth came from): shown whole.
  strategyAnalysis: (stored) => stored,
} satisfies Record<PlanResultKind, (stored: unknown, visible: Visibility) => unknown>;
