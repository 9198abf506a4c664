import mongoose from 'mongoose';
import { ORG_UNIT_KINDS, OrgUnit } from '@opscycle/domain';
import { upsertByKey, type UpsertCounts } from './upsert';

const orgUnitSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    id: { type: String, required: true },
    name: { type: String, required: true },
    kind: { type: String, enum: ORG_UNIT_KINDS, required: true },
    parentId: { type: String, default: null },
  },
  { collection: 'org_units', versionKey: false, strict: 'throw' },
);
orgUnitSchema.index({ id: 1 }, { unique: true });
orgUnitSchema.index({ parentId: 1 });

export function orgUnitModel(connection: mongoose.Connection): mongoose.Model<OrgUnit> {
  return (
    (connection.models.OrgUnit as mongoose.Model<OrgUnit> | undefined) ??
    connection.model<OrgUnit>('OrgUnit', orgUnitSchema)
  );
}

export async function upsertOrgUnits(
  connection: mongoose.Connection,
  units: readonly OrgUnit[],
): Promise<UpsertCounts> {
  const parsed = units.map((unit) => OrgUnit.parse(unit));
  return upsertByKey(orgUnitModel(connection), parsed, (unit) => unit.id);
}

/** Every org unit as the domain type (no Mongo `_id`). */
export async function loadOrgUnits(connection: mongoose.Connection): Promise<OrgUnit[]> {
  return orgUnitModel(connection).find({}, { _id: 0 }).sort({ id: 1 }).lean<OrgUnit[]>();
}
