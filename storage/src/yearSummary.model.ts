import mongoose from 'mongoose';
import { UnitYearSummary } from '@opscycle/domain';

type YearSummaryDocument = UnitYearSummary & { _id: string; closedAt: Date };

const yearSummarySchema = new mongoose.Schema<YearSummaryDocument>(
  {
    _id: { type: String, required: true },
    cycleId: { type: String, required: true },
    fiscalYear: { type: Number, required: true },
    unitId: { type: String, required: true },
    targetMinor: { type: Number, required: true },
    actualMinor: { type: Number, required: true },
    attainment: { type: Number, default: null },
    paidOutMinor: { type: Number, required: true },
    currency: { type: String, required: true },
    closedAt: { type: Date, required: true },
  },
  { collection: 'year_summaries', versionKey: false, strict: 'throw' },
);
yearSummarySchema.index({ cycleId: 1, unitId: 1 }, { unique: true });

export function yearSummaryModel(connection: mongoose.Connection): mongoose.Model<YearSummaryDocument> {
  return (
    (connection.models.YearSummary as mongoose.Model<YearSummaryDocument> | undefined) ??
    connection.model<YearSummaryDocument>('YearSummary', yearSummarySchema)
  );
}

export const yearSummaryId = (cycleId: string, unitId: string) => `${cycleId}:${unitId}`;

/** Stores each unit's closed year; closing again (a retry) replaces the same documents. */
export async function saveYearSummaries(
  connection: mongoose.Connection,
  summaries: readonly UnitYearSummary[],
  closedAt: Date,
): Promise<void> {
  if (summaries.length === 0) return;
  await yearSummaryModel(connection).bulkWrite(
    summaries.map((s) => {
      const parsed = UnitYearSummary.parse(s);
      const _id = yearSummaryId(parsed.cycleId, parsed.unitId);
      return { replaceOne: { filter: { _id }, replacement: { _id, ...parsed, closedAt }, upsert: true } };
    }),
    { ordered: false },
  );
}

export async function loadYearSummaries(
  connection: mongoose.Connection,
  cycleId: string,
): Promise<UnitYearSummary[]> {
  const documents = await yearSummaryModel(connection).find({ cycleId }).sort({ unitId: 1 }).lean();
  return documents.map(({ _id, closedAt: _closed, ...rest }) => UnitYearSummary.parse(rest));
}
