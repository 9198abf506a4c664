import mongoose from 'mongoose';
import type { KpiSet, PerformanceDiagnosis } from '@opscycle/domain';

export interface KpiSnapshotRecord {
  _id: string;
  cycleId: string;
  unitId: string;
  periodFrom: string;
  periodTo: string;
  kpis: KpiSet;
  diagnosis: PerformanceDiagnosis;
  computedAt: Date;
}

const kpiSnapshotSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    cycleId: { type: String, required: true },
    unitId: { type: String, required: true },
    periodFrom: { type: String, required: true },
    periodTo: { type: String, required: true },
    kpis: { type: mongoose.Schema.Types.Mixed, required: true },
    diagnosis: { type: mongoose.Schema.Types.Mixed, required: true },
    computedAt: { type: Date, required: true },
  },
  { collection: 'kpi_snapshots', versionKey: false, strict: 'throw', minimize: false },
);
kpiSnapshotSchema.index({ cycleId: 1, unitId: 1, periodFrom: 1, periodTo: 1 }, { unique: true });

/** A unit's KPIs and diagnosis for one review period of a cycle; a re-run replaces it. */
export function kpiSnapshotModel(connection: mongoose.Connection): mongoose.Model<KpiSnapshotRecord> {
  return (
    (connection.models.KpiSnapshot as mongoose.Model<KpiSnapshotRecord> | undefined) ??
    connection.model<KpiSnapshotRecord>('KpiSnapshot', kpiSnapshotSchema)
  );
}

export const kpiSnapshotId = (cycleId: string, unitId: string, period: { from: string; to: string }) =>
  `${cycleId}:${unitId}:${period.from}:${period.to}`;
