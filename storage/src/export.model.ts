import mongoose from 'mongoose';
import { createHash } from 'node:crypto';
import { ExportRecord } from '@opscycle/domain';
import { idFilter } from './idFilter';
import { duplicateKeyIndexes } from './upsert';

/** A claim: an export that is to be delivered once. Whether it was is in the deliveries below. */
export type ExportClaim = Omit<ExportRecord, 'status'>;
type ExportDocument = Omit<ExportClaim, 'exportId'> & { _id: string };
/** Claims written before deliveries had their own collection carry their status themselves. */
type LegacyDelivery = { status?: string; deliveredAt?: Date };

/**
 * The exactly-once ledger of payout exports. `_id` is the export id `<plan>:<period>:<payee>:r<revision>`:
 * the unique key that makes a second export of the same payee and revision impossible, and the
 * idempotency key the HR/finance receiver deduplicates on when a delivery is retried.
 */
const exportSchema = new mongoose.Schema<ExportDocument>(
  {
    _id: { type: String, required: true },
    runId: { type: String, required: true },
    planId: { type: String, required: true },
    period: { type: String, required: true },
    revision: { type: Number, required: true },
    payeeId: { type: String, required: true },
    totalMinor: { type: Number, required: true },
    currency: { type: String, required: true },
    csvFile: { type: String, required: true },
  },
  { collection: 'payout_exports', versionKey: false, strict: 'throw' },
);
exportSchema.index({ runId: 1 });
exportSchema.index({ planId: 1, period: 1, payeeId: 1 });

export function exportModel(connection: mongoose.Connection): mongoose.Model<ExportDocument> {
  return (
    (connection.models.PayoutExport as mongoose.Model<ExportDocument> | undefined) ??
    connection.model<ExportDocument>('PayoutExport', exportSchema)
  );
}

export const exportIdOf = (planId: string, period: string, payeeId: string, revision: number) =>
  `${planId}:${period}:${payeeId}:r${revision}`;

/**
 * Claims exports: inserts the claims in one batch, or finds those already there. Returns the records
 * in the given order with their delivery status, so delivered ones are skipped and pending ones (a
 * crash after claiming) are re-sent.
 */
export async function claimExports(
  connection: mongoose.Connection,
  claims: readonly ExportClaim[],
): Promise<ExportRecord[]> {
  if (claims.length === 0) return [];
  const parsed = claims.map((claim) => ExportRecord.omit({ status: true }).parse(claim));
  const model = exportModel(connection);
  let existing: number[] = [];
  try {
    await model.insertMany(
      parsed.map(({ exportId, ...rest }) => ({ _id: exportId, ...rest })),
      { ordered: false },
    );
  } catch (error) {
    existing = duplicateKeyIndexes(error);
  }
  const claimed: ExportClaim[] = [...parsed];
  const delivered = await deliveredExportIds(connection, [...new Set(parsed.map((c) => c.runId))]);
  // By `_id`, one at a time: the one lookup FerretDB answers without reading the collection.
  for (const index of existing) {
    const stored: (ExportDocument & LegacyDelivery) | null = await model
      .findById(parsed[index]!.exportId)
      .lean();
    if (!stored) throw new Error(`export ${parsed[index]!.exportId} is claimed but cannot be read back`);
    const { _id, status, deliveredAt: _at, ...rest } = stored;
    claimed[index] = { exportId: _id, ...rest };
    if (status === 'delivered') delivered.add(_id);
  }
  return claimed.map((claim) => ({
    ...claim,
    status: delivered.has(claim.exportId) ? ('delivered' as const) : ('pending' as const),
  }));
}

/**
 * Deliveries: one document per accepted webhook post, listing the export ids it carried. Written by
 * insert only: FerretDB applies an update at about 10 ms a document (marking 3,000 claims delivered
 * took 30 s), so marking a 10,000-payee run claim by claim outlasted the export's 10-minute timeout.
 * Keyed by the run and a hash of the ids, so recording the same post twice records it once.
 */
const deliverySchema = new mongoose.Schema<ExportDelivery & { _id: string }>(
  {
    _id: { type: String, required: true },
    runId: { type: String, required: true },
    exportIds: { type: [String], required: true },
    at: { type: Date, required: true },
  },
  { collection: 'payout_export_deliveries', versionKey: false, strict: 'throw' },
);
deliverySchema.index({ runId: 1 });

interface ExportDelivery {
  runId: string;
  exportIds: string[];
  at: Date;
}

function deliveryModel(connection: mongoose.Connection): mongoose.Model<ExportDelivery & { _id: string }> {
  return (
    (connection.models.PayoutExportDelivery as
      mongoose.Model<ExportDelivery & { _id: string }> | undefined) ??
    connection.model<ExportDelivery & { _id: string }>('PayoutExportDelivery', deliverySchema)
  );
}

/** Records that HR/finance accepted these exports of a run (after a 2xx answer to the webhook). */
export async function recordExportDelivery(
  connection: mongoose.Connection,
  delivery: { runId: string; exportIds: readonly string[] },
): Promise<void> {
  if (delivery.exportIds.length === 0) return;
  const exportIds = [...delivery.exportIds].sort();
  const digest = createHash('sha256').update(exportIds.join('\n')).digest('hex').slice(0, 24);
  try {
    await deliveryModel(connection).create({
      _id: `${delivery.runId}:${digest}`,
      runId: delivery.runId,
      exportIds,
      at: new Date(),
    });
  } catch (error) {
    if ((error as { code?: number }).code !== 11000) throw error;
  }
}

/** The export ids of these runs that HR/finance accepted. */
export async function deliveredExportIds(
  connection: mongoose.Connection,
  runIds: readonly string[],
): Promise<Set<string>> {
  const deliveries = await deliveryModel(connection)
    .find({ runId: { $in: [...runIds] } }, { exportIds: 1 })
    .lean();
  return new Set(deliveries.flatMap((d) => d.exportIds));
}

/** Revisions of (plan, period) already exported, per payee: what a re-run must not pay again. */
export async function exportedRevisions(
  connection: mongoose.Connection,
  planId: string,
  period: string,
  payeeIds: readonly string[],
): Promise<ExportClaim[]> {
  const wanted = new Set(payeeIds);
  const docs = await exportModel(connection)
    .find({ planId, period, ...idFilter('payeeId', payeeIds) })
    .lean();
  return docs
    .filter((d) => wanted.has(d.payeeId))
    .map(({ _id, ...rest }: ExportDocument & LegacyDelivery) => {
      const { status: _status, deliveredAt: _at, ...claim } = rest;
      return { exportId: _id, ...claim };
    });
}
