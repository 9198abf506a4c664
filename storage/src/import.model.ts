import mongoose from 'mongoose';
import { IMPORT_KINDS, IMPORT_STATUSES, type ImportRowError } from '@opscycle/domain';

/**
 * An import job. Its counters are updated while the file is processed so a client can poll
 * progress; the row errors are the validation report of a rejected file.
 */
const importJobSchema = new mongoose.Schema<ImportJobRecord>(
  {
    _id: { type: String, required: true },
    kind: { type: String, enum: IMPORT_KINDS, required: true },
    status: { type: String, enum: IMPORT_STATUSES, required: true },
    fileName: String,
    total: { type: Number, required: true },
    processed: { type: Number, required: true },
    created: { type: Number, default: 0 },
    replaced: { type: Number, default: 0 },
    unchanged: { type: Number, default: 0 },
    rowErrors: { type: [{ row: Number, field: String, message: String, _id: false }], default: [] },
    startedBy: { type: String, required: true },
    orgUnitId: String,
    startedAt: { type: Date, required: true },
    finishedAt: Date,
  },
  { collection: 'import_jobs', versionKey: false, strict: 'throw' },
);
importJobSchema.index({ startedAt: -1 });

export interface ImportJobRecord {
  _id: string;
  kind: (typeof IMPORT_KINDS)[number];
  status: (typeof IMPORT_STATUSES)[number];
  fileName?: string;
  total: number;
  processed: number;
  created: number;
  replaced: number;
  unchanged: number;
  rowErrors: ImportRowError[];
  startedBy: string;
  /** The starter's org unit: who else may see the job (jobs of before it was kept: company-wide readers only). */
  orgUnitId?: string;
  startedAt: Date;
  finishedAt?: Date;
}

export function importJobModel(connection: mongoose.Connection): mongoose.Model<ImportJobRecord> {
  return (
    (connection.models.ImportJob as mongoose.Model<ImportJobRecord> | undefined) ??
    connection.model<ImportJobRecord>('ImportJob', importJobSchema)
  );
}
