import mongoose from 'mongoose';
import { ManualAdjustment } from '@opscycle/domain';

/**
 * Manual adjustments owed to payees (an accepted inquiry's amount), keyed by adjustment id = the
 * inquiry id, so recording one twice (a retried activity) keeps one. A payout run claims the pending
 * ones of its payees for its period: the claim is a conditional write on an unclaimed document, so
 * two runs computing at once cannot both take the same adjustment.
 */
interface ManualAdjustmentDocument {
  _id: string;
  planId: string;
  payeeId: string;
  /** Set by the first run that takes the adjustment; later runs of other periods leave it. */
  claimedPeriod?: string;
  adjustment: unknown;
}

const manualAdjustmentSchema = new mongoose.Schema<ManualAdjustmentDocument>(
  {
    _id: { type: String, required: true },
    planId: { type: String, required: true },
    payeeId: { type: String, required: true },
    claimedPeriod: { type: String, required: false },
    adjustment: { type: mongoose.Schema.Types.Mixed, required: true },
  },
  { collection: 'manual_adjustments', versionKey: false, strict: 'throw', minimize: false },
);
manualAdjustmentSchema.index({ planId: 1, claimedPeriod: 1 });

export function manualAdjustmentModel(
  connection: mongoose.Connection,
): mongoose.Model<ManualAdjustmentDocument> {
  return (
    (connection.models.ManualAdjustment as mongoose.Model<ManualAdjustmentDocument> | undefined) ??
    connection.model<ManualAdjustmentDocument>('ManualAdjustment', manualAdjustmentSchema)
  );
}

/** Records an adjustment once; a second call with the same id leaves the stored one (and its claim). */
export async function recordManualAdjustment(
  connection: mongoose.Connection,
  adjustment: ManualAdjustment,
): Promise<ManualAdjustment> {
  const parsed = ManualAdjustment.parse(adjustment);
  const { claimedFor: _ignored, ...unclaimed } = parsed;
  try {
    await manualAdjustmentModel(connection).collection.insertOne({
      _id: parsed.adjustmentId,
      planId: parsed.planId,
      payeeId: parsed.payeeId,
      adjustment: unclaimed,
    } as never);
    return unclaimed;
  } catch (error) {
    if ((error as { code?: number }).code !== 11000) throw error;
    const [stored] = await loadManualAdjustments(connection, [parsed.adjustmentId]);
    if (!stored) throw error;
    return stored;
  }
}

function adjustmentOf(doc: Pick<ManualAdjustmentDocument, 'adjustment'>): ManualAdjustment {
  return ManualAdjustment.parse(doc.adjustment);
}

export async function loadManualAdjustments(
  connection: mongoose.Connection,
  adjustmentIds: readonly string[],
): Promise<ManualAdjustment[]> {
  if (adjustmentIds.length === 0) return [];
  const docs = await manualAdjustmentModel(connection)
    .find({ _id: { $in: [...adjustmentIds] } }, { adjustment: 1 })
    .lean();
  return docs.map(adjustmentOf);
}

/**
 * The adjustments a run of `period` pays for the payees `includes` selects: those already claimed
 * for this period (a retried computation, a re-run) and the unclaimed ones, which it claims now.
 * Adjustments in another currency than the run's stay pending for a run that pays in theirs.
 */
export async function claimManualAdjustments(
  connection: mongoose.Connection,
  run: { planId: string; period: string; runId: string; currency: string },
  includes: (payeeId: string) => boolean,
): Promise<ManualAdjustment[]> {
  const model = manualAdjustmentModel(connection);
  const candidates = (await model.find({ planId: run.planId }).sort({ _id: 1 }).lean()).filter(
    (doc) =>
      includes(doc.payeeId) &&
      (doc.claimedPeriod === undefined || doc.claimedPeriod === run.period) &&
      adjustmentOf(doc).currency === run.currency,
  );
  const claimed: ManualAdjustment[] = [];
  for (const doc of candidates) {
    if (doc.claimedPeriod === undefined) {
      const claimedFor = { period: run.period, runId: run.runId };
      await model.updateOne(
        { _id: doc._id, claimedPeriod: { $exists: false } },
        { $set: { claimedPeriod: run.period, 'adjustment.claimedFor': claimedFor } },
      );
    }
    // Read back: another run may have claimed it for its own period a moment ago.
    const now = await model.findById(doc._id).lean();
    if (now?.claimedPeriod === run.period) claimed.push(adjustmentOf(now));
  }
  return claimed;
}
