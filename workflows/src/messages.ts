/**
 * Everything a client (the API, tests, ops scripts) needs to talk to OpsCycle's workflows: workflow
 * type names, business-key workflow ids, queries, updates, signals and search attributes. Importable
 * from Node: it holds definitions only, never workflow code.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair } from '@temporalio/common';
import type {
  ApprovalDecisionInput,
  ApprovalState,
  ApprovalStatus,
  ApprovalSubjectKind,
  CycleProgress,
  CycleStatus,
  CycleStep,
  PendingApproval,
  PayoutRunProgress,
  PlanAcknowledged,
  UnitProgress,
  InquiryState,
} from '@opscycle/domain';

export { TASK_QUEUES } from '@opscycle/domain';

/** Workflow type names, for `client.workflow.start<typeof annualCycleWorkflow>(WORKFLOW_TYPES.annualCycle, ...)`. */
export const WORKFLOW_TYPES = {
  annualCycle: 'annualCycleWorkflow',
  approval: 'approvalWorkflow',
  unitFanOut: 'unitFanOutWorkflow',
  unitStep: 'unitStepWorkflow',
  payoutRun: 'payoutRunWorkflow',
  inquiry: 'inquiryWorkflow',
} as const;

// Business keys as workflow ids: starting the same thing twice finds the running one instead.
export const cycleWorkflowId = (fiscalYear: number, orgId: string) => `cycle-FY${fiscalYear}-${orgId}`;
/** approvalId is `<subjectKind>-<subjectId>`, e.g. `budget-FY2027-acme-east`. */
export const approvalIdFor = (kind: ApprovalSubjectKind, subjectId: string) => `${kind}-${subjectId}`;
export const approvalWorkflowId = (approvalId: string) => `approval-${approvalId}`;
export const unitFanOutWorkflowId = (cycleId: string, step: CycleStep) => `${cycleId}-${step}-fanout`;
export const unitStepWorkflowId = (cycleId: string, step: CycleStep, orgUnitId: string) =>
  `${cycleId}-${step}-${orgUnitId}`;
export const payoutRunId = (planId: string, period: string, revision: number) =>
  `${planId}-${period}-r${revision}`;
export const payoutRunWorkflowId = (planId: string, period: string, revision: number) =>
  `payout-${payoutRunId(planId, period, revision)}`;
/** The (plan, period, revision) of a `payoutRunId`; undefined for anything else. */
export function parsePayoutRunId(
  runId: string,
): { planId: string; period: string; revision: number } | undefined {
  const match = /^(.+)-(\d{4}-(?:0[1-9]|1[0-2]|Q[1-4]))-r([1-9]\d*)$/.exec(runId);
  return match ? { planId: match[1]!, period: match[2]!, revision: Number(match[3]) } : undefined;
}

// Approvals. Decisions are Updates (not signals) so the caller learns at once whether the validator
// accepted it; send each with `updateId: input.decisionId` so a repeated click is one decision.
export const approvalStateQuery = defineQuery<ApprovalState>('approvalState');
export const approveUpdate = defineUpdate<ApprovalState, [ApprovalDecisionInput]>('approve');
/** `reason` is required. */
export const rejectUpdate = defineUpdate<ApprovalState, [ApprovalDecisionInput]>('reject');
/** `reason` is required: it tells the submitter what to change. */
export const requestChangesUpdate = defineUpdate<ApprovalState, [ApprovalDecisionInput]>('requestChanges');
/** `delegateTo` is required and may not be the submitter. */
export const delegateUpdate = defineUpdate<ApprovalState, [ApprovalDecisionInput]>('delegate');
/** Only the submitter, only after a rejection or a change request; new facts re-route the chain. */
export const resubmitUpdate = defineUpdate<ApprovalState, [ApprovalDecisionInput]>('resubmit');
/** Sent by an approval workflow to `notifyWorkflowId` when its status or assignees change. */
export const approvalChangedSignal =
  defineSignal<[PendingApproval & { final: boolean; status: ApprovalStatus }]>('approvalChanged');

// The annual cycle.
export const cycleProgressQuery = defineQuery<CycleProgress>('cycleProgress');
/** Closes a review period early (otherwise it closes after `periodLengthMs`); returns the reviewed periods. */
export const closeReviewPeriodUpdate = defineUpdate<string[], [{ period: string; actorId: string }]>(
  'closeReviewPeriod',
);
/**
 * Sent by the API to the cycle (by workflow id, so it reaches whichever run is current) once a
 * rep's acknowledgment is stored; repeats are harmless.
 */
export const planAcknowledgedSignal = defineSignal<[PlanAcknowledged]>('planAcknowledged');
/** Sent by a fan-out workflow to the cycle with the units whose status changed. */
export const unitProgressSignal = defineSignal<[UnitProgress[]]>('unitProgress');

// Payout runs.
export const payoutRunProgressQuery = defineQuery<PayoutRunProgress>('payoutRunProgress');

/** Typed keys of the search attributes the launcher registers (domain/src/temporal.ts). */
export const searchAttributeKeys = {
  FiscalYear: defineSearchAttributeKey('FiscalYear', SearchAttributeType.INT),
  OrgUnit: defineSearchAttributeKey('OrgUnit', SearchAttributeType.KEYWORD),
  CycleStep: defineSearchAttributeKey('CycleStep', SearchAttributeType.KEYWORD),
  CycleStatus: defineSearchAttributeKey('CycleStatus', SearchAttributeType.KEYWORD),
} as const;

/** The search attributes of a cycle, for start options and for the cycle's own upserts. */
export function cycleSearchAttributes(
  fiscalYear: number,
  orgId: string,
  step: CycleStep,
  status: CycleStatus,
): SearchAttributePair[] {
  return [
    { key: searchAttributeKeys.FiscalYear, value: fiscalYear },
    { key: searchAttributeKeys.OrgUnit, value: orgId },
    { key: searchAttributeKeys.CycleStep, value: step },
    { key: searchAttributeKeys.CycleStatus, value: status },
  ];
}

// Inquiries about statement lines. Decisions go to the inquiry's approval (`approvalWorkflowId` of
// `approvalIdFor('inquiry', inquiryId)`), whose routing, deadlines and delegation the inquiry reuses.
export const inquiryWorkflowId = (inquiryId: string) => `inquiry-${inquiryId}`;
export const inquiryStateQuery = defineQuery<InquiryState>('inquiryState');
