import mongoose from 'mongoose';
import { EXPORT_STATUSES, ExportRecord } from '@opscycle/domain';
import { idFilter } from './idFilter';
import { duplicateKeyIndexes } from './upsert';

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
 * Claims exports: inserts them as pending in one batch, or finds the records already there. Returns
 * the records as stored, in the given order, so delivered ones are skipped and pending ones (a crash
 * after claiming) are re-sent.
 */
export async function claimExports(
  connection: mongoose.Connection,
  records: readonly ExportRecord[],
): Promise<ExportRecord[]> {
  if (records.length === 0) return [];
  const parsed = records.map((record) => ExportRecord.parse(record));
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
  const claimed = [...parsed];
  // By `_id`, one at a time: the one lookup FerretDB answers without reading the collection.
  for (const index of existing) {
    const stored = await model.findById(parsed[index]!.exportId).lean();
    if (!stored) throw new Error(`export ${parsed[index]!.exportId} is claimed but cannot be read back`);
    const { _id, deliveredAt: _delivered, ...rest } = stored;
    claimed[index] = ExportRecord.parse({ exportId: _id, ...rest });
  }
  return claimed;
}

/**
 * Marks a partition's pending exports delivered: those claimed for its CSV file (the file name holds
 * the run and the partition). By file rather than
 * by an `_id` list: FerretDB compares every stored export with every id of an `$in` list (such a list
 * made one partition's incentive input take 68 s, see `idFilter`). Only one attempt of a partition's export runs at a
 * time, so the file's pending claims are exactly the ones just delivered.
 */
export async function markExportsDelivered(
  connection: mongoose.Connection,
  delivered: { runId: string; csvFile: string },
) {
  await exportModel(connection).updateMany(
    { runId: delivered.runId, csvFile: delivered.csvFile, status: 'pending' },
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
  const wanted = new Set(payeeIds);
  const docs = await exportModel(connection)
    .find({ planId, period, ...idFilter('payeeId', payeeIds) })
    .lean();
  return docs
    .filter((d) => wanted.has(d.payeeId))
    .map(({ _id, deliveredAt: _delivered, ...rest }) => ExportRecord.parse({ exportId: _id, ...rest }));
}
