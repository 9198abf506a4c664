import type { ApprovalWorkflowInput } from '@opscycle/domain';

/**
 * A travel budget of team east-1 submitted by its manager (`m-east-1`), routed manager -> finance:
 * the request the approval suites (workflow, API, browser) all decide on.
 */
export function aBudgetApproval(approvalId: string, deadlineMs = 60_000): ApprovalWorkflowInput {
  return {
    request: {
      approvalId,
      subject: { kind: 'budget', id: approvalId },
      title: 'East 1 travel budget',
      submittedBy: 'm-east-1',
      submittedByRole: 'manager',
      orgUnitId: 'east-1',
      amountMinor: 5_000_00,
      facts: { amountMinor: 5_000_00, category: 'travel' },
      routing: { kind: 'roles', roles: ['manager', 'finance'] },
    },
    levelDeadlineMs: deadlineMs,
    resubmitDeadlineMs: deadlineMs,
  };
}
