import { z } from 'zod';
import { ApprovalDecisionInput, ApprovalState } from '../cycle';
import { CurrencyCode, MinorUnits } from '../money';
import { Id } from '../org';
import {
  BudgetCategory,
  BudgetLine,
  HiringPlanLine,
  PlanningYear,
  QuotaAllocation,
  RampSchedule,
  RoiLine,
  StaffingLine,
} from '../planning';
import { SubmissionView } from './planning';

export const APPROVAL_LISTS = ['pending', 'decided', 'submitted'] as const;
/** pending: waiting for me; decided: I decided on it; submitted: I asked for it. */
export const ApprovalListQuery = z.object({
  status: z.enum(APPROVAL_LISTS).default('pending'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const ApprovalView = ApprovalState.extend({ workflowId: z.string() });
export type ApprovalView = z.infer<typeof ApprovalView>;
export const ApprovalList = z.object({ approvals: z.array(ApprovalView) });

export const ApprovalParam = z.object({ approvalId: Id });
/** The decisions a person sends; resubmission is the submitter's. */
export const DECISION_ROUTES = ['approve', 'reject', 'requestChanges', 'delegate', 'resubmit'] as const;
export const DecisionParams = ApprovalParam.extend({ kind: z.enum(DECISION_ROUTES) });
/** The actor is the signed-in user's person, never taken from the body. */
export const DecisionRequest = ApprovalDecisionInput.omit({ actorId: true });

/**
 * What an approver needs to decide, by subject kind, read from what planning and payouts stored.
 * `unavailable` when the subject is not a cycle step's sign-off or its data is not computed yet.
 */
const ContextOf = {
  cycleId: z.string(),
  fiscalYear: PlanningYear,
  /** The approval's unit: every line below is within its subtree. */
  orgUnitId: Id,
};
export const BudgetContext = z.object({
  kind: z.literal('budget'),
  ...ContextOf,
  currency: CurrencyCode,
  /** The proposed budget: category x quarter x unit. */
  lines: z.array(BudgetLine),
  totalMinor: MinorUnits,
  byCategory: z.array(z.object({ category: BudgetCategory, amountMinor: MinorUnits })),
  /** Last year's return per unit and category, what the proposal is judged against. */
  roiBaseline: z.array(RoiLine),
});
export const QuotaContext = z.object({
  kind: z.literal('quota'),
  ...ContextOf,
  allocation: QuotaAllocation.nullable(),
  /** How the unit's target is split among its child units (or reps). */
  children: z.array(QuotaAllocation),
  submission: SubmissionView.nullable(),
  /** Bottom-up minus top-down: negative when the manager commits to less than asked. */
  gapMinor: MinorUnits.nullable(),
});
export const StaffingContext = z.object({
  kind: z.literal('staffing'),
  ...ContextOf,
  currency: CurrencyCode,
  ramp: RampSchedule,
  lines: z.array(StaffingLine),
  hiringPlan: z.array(HiringPlanLine),
  currentHeadcount: z.number().int().nonnegative(),
  newHires: z.number().int().nonnegative(),
});
export const PayoutContext = z.object({
  kind: z.literal('payout'),
  runId: z.string(),
  payees: z.number().int().nonnegative(),
  totalMinor: MinorUnits,
  currency: CurrencyCode.nullable(),
  byLine: z.array(z.object({ lineKey: z.string(), amountMinor: MinorUnits, payees: z.number().int() })),
});
export const UnavailableContext = z.object({ kind: z.literal('unavailable'), reason: z.string() });
export const ApprovalContext = z.discriminatedUnion('kind', [
  BudgetContext,
  QuotaContext,
  StaffingContext,
  PayoutContext,
  UnavailableContext,
]);
export type ApprovalContext = z.infer<typeof ApprovalContext>;
