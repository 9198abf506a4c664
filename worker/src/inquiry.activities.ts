import { ApplicationFailure } from '@temporalio/activity';
import type mongoose from 'mongoose';
import type { ApprovalDecision, ApprovalState, AuditEntry, InquiryResolution } from '@opscycle/domain';
import { appendAudit, loadApprovalState, recordManualAdjustment, saveInquiryState } from '@opscycle/storage';
import type { InquiryActivities, SettleInquiryInput } from '@opscycle/workflows/activityContracts';
import { createAuditActivity } from './approval.activities';

/** The decision that ended the approval's last round: its last approve or reject. */
function finalDecision(decisions: readonly ApprovalDecision[], kind: 'approve' | 'reject') {
  const round = Math.max(0, ...decisions.map((d) => d.round));
  return decisions.filter((d) => d.round === round && d.kind === kind).at(-1);
}

type Resolved = { resolution: InquiryResolution; actor: AuditEntry['actor'] };

/** The resolver as the audit trail names them: the role of the level they decided at. */
const actorOf = (approval: ApprovalState, decision: ApprovalDecision): AuditEntry['actor'] => ({
  userId: decision.actorId,
  role: approval.chain?.levels[decision.level]?.role ?? 'system',
});

async function resolutionOf(connection: mongoose.Connection, input: SettleInquiryInput): Promise<Resolved> {
  const { outcome } = input;
  if (outcome.status === 'expired')
    return {
      resolution: { kind: 'expired', at: new Date().toISOString() },
      actor: { userId: 'system', role: 'system' },
    };
  const approval = await loadApprovalState(connection, input.approvalId);
  if (!approval)
    throw new Error(`approval ${input.approvalId} of inquiry ${input.inquiryId} is not mirrored yet`);
  if (outcome.status === 'closedRejected') {
    const decision = finalDecision(approval.decisions, 'reject');
    if (!decision) throw new Error(`approval ${input.approvalId} closed rejected without a rejection`);
    return {
      resolution: {
        kind: 'rejected',
        reason: decision.reason ?? '',
        resolvedBy: decision.actorId,
        at: decision.at,
      },
      actor: actorOf(approval, decision),
    };
  }
  // Each level accepts with an amount (the inquiry routes require one); the last level's is paid.
  const decision = finalDecision(approval.decisions, 'approve');
  if (decision?.amountMinor === undefined)
    throw ApplicationFailure.nonRetryable(
      `approval ${input.approvalId} was approved without an amount`,
      'INQUIRY_DECIDE_ON_INQUIRY_ROUTES',
    );
  return {
    resolution: {
      kind: 'accepted',
      amountMinor: decision.amountMinor,
      ...(decision.reason ? { comment: decision.reason } : {}),
      resolvedBy: decision.actorId,
      at: decision.at,
    },
    actor: actorOf(approval, decision),
  };
}

export function createInquiryActivities(deps: { connection: mongoose.Connection }): InquiryActivities {
  const { connection } = deps;
  return {
    ...createAuditActivity(connection),
    async saveInquiryState(state) {
      await saveInquiryState(connection, state);
    },
    async settleInquiry(input) {
      const { resolution, actor } = await resolutionOf(connection, input);
      const { line } = input;
      if (resolution.kind === 'accepted' && resolution.amountMinor !== 0)
        await recordManualAdjustment(connection, {
          adjustmentId: input.inquiryId,
          planId: line.planId,
          payeeId: line.payeeId,
          amountMinor: resolution.amountMinor,
          currency: line.currency,
          reason: `inquiry ${input.inquiryId} about ${line.lineKey} (${line.period}, run ${line.runId}): ${input.comment}`,
          approvedBy: resolution.resolvedBy,
          approvedAt: resolution.at,
        });
      await appendAudit(connection, {
        id: `inquiry:${input.inquiryId}:resolved`,
        at: new Date(resolution.at),
        actor,
        action: 'inquiry.resolved',
        object: { type: 'inquiry', id: input.inquiryId },
        orgUnitId: input.orgUnitId,
        details: { ...resolution, line },
      });
      return resolution;
    },
  };
}
