import type { ApprovalContext, ApprovalDecisionKind, ApprovalState, ApprovalView } from '@opscycle/domain';
import { apiRequest } from './client';

export type { ApprovalContext, ApprovalView };
export type InboxDecision = Exclude<ApprovalDecisionKind, 'resubmit'>;

export const approvalsApi = {
  /** Waiting for me. */
  inbox: () => apiRequest<{ approvals: ApprovalView[] }>('GET', '/approvals?status=pending'),
  /** I decided on them. */
  history: () => apiRequest<{ approvals: ApprovalView[] }>('GET', '/approvals?status=decided'),
  get: (approvalId: string) =>
    apiRequest<ApprovalView>('GET', `/approvals/${encodeURIComponent(approvalId)}`),
  /** What the approver decides on: budget lines, target split, staffing plan or payout totals. */
  context: (approvalId: string) =>
    apiRequest<ApprovalContext>('GET', `/approvals/${encodeURIComponent(approvalId)}/context`),
  /** `decisionId` is the Update id: the same click sent twice is one decision. The actor is the signed-in user. */
  decide: (
    approvalId: string,
    kind: InboxDecision,
    body: { decisionId: string; reason?: string; delegateTo?: string },
  ) => apiRequest<ApprovalState>('POST', `/approvals/${encodeURIComponent(approvalId)}/${kind}`, body),
};
