import mongoose from 'mongoose';
import { INQUIRY_STATUSES, InquiryRecord, InquiryState } from '@opscycle/domain';

/**
 * Inquiries about statement lines. The API writes the record when an inquiry is raised (so the rep
 * sees it at once); the inquiry workflow then writes its state (status, assignees, the answer)
 * through an activity. The workflow stays the source of truth for decisions.
 */
interface InquiryDocument {
  _id: string;
  status: string;
  raisedBy: string;
  payeeId: string;
  orgUnitId: string;
  assigneeIds: string[];
  resolvedBy?: string;
  record: unknown;
  updatedAt: Date;
}

const inquirySchema = new mongoose.Schema<InquiryDocument>(
  {
    _id: { type: String, required: true },
    status: { type: String, enum: INQUIRY_STATUSES, required: true },
    raisedBy: { type: String, required: true },
    payeeId: { type: String, required: true },
    orgUnitId: { type: String, required: true },
    assigneeIds: { type: [String], default: [] },
    resolvedBy: { type: String, required: false },
    record: { type: mongoose.Schema.Types.Mixed, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'inquiries', versionKey: false, strict: 'throw', minimize: false },
);
inquirySchema.index({ raisedBy: 1 });
inquirySchema.index({ payeeId: 1 });
inquirySchema.index({ assigneeIds: 1 });

export function inquiryModel(connection: mongoose.Connection): mongoose.Model<InquiryDocument> {
  return (
    (connection.models.Inquiry as mongoose.Model<InquiryDocument> | undefined) ??
    connection.model<InquiryDocument>('Inquiry', inquirySchema)
  );
}

function documentOf(record: InquiryRecord): InquiryDocument {
  const resolvedBy =
    record.resolution && 'resolvedBy' in record.resolution ? record.resolution.resolvedBy : undefined;
  return {
    _id: record.inquiryId,
    status: record.status,
    raisedBy: record.raisedBy,
    payeeId: record.line.payeeId,
    orgUnitId: record.orgUnitId,
    assigneeIds: record.assigneeIds,
    ...(resolvedBy ? { resolvedBy } : {}),
    record,
    updatedAt: new Date(),
  };
}

/** Stores a new inquiry; raising the same inquiry id again returns the stored one unchanged. */
export async function createInquiry(
  connection: mongoose.Connection,
  record: InquiryRecord,
): Promise<{ created: boolean; record: InquiryRecord }> {
  const parsed = InquiryRecord.parse(record);
  try {
    await inquiryModel(connection).collection.insertOne(documentOf(parsed) as never);
    return { created: true, record: parsed };
  } catch (error) {
    if ((error as { code?: number }).code !== 11000) throw error;
    const stored = await loadInquiry(connection, parsed.inquiryId);
    if (!stored) throw error;
    return { created: false, record: stored };
  }
}

/** Writes the workflow's state over the stored record (the last write wins; each carries the whole state). */
export async function saveInquiryState(connection: mongoose.Connection, state: InquiryState): Promise<void> {
  const parsed = InquiryState.parse(state);
  const stored = await loadInquiry(connection, parsed.inquiryId);
  if (!stored) throw new Error(`inquiry ${parsed.inquiryId} has no stored record`);
  const next = InquiryRecord.parse({ ...stored, ...parsed });
  await inquiryModel(connection).replaceOne({ _id: next.inquiryId }, documentOf(next));
}

export async function loadInquiry(
  connection: mongoose.Connection,
  inquiryId: string,
): Promise<InquiryRecord | null> {
  const doc = await inquiryModel(connection).findById(inquiryId, { record: 1 }).lean();
  return doc ? InquiryRecord.parse(doc.record) : null;
}

/** Inquiries a person raised or whose statement they are about (`mine`), or waiting for / resolved by them. */
export async function listInquiries(
  connection: mongoose.Connection,
  personId: string,
  view: 'mine' | 'assigned',
  limit: number,
): Promise<InquiryRecord[]> {
  const filter =
    view === 'mine'
      ? { $or: [{ raisedBy: personId }, { payeeId: personId }] }
      : { $or: [{ assigneeIds: personId }, { resolvedBy: personId }] };
  const docs = await inquiryModel(connection)
    .find(filter, { record: 1 })
    .sort({ updatedAt: -1 })
    .limit(limit)
    .lean();
  return docs.map((doc) => InquiryRecord.parse(doc.record));
}
