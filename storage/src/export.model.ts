import mongoose from 'mongoose';
import { EXPORT_STATUSES, ExportRecord } from '@opscycle/domain';

/**
 * The exactly-once ledger of payout exports. `_id` is the export id `<plan>:<period>:<payee>:r<revision>`:
 * the unique key that makes a second export of the same payee and revision impossible, and the
 * idempotency key the HR/finance receiver deduplicates on when a delivery is retried.
 */
const exportSchema = new mongoose.Schema<
  Omit<ExportRecord, 'exportId'> & { _id: string; deliveredAt?: Date }
>(
  {
    _id: { type: String, required: true },
    runId: { type: String, required: true },
    planId: { type: String, required: true },
    period: { type: String, required: true },
    revision: { type: Number, required: true },
    payeeId: { type: String, required: true },
    totalMinor: { type: Number, required: true },
    currency: { type: String, required: true },
    status: { type: String, enum: EXPORT_STATUSES, required: true },
    csvFile: { type: String, required: true },
    deliveredAt: Date,
  },
  { collection: 'payout_exports', versionKey: false, strict: 'throw' },
);
exportSchema.index({ runId: 1, status: 1 });
exportSchema.index({ planId: 1, period: 1, payeeId: 1 });

type ExportDocument = Omit<ExportRecord, 'exportId'> & { _id: string; deliveredAt?: Date };

export function exportModel(connection: mongoose.Connection): mongoose.Model<ExportDocument> {
  return (
    (connection.models.PayoutExport as mongoose.Model<ExportDocument> | undefined) ??
    connection.model<ExportDocument>('PayoutExport', exportSchema)
  );
}

export const exportIdOf = (planId: string, period: string, payeeId: string, revision: number) =>
  `${planId}:${period}:${payeeId}:r${revision}`;

/**
 * Claims an export: inserts it as pending, or finds the existing record. Returns the record as
 * stored, so a delivered one is skipped and a pending one (a crash after claiming) is re-sent.
 */
export async function claimExport(
  connection: mongoose.Connection,
  record: ExportRecord,
): Promise<ExportRecord> {
  const { exportId, ...rest } = ExportRecord.parse(record);
  const model = exportModel(connection);
  try {
    await model.create({ _id: exportId, ...rest });
    return record;
  } catch (error) {
    if ((error as { code?: number }).code !== 11000) throw error;
    const existing = await model.findById(exportId).lean();
    if (!existing) throw error;
    const { _id, deliveredAt: _delivered, ...stored } = existing;
    return ExportRecord.parse({ exportId: _id, ...stored });
  }
}

export async function markExportsDelivered(connection: mongoose.Connection, exportIds: readonly string[]) {
  if (exportIds.length === 0) return;
  await exportModel(connection).updateMany(
    { _id: { $in: [...exportIds] } },
    { $set: { status: 'delivered', deliveredAt: new Date() } },
  );
}

/** Revisions of (plan, period) already exported, per payee: what a re-run must not pay again. */
export async function exportedRevisions(
  connection: mongoose.Connection,
  planId: string,
  period: string,
  payeeIds: readonly string[],
): Promise<ExportRecord[]> {
  const docs = await exportModel(connection)
    .find({ planId, period, payeeId: { $in: [...payeeIds] } })
    .lean();
  return docs.map(({ _id, deliveredAt: _delivered, ...rest }) =>
    ExportRecord.parse({ exportId: _id, ...rest }),
  );
}
