import type mongoose from 'mongoose';
import type { PayeePayout, PayoutLine, PayoutStatement } from '@opscycle/domain';
import { exportedRevisions, loadStatements } from '@opscycle/storage';
import type { PayoutPartitionInput } from '@opscycle/workflows/activityContracts';
import { adjustmentLines } from './adjustments';
import { lineKindOf } from './manualAdjustments';

/**
 * The lines of a payee's statement in a revision: everything due for the period, less what earlier
 * exported revisions paid. The first export pays what is due; a later revision (a re-run, or the
 * revision after a hold was released) pays only the differences, so each amount is paid once.
 */
export function statementLines(
  due: readonly PayoutLine[],
  earlier: readonly PayoutStatement[],
  currency: string,
): PayoutStatement['lines'] {
  if (earlier.length === 0) return due.map((line) => ({ ...line, kind: lineKindOf(line) }));
  return adjustmentLines(due, earlier, currency);
}

/**
 * A partition's statements for this revision, from what the incentive evaluation says is due per
 * payee. The one place a run assembles its lines: whatever else a period owes a payee (a manual
 * adjustment) joins `due` here, and the comparison with earlier exports keeps it paid exactly once.
 */
export async function assemblePartitionStatements(
  connection: mongoose.Connection,
  input: PayoutPartitionInput,
  payouts: readonly PayeePayout[],
): Promise<PayoutStatement[]> {
  const payeeIds = payouts.map((p) => p.payeeId);
  // Earlier revisions of this period that reached HR/finance: held payees never did.
  const exported = (await exportedRevisions(connection, input.planId, input.period, payeeIds)).filter(
    (e) => e.revision < input.revision,
  );
  const earlier =
    exported.length === 0
      ? []
      : (await loadStatements(connection, { planId: input.planId, period: input.period, payeeIds })).filter(
          (s) => exported.some((e) => e.payeeId === s.payeeId && e.revision === s.revision),
        );
  return payouts.map((payout) => {
    const lines = statementLines(
      payout.lines,
      earlier.filter((s) => s.payeeId === payout.payeeId),
      input.currency,
    );
    return {
      runId: input.runId,
      planId: input.planId,
      period: input.period,
      revision: input.revision,
      payeeId: payout.payeeId,
      partition: input.partition,
      lines,
      totalMinor: lines.reduce((sum, l) => sum + l.amountMinor, 0),
      currency: input.currency,
      ...(payout.carry ? { carry: payout.carry } : {}),
    };
  });
}
