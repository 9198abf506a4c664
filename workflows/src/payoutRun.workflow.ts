import {
  allHandlersFinished,
  condition,
  executeChild,
  patched,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { PayoutRunInput, PayoutRunProgress } from '@opscycle/domain';
import type { PayoutActivities, PayoutPartitionInput } from './activityContracts';
import { approvalWorkflow } from './approval.workflow';
import { approvalIdFor, approvalWorkflowId, payoutRunId, payoutRunProgressQuery } from './messages';

// Reading a large period's deals takes minutes on FerretDB: heartbeats, not a short deadline, show
// the read is alive.
const snapshotter = proxyActivities<PayoutActivities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
const compute = proxyActivities<PayoutActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
// Exports heartbeat: a worker killed mid-export is noticed in seconds and the partition is retried
// elsewhere; the export ledger makes the retry re-send only what was not delivered.
const exporter = proxyActivities<PayoutActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '5 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

const PAYOUT_DEAL_SNAPSHOT_PATCH = 'payoutRun-deal-snapshot-2026-11';

/**
 * One payout run of a plan for a period: the period's deals are read once into a snapshot, payees
 * are computed in partitions from it (one activity each, so more workers run it faster), finance
 * approves the total through the approval mechanism, then each partition is exported exactly once
 * per (plan, period, payee, revision). A re-run of a closed period is the next revision and exports
 * only the differences as adjustment lines.
 */
export async function payoutRunWorkflow(input: PayoutRunInput): Promise<PayoutRunProgress> {
  const runId = payoutRunId(input.planId, input.period, input.revision);
  const progress: PayoutRunProgress = {
    runId,
    planId: input.planId,
    period: input.period,
    revision: input.revision,
    status: 'computing',
    partitionsComputed: 0,
    partitionsExported: 0,
    partitionCount: input.partitionCount,
    payees: 0,
    totalMinor: 0,
    exported: 0,
  };
  setHandler(payoutRunProgressQuery, () => progress);

  // Runs started before the snapshot existed keep querying the deals per partition (VERSIONING.md).
  const snapshot = patched(PAYOUT_DEAL_SNAPSHOT_PATCH)
    ? await snapshotter.snapshotPayoutDeals({
        runId,
        period: input.period,
        partitionCount: input.partitionCount,
      })
    : undefined;
  if (snapshot) progress.dealLines = snapshot.deals;
  const partitions: PayoutPartitionInput[] = Array.from({ length: input.partitionCount }, (_, partition) => ({
    runId,
    planId: input.planId,
    period: input.period,
    revision: input.revision,
    incentiveRuleSet: input.incentiveRuleSet,
    currency: input.currency,
    partition,
    partitionCount: input.partitionCount,
    ...(snapshot ? { dealChunks: snapshot.chunks[partition] ?? 0 } : {}),
  }));
  await Promise.all(
    partitions.map(async (partition) => {
      const summary = await compute.computePayoutPartition(partition);
      progress.partitionsComputed++;
      progress.payees += summary.payees;
      progress.totalMinor += summary.totalMinor;
    }),
  );

  if (snapshot) await compute.dropPayoutDealSnapshot({ runId });

  progress.status = 'waitingForApproval';
  const approvalId = approvalIdFor('payout', runId);
  progress.approvalWorkflowId = approvalWorkflowId(approvalId);
  const approval = await executeChild(approvalWorkflow, {
    workflowId: progress.approvalWorkflowId,
    args: [
      {
        request: {
          approvalId,
          subject: { kind: 'payout', id: runId },
          title: `Payout ${input.planId} ${input.period} revision ${input.revision}`,
          submittedBy: input.submittedBy,
          submittedByRole: input.submittedByRole ?? 'opsAdmin',
          orgUnitId: input.orgUnitId,
          amountMinor: progress.totalMinor,
          facts: { totalMinor: progress.totalMinor, payees: progress.payees, revision: input.revision },
          routing: input.approval.routing,
        },
        levelDeadlineMs: input.approval.levelDeadlineMs,
        reminderEveryMs: input.approval.reminderEveryMs,
        resubmitDeadlineMs: input.approval.resubmitDeadlineMs,
        notifyWorkflowId: input.notifyWorkflowId,
      },
    ],
  });
  if (approval.status !== 'approved') {
    progress.status = 'rejected';
    return progress;
  }
  await compute.recordAudit({
    id: `payoutRun:${runId}:approved`,
    at: new Date().toISOString(),
    actor: { userId: approval.decidedBy.at(-1) ?? 'system', role: 'finance' },
    action: 'payoutRun.approved',
    object: { type: 'payoutRun', id: runId },
    orgUnitId: input.orgUnitId,
    details: { totalMinor: progress.totalMinor, payees: progress.payees, decidedBy: approval.decidedBy },
  });

  progress.status = 'exporting';
  await Promise.all(
    partitions.map(async (partition) => {
      const result = await exporter.exportPayoutPartition(partition);
      progress.partitionsExported++;
      progress.exported += result.exported + result.alreadyExported;
      progress.held = (progress.held ?? 0) + (result.held ?? 0);
    }),
  );
  progress.status = 'exported';
  await condition(allHandlersFinished);
  return progress;
}
