import { ApplicationFailure, Context } from '@temporalio/activity';
import type mongoose from 'mongoose';
import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  reviewPeriodRange,
  type PayeePayout,
  type PayeePeriodRecord,
  type PayoutStatement,
} from '@opscycle/domain';
import {
  appendAudits,
  claimExports,
  claimManualAdjustments,
  dealPartitionsOf,
  dropDealSnapshot,
  exportedRevisions,
  exportIdOf,
  loadPayoutHolds,
  loadStatements,
  payrollCsv,
  recordExportDelivery,
  recordPayeePeriods,
  saveStatements,
  writeDealSnapshot,
} from '@opscycle/storage';
import type { PayoutActivities, PayoutPartitionInput } from '@opscycle/workflows/activityContracts';
import { createAuditActivity } from './approval.activities';
import { withManualAdjustments } from './manualAdjustments';
import { assemblePartitionStatements } from './statementAssembly';
import { postSignedJson } from './webhook';

/**
 * The incentive evaluation for one partition's payees: pinned rule set + period -> lines with
 * explanations. Backed by @opscycle/rules' evaluateIncentive; which payees fall in a partition is
 * `partitionOf(payeeId, partitionCount)`.
 */
export type ComputePartitionPayouts = (input: PayoutPartitionInput) => Promise<PayeePayout[]>;

export interface ExportTarget {
  /** Directory of the CSV files handed to HR/finance. */
  csvDir: string;
  webhookUrl: string;
  /** HMAC-SHA256 key; the receiver verifies `X-OpsCycle-Signature: sha256=<hex>` over the raw body. */
  webhookSecret: string;
}

/** Stable partition of a payee: the same payee lands in the same partition on every run and worker. */
export function partitionOf(payeeId: string, partitionCount: number): number {
  return createHash('sha256').update(payeeId).digest().readUInt32BE(0) % partitionCount;
}

function payeePeriodsOf(input: PayoutPartitionInput, statements: readonly PayoutStatement[]) {
  const { from, to } = reviewPeriodRange(input.period);
  return statements.flatMap((s): PayeePeriodRecord[] =>
    s.carry
      ? [
          {
            planId: input.planId,
            period: input.period,
            periodFrom: from,
            periodTo: to,
            payeeId: s.payeeId,
            revision: input.revision,
            runId: input.runId,
            ...s.carry,
          },
        ]
      : [],
  );
}

function heartbeat(detail: unknown): void {
  Context.current().heartbeat(detail);
}

/**
 * Heartbeats every second while `work` runs. The export's short heartbeat timeout is there to notice
 * a dead worker within seconds; a single slow step of a live one (reading a partition's statements
 * on a loaded FerretDB took longer than the timeout) must not count as dead.
 */
async function heartbeating<T>(work: () => Promise<T>): Promise<T> {
  const context = Context.current();
  const timer = setInterval(() => context.heartbeat(), 1_000);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

export function createPayoutActivities(deps: {
  connection: mongoose.Connection;
  computePartitionPayouts: ComputePartitionPayouts;
  exportTarget: ExportTarget;
  fetch?: typeof fetch;
}): PayoutActivities {
  const { connection, computePartitionPayouts, exportTarget } = deps;
  const post = deps.fetch ?? fetch;

  /**
   * The partition's payees finance holds for the run's (plan, period), each recorded as withheld. A
   * hold placed after the payee's export was claimed comes too late: the claim is delivered.
   */
  async function heldPayees(input: PayoutPartitionInput, computed: readonly PayoutStatement[]) {
    const inPartition = new Set(computed.map((s) => s.payeeId));
    const holds = (await loadPayoutHolds(connection, input.planId, input.period)).filter(
      (h) => h.active && inPartition.has(h.payeeId),
    );
    if (holds.length === 0) return new Set<string>();
    const claimed = new Set(
      (
        await exportedRevisions(
          connection,
          input.planId,
          input.period,
          holds.map((h) => h.payeeId),
        )
      )
        .filter((e) => e.revision === input.revision)
        .map((e) => e.payeeId),
    );
    const held = holds.filter((h) => !claimed.has(h.payeeId));
    await appendAudits(
      connection,
      held.map((hold) => ({
        id: `withheld:${input.runId}:${hold.payeeId}`,
        at: new Date(),
        actor: { userId: 'system', role: 'system' as const },
        action: 'payout.withheld' as const,
        object: { type: 'payoutStatement', id: `${input.runId}:${hold.payeeId}` },
        details: { runId: input.runId, payeeId: hold.payeeId, heldBy: hold.heldBy, reason: hold.reason },
      })),
    );
    return new Set(held.map((h) => h.payeeId));
  }

  /** Exports one partition exactly once per (plan, period, payee, revision): CSV + signed webhook. */
  async function exportPartition(input: PayoutPartitionInput) {
    if (!exportTarget.webhookUrl || !exportTarget.webhookSecret)
      throw ApplicationFailure.nonRetryable(
        'payout exports need OPSCYCLE_PAYOUT_WEBHOOK_URL and OPSCYCLE_PAYOUT_WEBHOOK_SECRET',
        'PAYOUT_WEBHOOK_UNCONFIGURED',
      );
    const computed = await loadStatements(connection, { runId: input.runId, partition: input.partition });
    const held = await heldPayees(input, computed);
    const paid = computed.filter((s) => !held.has(s.payeeId));
    const statements = paid.filter((s) => s.lines.length > 0);
    const csvFile = join(exportTarget.csvDir, `${input.runId}-p${input.partition}.csv`);
    // Claim first: after a crash the claim is found pending and re-sent under the same export id.
    const claimed = await claimExports(
      connection,
      statements.map((statement) => ({
        exportId: exportIdOf(input.planId, input.period, statement.payeeId, input.revision),
        runId: input.runId,
        planId: input.planId,
        period: input.period,
        revision: input.revision,
        payeeId: statement.payeeId,
        totalMinor: statement.totalMinor,
        currency: statement.currency,
        status: 'pending' as const,
        csvFile,
      })),
    );
    heartbeat({ claimed: claimed.length });
    // What later periods build on (paid deals for clawbacks, draw balances), keyed by (plan, period,
    // payee): recorded before delivery so a crash in between cannot lose it; rewriting is harmless.
    await recordPayeePeriods(connection, payeePeriodsOf(input, paid));
    // The file is the run's partition as a whole, rewritten identically on every attempt.
    await mkdir(exportTarget.csvDir, { recursive: true });
    await writeFile(`${csvFile}.tmp`, payrollCsv(statements));
    await rename(`${csvFile}.tmp`, csvFile);

    const pending = claimed.filter((c) => c.status === 'pending');
    if (pending.length > 0) {
      const byPayee = new Map(statements.map((s) => [s.payeeId, s]));
      const body = JSON.stringify({
        runId: input.runId,
        partition: input.partition,
        csvFile,
        exports: pending.map((record) => ({
          exportId: record.exportId,
          payeeId: record.payeeId,
          totalMinor: record.totalMinor,
          currency: record.currency,
          lines: byPayee.get(record.payeeId)?.lines ?? [],
        })),
      });
      await postSignedJson({ url: exportTarget.webhookUrl, secret: exportTarget.webhookSecret }, body, {
        idempotencyKey: `${input.runId}:p${input.partition}:${pending.length}`,
        // A worker shutting down aborts the call; the claim stays pending and the retry re-sends it.
        signal: AbortSignal.any([Context.current().cancellationSignal, AbortSignal.timeout(30_000)]),
        post,
      });
      await recordExportDelivery(connection, {
        runId: input.runId,
        exportIds: pending.map((p) => p.exportId),
      });
      await appendAudits(
        connection,
        pending.map((record) => ({
          id: `export:${record.exportId}`,
          at: new Date(),
          actor: { userId: 'system', role: 'system' as const },
          action: 'payout.exported' as const,
          object: { type: 'payoutStatement', id: record.exportId },
          details: { runId: input.runId, payeeId: record.payeeId, totalMinor: record.totalMinor, csvFile },
        })),
      );
    }
    return { exported: pending.length, alreadyExported: claimed.length - pending.length, held: held.size };
  }

  return {
    ...createAuditActivity(connection),

    async snapshotPayoutDeals(input) {
      const partitionsOf = await dealPartitionsOf(connection, input.period, (payeeId) =>
        partitionOf(payeeId, input.partitionCount),
      );
      // Heartbeats per chunk read and written: a worker lost mid-read is noticed and the read retried.
      return writeDealSnapshot(connection, {
        runId: input.runId,
        period: reviewPeriodRange(input.period),
        partitionCount: input.partitionCount,
        partitionsOf,
        onProgress: heartbeat,
      });
    },

    async dropPayoutDealSnapshot({ runId }) {
      await dropDealSnapshot(connection, runId);
    },

    async computePayoutPartition(input) {
      const due = withManualAdjustments(
        await computePartitionPayouts(input),
        await claimManualAdjustments(
          connection,
          input,
          (id) => partitionOf(id, input.partitionCount) === input.partition,
        ),
      );
      const statements = await assemblePartitionStatements(connection, input, due);
      await saveStatements(connection, statements);
      return {
        partition: input.partition,
        payees: statements.length,
        lines: statements.reduce((sum, s) => sum + s.lines.length, 0),
        totalMinor: statements.reduce((sum, s) => sum + s.totalMinor, 0),
      };
    },

    exportPayoutPartition: (input) => heartbeating(() => exportPartition(input)),
  };
}
