import {
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { ApprovalOutcome, InquiryState, InquiryWorkflowInput } from '@opscycle/domain';
import type { InquiryActivities } from './activityContracts';
import { approvalWorkflow } from './approval.workflow';
import { approvalChangedSignal, approvalIdFor, approvalWorkflowId, inquiryStateQuery } from './messages';

const activities = proxyActivities<InquiryActivities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '30 seconds',
    nonRetryableErrorTypes: ['DomainError'],
  },
});

/**
 * A rejection answers the inquiry: its approval closes at once instead of waiting for a revision
 * (the rep raises a new inquiry with what they learned).
 */
const NO_RESUBMISSION_MS = 1;

const STATUS_OF = {
  approved: 'accepted',
  closedRejected: 'rejected',
  expired: 'expired',
} as const satisfies Record<ApprovalOutcome['status'], InquiryState['status']>;

/**
 * An inquiry about one statement line. Routing, level deadlines, reminders, escalation and
 * delegation are the approval workflow's, run as a child on the inquiry's own routing rule set:
 * the resolvers accept (with an amount) or reject it there. This workflow mirrors who is asked,
 * then turns the answer into a manual adjustment the next payout run of the plan pays.
 */
export async function inquiryWorkflow(input: InquiryWorkflowInput): Promise<InquiryState> {
  const approvalId = approvalIdFor('inquiry', input.inquiryId);
  const state: InquiryState = {
    inquiryId: input.inquiryId,
    approvalId,
    status: 'open',
    assigneeIds: [],
    level: 0,
  };
  let changed = false;
  setHandler(approvalChangedSignal, (change) => {
    if (change.approvalId !== approvalId) return;
    state.assigneeIds = change.final ? [] : change.assigneeIds;
    state.level = change.level;
    changed = true;
  });
  setHandler(inquiryStateQuery, () => state);

  const { line } = input;
  await activities.recordAudit({
    id: `inquiry:${input.inquiryId}:raised`,
    at: new Date().toISOString(),
    actor: { userId: input.raisedBy, role: input.raisedByRole },
    action: 'inquiry.raised',
    object: { type: 'inquiry', id: input.inquiryId },
    orgUnitId: input.orgUnitId,
    details: { ...line, comment: input.comment },
  });

  const approval = await startChild(approvalWorkflow, {
    workflowId: approvalWorkflowId(approvalId),
    args: [
      {
        request: {
          approvalId,
          subject: { kind: 'inquiry', id: input.inquiryId },
          title: `inquiry about ${line.lineKey} of ${line.payeeId} in ${line.runId}`,
          submittedBy: input.raisedBy,
          submittedByRole: input.raisedByRole,
          orgUnitId: input.orgUnitId,
          amountMinor: line.amountMinor,
          facts: input.routingFacts,
          routing: input.routing,
        },
        levelDeadlineMs: input.levelDeadlineMs,
        ...(input.reminderEveryMs === undefined ? {} : { reminderEveryMs: input.reminderEveryMs }),
        resubmitDeadlineMs: NO_RESUBMISSION_MS,
        notifyWorkflowId: workflowInfo().workflowId,
      },
    ],
  });
  let done = false;
  // An approval that cannot be routed (nobody but the raiser could resolve it) ends the inquiry as
  // expired instead of leaving it open forever.
  const finished = approval.result().then(
    (result) => result,
    (): ApprovalOutcome => ({ approvalId, status: 'expired', rounds: 1, decidedBy: [] }),
  );
  void finished.then(() => {
    done = true;
  });
  while (!done || changed) {
    await condition(() => changed || done);
    if (changed) {
      changed = false;
      await activities.saveInquiryState(state);
    }
  }
  const outcome = await finished;

  state.resolution = await activities.settleInquiry({
    inquiryId: input.inquiryId,
    approvalId,
    line,
    comment: input.comment,
    orgUnitId: input.orgUnitId,
    outcome,
  });
  state.status = STATUS_OF[outcome.status];
  state.assigneeIds = [];
  await activities.saveInquiryState(state);
  await condition(allHandlersFinished);
  return state;
}
