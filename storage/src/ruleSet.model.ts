import mongoose from 'mongoose';
import { RULE_SET_KINDS, RuleGraph, RuleSetVersion, type RuleSetKind } from '@opscycle/domain';

/*
 * Graphs and compiled rules are stored as canonical JSON text, not as nested documents: node data
 * may carry keys FerretDB refuses (dots, `$`), and a text blob cannot be partially updated, which
 * suits a published version that must never change.
 */

/** The editable draft of a rule set; `draftVersion` increments on every save (optimistic concurrency). */
const ruleSetDraftSchema = new mongoose.Schema<RuleSetDraftRecord>(
  {
    _id: { type: String, required: true },
    kind: { type: String, enum: RULE_SET_KINDS, required: true },
    name: { type: String, required: true },
    draftVersion: { type: Number, required: true },
    graphJson: { type: String, required: true },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
  },
  { collection: 'rule_set_drafts', versionKey: false, strict: 'throw' },
);
ruleSetDraftSchema.index({ kind: 1 });

export interface RuleSetDraftRecord {
  _id: string;
  kind: RuleSetKind;
  name: string;
  draftVersion: number;
  graphJson: string;
  updatedAt: Date;
  updatedBy: string;
}

/** Published versions: insert-only; `_id` is `<ruleSetId>@<version>`, so a version is written once. */
const ruleSetVersionSchema = new mongoose.Schema<RuleSetVersionRecord>(
  {
    _id: { type: String, required: true },
    ruleSetId: { type: String, required: true },
    version: { type: Number, required: true },
    checksum: { type: String, required: true },
    publishedAt: { type: Date, required: true },
    json: { type: String, required: true },
  },
  { collection: 'rule_set_versions', versionKey: false, strict: 'throw' },
);
ruleSetVersionSchema.index({ ruleSetId: 1, version: -1 }, { unique: true });

export interface RuleSetVersionRecord {
  _id: string;
  ruleSetId: string;
  version: number;
  checksum: string;
  publishedAt: Date;
  json: string;
}

export function ruleSetDraftModel(connection: mongoose.Connection): mongoose.Model<RuleSetDraftRecord> {
  return (
    (connection.models.RuleSetDraft as mongoose.Model<RuleSetDraftRecord> | undefined) ??
    connection.model<RuleSetDraftRecord>('RuleSetDraft', ruleSetDraftSchema)
  );
}

export function ruleSetVersionModel(connection: mongoose.Connection): mongoose.Model<RuleSetVersionRecord> {
  return (
    (connection.models.RuleSetVersion as mongoose.Model<RuleSetVersionRecord> | undefined) ??
    connection.model<RuleSetVersionRecord>('RuleSetVersion', ruleSetVersionSchema)
  );
}

export const draftGraphOf = (record: RuleSetDraftRecord): RuleGraph =>
  RuleGraph.parse(JSON.parse(record.graphJson));

/** Parsing freezes the version (RuleSetVersion is readonly); the checksum is re-verified by `rules`. */
export const ruleSetVersionOf = (record: RuleSetVersionRecord): RuleSetVersion =>
  RuleSetVersion.parse(JSON.parse(record.json));

/** One published version, as workers load it to evaluate a pinned `{ ruleSetId, version }`. */
export async function loadRuleSetVersion(
  connection: mongoose.Connection,
  ruleSetId: string,
  version: number,
): Promise<RuleSetVersion | undefined> {
  const record = await ruleSetVersionModel(connection).findById(`${ruleSetId}@${version}`).lean();
  return record ? ruleSetVersionOf(record) : undefined;
}

/** Every published version of every rule set of a kind (e.g. the incentive plans one may be paid by). */
export async function loadRuleSetVersionsOfKind(
  connection: mongoose.Connection,
  kind: RuleSetKind,
): Promise<RuleSetVersion[]> {
  const ids = (await ruleSetDraftModel(connection).find({ kind }, { _id: 1 }).lean()).map((d) => d._id);
  if (ids.length === 0) return [];
  const records = await ruleSetVersionModel(connection)
    .find({ ruleSetId: { $in: ids } })
    .lean();
  return records.map(ruleSetVersionOf);
}
