import mongoose from 'mongoose';
import { AUDIT_ACTIONS, AuditEntry } from '@opscycle/domain';
import { duplicateKeyIndexes } from './upsert';

const auditSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    actor: { userId: { type: String, required: true }, role: { type: String, required: true } },
    action: { type: String, enum: AUDIT_ACTIONS, required: true },
    object: { type: { type: String, required: true }, id: { type: String, required: true } },
    orgUnitId: String,
    details: { type: mongoose.Schema.Types.Mixed, default: {} },
  },
  // minimize: false keeps an empty `details: {}`; without it such entries broke the audit reads.
  { collection: 'audit_trail', versionKey: false, strict: 'throw', minimize: false },
);
auditSchema.index({ at: -1 });
auditSchema.index({ 'actor.userId': 1, at: -1 });
auditSchema.index({ 'object.type': 1, 'object.id': 1, at: -1 });

export function auditModel(connection: mongoose.Connection) {
  return connection.models.AuditEntry ?? connection.model('AuditEntry', auditSchema);
}

/**
 * Appends one entry; the trail is append-only (no update or delete is exposed). Writing an entry
 * whose id exists is a no-op, so retried activities and repeated clicks are recorded once.
 */
export async function appendAudit(connection: mongoose.Connection, entry: AuditEntry): Promise<void> {
  const parsed = AuditEntry.parse(entry);
  const { id, ...rest } = parsed;
  try {
    await auditModel(connection).create({ _id: id, ...rest });
  } catch (error) {
    if ((error as { code?: number }).code !== 11000) throw error;
  }
}

/**
 * Appends many entries in one insert (a payout partition's thousands of exports); as with
 * `appendAudit`, an entry whose id exists is left as it is.
 */
export async function appendAudits(
  connection: mongoose.Connection,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const documents = entries.map((entry) => {
    const { id, ...rest } = AuditEntry.parse(entry);
    return { _id: id, ...rest };
  });
  try {
    await auditModel(connection).insertMany(documents, { ordered: false });
  } catch (error) {
    // Entries already recorded stay as they are; any other failure is thrown again.
    duplicateKeyIndexes(error);
  }
}
