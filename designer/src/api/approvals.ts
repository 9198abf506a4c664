import type { ApprovalDecisionKind, ApprovalState } from '@opscycle/domain';
import { apiRequest } from './client';

/** What the inbox lists: the approval's state plus what is being decided (budget lines, target split...). */
export type ApprovalView = ApprovalState & {
  title?: string;
  workflowId?: string;
  context?: unknown;
};

export type InboxDecision = Exclude<ApprovalDecisionKind, 'resubmit'>;

export const approvalsApi = {
  inbox: () => apiRequest<{ approvals: ApprovalView[] }>('GET', '/approvals?status=pending'),
  history: () => apiRequest<{ approvals: ApprovalView[] }>('GET', '/approvals?status=decided'),
  get: (approvalId: string) =>
    apiRequest<ApprovalView>('GET', `/approvals/${encodeURIComponent(approvalId)}`),
  /** `decisionId` is the Update id: the same click sent twice is one decision. */
  decide: (
    approvalId: string,
    kind: InboxDecision,
    body: { decisionId: string; reason?: string; delegateTo?: string },
  ) => apiRequest<ApprovalState>('POST', `/approvals/${encodeURIComponent(approvalId)}/${kind}`, body),
};
