import { z } from 'zod';
import { CurrencyCode, MinorUnits } from '../money';
import { Id } from '../org';
import { PlanningYear, Monthly, Ratio } from './common';
import { CustomerSize } from './deal';

/** The levels a target is decomposed through: the org units, then each rep ("everyone carries a number"). */
export const PLANNING_NODE_KINDS = ['company', 'region', 'team', 'rep'] as const;
export const PlanningNodeKind = z.enum(PLANNING_NODE_KINDS);
export type PlanningNodeKind = z.infer<typeof PlanningNodeKind>;

export const PlanningNode = z.object({ id: Id, kind: PlanningNodeKind, parentId: Id.nullable() });
export type PlanningNode = z.infer<typeof PlanningNode>;

/**
 * How a parent's target is split among its children: weight = historyShare x (child's share of
 * last year's revenue) + potential x (child's share of potential). Relative values; they need not sum to 1.
 */
export const TargetWeights = z
  .object({ historyShare: z.number().min(0), potential: z.number().min(0) })
  .refine((w) => w.historyShare + w.potential > 0, { message: 'at least one weight must be > 0' });
export type TargetWeights = z.infer<typeof TargetWeights>;

export const QuotaMixLine = z.object({
  productLine: Id,
  customerSize: CustomerSize,
  amountMinor: MinorUnits,
});
export type QuotaMixLine = z.infer<typeof QuotaMixLine>;

/** One unit's (or rep's) annual quota: sums exactly to its parent's, with its mix and phasing. */
export const QuotaAllocation = z.object({
  fiscalYear: PlanningYear,
  unitId: Id,
  unitKind: PlanningNodeKind,
  parentId: Id.nullable(),
  currency: CurrencyCode,
  amountMinor: MinorUnits,
  /** By month (seasonal phasing); sums exactly to amountMinor. */
  monthlyMinor: Monthly,
  /** By product line x customer size (the unit's own history mix); sums exactly to amountMinor. */
  mix: z.array(QuotaMixLine),
  /** Why: the inputs of the weight. */
  historyMinor: MinorUnits,
  potential: z.number().nonnegative(),
  weight: z.number().nonnegative(),
});
export type QuotaAllocation = z.infer<typeof QuotaAllocation>;

/** A manager's own number for their unit (bottom-up). */
export const BottomUpSubmission = z.object({
  fiscalYear: PlanningYear,
  unitId: Id,
  submittedBy: Id,
  amountMinor: MinorUnits.nonnegative(),
  currency: CurrencyCode,
  comment: z.string().max(2000).default(''),
});
export type BottomUpSubmission = z.infer<typeof BottomUpSubmission>;

export const ReconciliationLine = z.object({
  unitId: Id,
  unitKind: PlanningNodeKind,
  parentId: Id.nullable(),
  topDownMinor: MinorUnits,
  bottomUpMinor: MinorUnits.nullable(),
  /** bottomUp - topDown: negative when the manager commits to less than asked. */
  gapMinor: MinorUnits.nullable(),
  gapPct: Ratio,
  /** Sum of the children's submissions when every child submitted, else null. */
  childrenBottomUpMinor: MinorUnits.nullable(),
});
export type ReconciliationLine = z.infer<typeof ReconciliationLine>;

export const Reconciliation = z.object({
  fiscalYear: PlanningYear,
  currency: CurrencyCode,
  lines: z.array(ReconciliationLine),
  submittedUnits: z.number().int().nonnegative(),
  missingUnitIds: z.array(Id),
  /** Sum of the gaps of the units that submitted. */
  totalGapMinor: MinorUnits,
});
export type Reconciliation = z.infer<typeof Reconciliation>;
