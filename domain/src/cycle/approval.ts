import { z } from 'zod';
import { MinorUnits } from '../money';
import { Id, PositionKey, Role } from '../org';
import { ApprovalRouting, ApprovalSubjectKind, CYCLE_STEPS, CycleStep, DurationMs } from './template';

/** Facts the routing rules see (amount, category, unit...). Plain JSON values only. */
export const ApprovalFacts = z.record(
  // Stored as document keys: MongoDB-wire servers refuse '.' and a leading '$'.
  z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'fact names use letters, digits and _'),
  z.union([z.string(), z.number(), z.boolean(), z.null()]),
);
export type ApprovalFacts = z.infer<typeof ApprovalFacts>;

export const ApprovalRequest = z.object({
  approvalId: Id,
  subject: z.object({ kind: ApprovalSubjectKind, id: Id }),
  title: z.string().min(1),
  submittedBy: Id,
  /** Recorded as the actor's role in the audit trail when the request is submitted or resubmitted. */
  submittedByRole: Role,
  orgUnitId: Id,
  amountMinor: MinorUnits.optional(),
  facts: ApprovalFacts.default({}),
  routing: ApprovalRouting,
});
export type ApprovalRequest = z.infer<typeof ApprovalRequest>;

export const ApprovalWorkflowInput = z.object({
  request: ApprovalRequest,
  levelDeadlineMs: DurationMs,
  reminderEveryMs: DurationMs.optional(),
  resubmitDeadlineMs: DurationMs,
  /** A workflow (the cycle) told of every status change, so its query lists pending approvals. */
  notifyWorkflowId: z.string().min(1).optional(),
});
export type ApprovalWorkflowInput = z.infer<typeof ApprovalWorkflowInput>;

export const ApprovalLevel = z.object({
  level: z.number().int().min(0),
  /** The role approvers act in (for a position level: its holder's role, as the audit records it). */
  role: Role,
  /** Routed to an org position: which, and the unit whose holder approves. */
  position: PositionKey.optional(),
  orgUnitId: Id.optional(),
  approverIds: z.array(Id),
});
export type ApprovalLevel = z.infer<typeof ApprovalLevel>;

/** The levels a request passes, in order, resolved from routing rules once per submission round. */
export const ApprovalChain = z.object({
  levels: z.array(ApprovalLevel).min(1),
  explanation: z.array(z.string()),
});
export type ApprovalChain = z.infer<typeof ApprovalChain>;

export const APPROVAL_DECISION_KINDS = [
  'approve',
  'reject',
  'requestChanges',
  'delegate',
  'resubmit',
] as const;
export const ApprovalDecisionKind = z.enum(APPROVAL_DECISION_KINDS);
export type ApprovalDecisionKind = z.infer<typeof ApprovalDecisionKind>;

/** Sent as an Update whose update id is `decisionId`, so a repeated click is one decision. */
export const ApprovalDecisionInput = z.object({
  decisionId: z.string().min(1).max(200),
  actorId: Id,
  reason: z.string().max(2000).optional(),
  /** delegate only: who takes over the actor's place at the current level. */
  delegateTo: Id.optional(),
  /** resubmit only: the facts of the revised request (routing is re-evaluated on them). */
  facts: ApprovalFacts.optional(),
  amountMinor: MinorUnits.optional(),
});
export type ApprovalDecisionInput = z.infer<typeof ApprovalDecisionInput>;

export const ApprovalDecision = ApprovalDecisionInput.extend({
  kind: ApprovalDecisionKind,
  round: z.number().int().min(1),
  level: z.number().int().min(0),
  at: z.iso.datetime(),
});
export type ApprovalDecision = z.infer<typeof ApprovalDecision>;

export const APPROVAL_STATUSES = [
  'resolvingChain',
  'pending',
  'rejected',
  'changesRequested',
  'approved',
  'closedRejected',
  'expired',
] as const;
export const ApprovalStatus = z.enum(APPROVAL_STATUSES);
export type ApprovalStatus = z.infer<typeof ApprovalStatus>;

/** Statuses after which the approval workflow ends. */
export const FINAL_APPROVAL_STATUSES = [
  'approved',
  'closedRejected',
  'expired',
] as const satisfies readonly ApprovalStatus[];
export type FinalApprovalStatus = (typeof FINAL_APPROVAL_STATUSES)[number];

export const ApprovalState = z.object({
  approvalId: Id,
  subject: ApprovalRequest.shape.subject,
  submittedBy: Id,
  orgUnitId: Id,
  status: ApprovalStatus,
  round: z.number().int().min(1),
  currentLevel: z.number().int().min(0),
  chain: ApprovalChain.optional(),
  /** Who may decide now: the current level's approvers, with delegations applied, never the submitter. */
  assigneeIds: z.array(Id),
  escalations: z.array(
    z.object({ round: z.number().int(), fromLevel: z.number().int(), at: z.iso.datetime() }),
  ),
  remindersSent: z.number().int().min(0),
  decisions: z.array(ApprovalDecision),
  facts: ApprovalFacts,
  amountMinor: MinorUnits.optional(),
});
export type ApprovalState = z.infer<typeof ApprovalState>;

export const ApprovalOutcome = z.object({
  approvalId: Id,
  status: z.enum(FINAL_APPROVAL_STATUSES),
  rounds: z.number().int().min(1),
  decidedBy: z.array(Id),
  reason: z.string().optional(),
});
export type ApprovalOutcome = z.infer<typeof ApprovalOutcome>;

/** Codes of decisions refused by an Update validator (the API maps them to 403/409/422). */
export const APPROVAL_ERROR_CODES = [
  'APPROVAL_SELF_APPROVAL',
  'APPROVAL_NOT_ASSIGNEE',
  'APPROVAL_NOT_PENDING',
  'APPROVAL_REASON_REQUIRED',
  'APPROVAL_INVALID_DELEGATE',
  'APPROVAL_NOT_SUBMITTER',
  'APPROVAL_DECISION_ID_MISMATCH',
  'APPROVAL_NO_APPROVERS',
  'APPROVAL_ROUTING_UNAVAILABLE',
  'APPROVAL_POSITION_UNHELD',
] as const;
export type ApprovalErrorCode = (typeof APPROVAL_ERROR_CODES)[number];

/**
 * The subject id of a cycle step's sign-off: `<cycleId>-<step>` for the company, with `-<unitId>`
 * for one unit of a fan-out (cycle ids are `cycle-FY<year>-<orgId>`).
 */
export const cycleSubjectId = (cycleId: string, step: CycleStep, unitId?: string): string =>
  unitId === undefined ? `${cycleId}-${step}` : `${cycleId}-${step}-${unitId}`;

const CYCLE_SUBJECT = new RegExp(`^(cycle-FY(\\d{4})-.+?)-(${CYCLE_STEPS.join('|')})(?:-(.+))?$`);

/** The cycle, fiscal year, step and unit a sign-off is about; null for a subject outside a cycle. */
export function parseCycleSubjectId(
  subjectId: string,
): { cycleId: string; fiscalYear: number; step: CycleStep; unitId?: string } | null {
  const match = CYCLE_SUBJECT.exec(subjectId);
  if (!match) return null;
  const [, cycleId, year, step, unitId] = match;
  return {
    cycleId: cycleId!,
    fiscalYear: Number(year),
    step: CycleStep.parse(step),
    ...(unitId === undefined ? {} : { unitId }),
  };
}
