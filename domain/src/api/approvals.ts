import { z } from 'zod';
import { ApprovalDecisionInput, ApprovalState } from '../cycle';
import { Id } from '../org';

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
