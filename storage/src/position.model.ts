import mongoose from 'mongoose';
import { POSITIONS, PositionHolder, type PositionKey } from '@opscycle/domain';
import type { UpsertCounts } from './upsert';

/**
 * Who holds each org position at each unit. One document per (unit, position), keyed
 * `<orgUnitId>:<position>` and also unique on the pair: two concurrent assignments end with one
 * holder, never two (FerretDB has no transactions; the index is the guarantee).
 */
interface PositionDocument extends PositionHolder {
  _id: string;
  assignedAt: Date;
  assignedBy: string;
}

const positionSchema = new mongoose.Schema<PositionDocument>(
  {
    _id: { type: String, required: true },
    orgUnitId: { type: String, required: true },
    position: { type: String, enum: POSITIONS, required: true },
    personId: { type: String, required: true },
    assignedAt: { type: Date, required: true },
    assignedBy: { type: String, required: true },
  },
  { collection: 'org_positions', versionKey: false, strict: 'throw' },
);
positionSchema.index({ orgUnitId: 1, position: 1 }, { unique: true });
positionSchema.index({ position: 1 });

export function positionModel(connection: mongoose.Connection): mongoose.Model<PositionDocument> {
  return (
    (connection.models.OrgPosition as mongoose.Model<PositionDocument> | undefined) ??
    connection.model<PositionDocument>('OrgPosition', positionSchema)
  );
}

export const positionHolderId = (orgUnitId: string, position: PositionKey) => `${orgUnitId}:${position}`;

const HOLDER_FIELDS = { _id: 0, orgUnitId: 1, position: 1, personId: 1 } as const;

/** The holders of the given positions (all positions when none are named), by unit then position. */
export async function loadPositionHolders(
  connection: mongoose.Connection,
  positions?: readonly PositionKey[],
): Promise<PositionHolder[]> {
  const filter = positions ? { position: { $in: [...positions] } } : {};
  const rows = await positionModel(connection)
    .find(filter, HOLDER_FIELDS)
    .sort({ orgUnitId: 1, position: 1 })
    .lean<PositionHolder[]>();
  return rows.map((row) => PositionHolder.parse(row));
}

/**
 * Makes `personId` the holder of the position at the unit, replacing whoever held it. Returns the
 * previous holder (null: it was vacant), so the caller can audit the change and skip a no-op.
 */
export async function assignPosition(
  connection: mongoose.Connection,
  holder: PositionHolder,
  by: { userId: string; at: Date },
): Promise<{ previousPersonId: string | null }> {
  const parsed = PositionHolder.parse(holder);
  const _id = positionHolderId(parsed.orgUnitId, parsed.position);
  const model = positionModel(connection);
  const existing = await model.findById(_id, { personId: 1 }).lean();
  if (existing?.personId === parsed.personId) return { previousPersonId: parsed.personId };
  const fields = { ...parsed, assignedAt: by.at, assignedBy: by.userId };
  if (existing) await model.replaceOne({ _id }, fields);
  else {
    try {
      await model.create({ _id, ...fields });
    } catch (error) {
      // Someone assigned it a moment ago: this assignment, the later one, replaces theirs.
      if ((error as { code?: number }).code !== 11000) throw error;
      await model.replaceOne({ _id }, fields);
    }
  }
  return { previousPersonId: existing?.personId ?? null };
}

/** Leaves the position vacant at the unit; returns who held it (null: nobody did, nothing changed). */
export async function unassignPosition(
  connection: mongoose.Connection,
  orgUnitId: string,
  position: PositionKey,
): Promise<string | null> {
  const model = positionModel(connection);
  const _id = positionHolderId(orgUnitId, position);
  const held = await model.findById(_id, { personId: 1 }).lean();
  if (!held) return null;
  // Deleted only if still this holder: a reassignment in between is not undone by this call.
  const { deletedCount } = await model.deleteOne({ _id, personId: held.personId });
  return deletedCount === 1 ? held.personId : null;
}

/**
 * Seeds holders of positions that are vacant, leaving every position someone holds as it is (an ops
 * admin's later reassignment survives a re-seed).
 */
export async function assignVacantPositions(
  connection: mongoose.Connection,
  holders: readonly PositionHolder[],
  by: { userId: string; at: Date },
): Promise<UpsertCounts> {
  const model = positionModel(connection);
  await model.init();
  const counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0 };
  for (const holder of holders.map((h) => PositionHolder.parse(h))) {
    try {
      await model.create({
        _id: positionHolderId(holder.orgUnitId, holder.position),
        ...holder,
        assignedAt: by.at,
        assignedBy: by.userId,
      });
      counts.created++;
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
      counts.unchanged++;
    }
  }
  return counts;
}
