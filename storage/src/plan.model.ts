import mongoose from 'mongoose';
import type { BottomUpSubmission } from '@opscycle/domain';
import { QuotaAllocation, RepPlan } from '@opscycle/domain';
import { upsertByKey, type UpsertCounts } from './upsert';

/** The results one cycle's planning steps store whole (one document per step and cycle). */
export const PLAN_RESULT_KINDS = [
  'strategyAnalysis',
  'reconciliation',
  'staffingPlan',
  'budgetPlan',
] as const;
export type PlanResultKind = (typeof PLAN_RESULT_KINDS)[number];

export interface PlanResultRecord {
  _id: string;
  kind: PlanResultKind;
  cycleId: string;
  fiscalYear: number;
  /** The step's result as its domain schema (StrategyAnalysis, Reconciliation, ...); parsed on read. */
  result: unknown;
  computedAt: Date;
}

const planResultSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, enum: PLAN_RESULT_KINDS, required: true },
    cycleId: { type: String, required: true },
    fiscalYear: { type: Number, required: true },
    result: { type: mongoose.Schema.Types.Mixed, required: true },
    computedAt: { type: Date, required: true },
  },
  { collection: 'plan_results', versionKey: false, strict: 'throw', minimize: false },
);
planResultSchema.index({ fiscalYear: 1, kind: 1 });

export function planResultModel(connection: mongoose.Connection): mongoose.Model<PlanResultRecord> {
  return (
    (connection.models.PlanResult as mongoose.Model<PlanResultRecord> | undefined) ??
    connection.model<PlanResultRecord>('PlanResult', planResultSchema)
  );
}

export const planResultId = (kind: PlanResultKind, cycleId: string) => `${kind}:${cycleId}`;

/** Stores a step's result; recomputing the step (a retry, a resubmission) replaces it. */
export async function savePlanResult(
  connection: mongoose.Connection,
  record: Omit<PlanResultRecord, '_id' | 'computedAt'> & { computedAt?: Date },
): Promise<void> {
  const _id = planResultId(record.kind, record.cycleId);
  await planResultModel(connection).replaceOne(
    { _id },
    { ...record, _id, computedAt: record.computedAt ?? new Date() },
    { upsert: true },
  );
}

export async function loadPlanResult(
  connection: mongoose.Connection,
  kind: PlanResultKind,
  cycleId: string,
): Promise<unknown> {
  const record = await planResultModel(connection)
    .findById(planResultId(kind, cycleId))
    .lean<PlanResultRecord>();
  return record?.result ?? null;
}

export type StoredQuotaAllocation = QuotaAllocation & { cycleId: string };

const quotaAllocationSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    cycleId: { type: String, required: true },
    fiscalYear: { type: Number, required: true },
    unitId: { type: String, required: true },
    unitKind: { type: String, required: true },
    parentId: { type: String, default: null },
    currency: { type: String, required: true },
    amountMinor: { type: Number, required: true },
    monthlyMinor: { type: [Number], required: true },
    mix: {
      type: [{ productLine: String, customerSize: String, amountMinor: Number, _id: false }],
      default: [],
    },
    historyMinor: { type: Number, required: true },
    potential: { type: Number, required: true },
    weight: { type: Number, required: true },
  },
  { collection: 'quota_allocations', versionKey: false, strict: 'throw' },
);
quotaAllocationSchema.index({ cycleId: 1, unitId: 1 }, { unique: true });
quotaAllocationSchema.index({ cycleId: 1, parentId: 1 });

/** Each unit's and rep's quota of a cycle (one document per unit: 5,000 reps stay small documents). */
export function quotaAllocationModel(connection: mongoose.Connection): mongoose.Model<StoredQuotaAllocation> {
  return (
    (connection.models.QuotaAllocation as mongoose.Model<StoredQuotaAllocation> | undefined) ??
    connection.model<StoredQuotaAllocation>('QuotaAllocation', quotaAllocationSchema)
  );
}

/** The business key of a unit's (or rep's) allocation in a cycle (its `_id`). */
export const quotaAllocationId = (cycleId: string, unitId: string) => `${cycleId}:${unitId}`;

export async function saveQuotaAllocations(
  connection: mongoose.Connection,
  cycleId: string,
  allocations: readonly QuotaAllocation[],
): Promise<UpsertCounts> {
  const stored = allocations.map((a) => ({ ...QuotaAllocation.parse(a), cycleId }));
  return upsertByKey(quotaAllocationModel(connection), stored, (a) => quotaAllocationId(cycleId, a.unitId));
}

export async function loadQuotaAllocations(
  connection: mongoose.Connection,
  cycleId: string,
): Promise<QuotaAllocation[]> {
  const records = await quotaAllocationModel(connection)
    .find({ cycleId }, { _id: 0, cycleId: 0 })
    .sort({ unitId: 1 })
    .lean<QuotaAllocation[]>();
  return records.map((r) => QuotaAllocation.parse(r));
}

export type StoredBottomUpSubmission = BottomUpSubmission & { cycleId: string; submittedAt: Date };

const submissionSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    cycleId: { type: String, required: true },
    fiscalYear: { type: Number, required: true },
    unitId: { type: String, required: true },
    submittedBy: { type: String, required: true },
    amountMinor: { type: Number, required: true },
    currency: { type: String, required: true },
    comment: { type: String, default: '' },
    submittedAt: { type: Date, required: true },
  },
  { collection: 'bottom_up_submissions', versionKey: false, strict: 'throw' },
);
submissionSchema.index({ cycleId: 1, unitId: 1 }, { unique: true });

/** The business key of a unit's bottom-up submission in a cycle (its `_id`). */
export const bottomUpSubmissionId = (cycleId: string, unitId: string) => `${cycleId}:${unitId}`;

/** Managers' bottom-up numbers: one per unit and cycle; a new submission replaces the previous one. */
export function bottomUpSubmissionModel(
  connection: mongoose.Connection,
): mongoose.Model<StoredBottomUpSubmission> {
  return (
    (connection.models.BottomUpSubmission as mongoose.Model<StoredBottomUpSubmission> | undefined) ??
    connection.model<StoredBottomUpSubmission>('BottomUpSubmission', submissionSchema)
  );
}

type RepPlanDocument = Omit<RepPlan, 'planId'> & { _id: string };

const repPlanSchema = new mongoose.Schema<RepPlanDocument>(
  {
    _id: { type: String, required: true },
    cycleId: { type: String, required: true },
    fiscalYear: { type: Number, required: true },
    orgId: { type: String, required: true },
    personId: { type: String, required: true },
    orgUnitId: { type: String, required: true },
    incentivePlanId: { type: String, required: true },
    incentiveRuleSet: {
      ruleSetId: { type: String, required: true },
      version: { type: Number, required: true },
    },
    quotaMinor: { type: Number, default: null },
    currency: { type: String, required: true },
    publishedAt: { type: Date, required: true },
    acknowledgedAt: { type: Date, default: null },
    lockedAt: { type: Date, default: null },
  },
  { collection: 'rep_plans', versionKey: false, strict: 'throw' },
);
repPlanSchema.index({ cycleId: 1, personId: 1 }, { unique: true });

/** Each rep's plan of a cycle, keyed by repPlanId(cycleId, personId). */
export function repPlanModel(connection: mongoose.Connection): mongoose.Model<RepPlanDocument> {
  return (
    (connection.models.RepPlan as mongoose.Model<RepPlanDocument> | undefined) ??
    connection.model<RepPlanDocument>('RepPlan', repPlanSchema)
  );
}

const toRepPlan = ({ _id, ...rest }: RepPlanDocument): RepPlan => RepPlan.parse({ planId: _id, ...rest });

/**
 * Stores the plans published for a cycle. A plan that exists keeps its acknowledgment and lock:
 * publishing again (a retried activity) adds the missing plans and changes nothing else.
 */
export async function publishRepPlans(
  connection: mongoose.Connection,
  plans: readonly Omit<RepPlan, 'acknowledgedAt' | 'lockedAt'>[],
): Promise<UpsertCounts> {
  const documents = plans.map((p) => {
    const { planId, ...rest } = RepPlan.parse({ ...p, acknowledgedAt: null, lockedAt: null });
    return { _id: planId, ...rest };
  });
  const model = repPlanModel(connection);
  const existing = new Set<string>();
  const ids = documents.map((d) => d._id);
  for (let start = 0; start < ids.length; start += 5_000)
    for (const d of await model.find({ _id: { $in: ids.slice(start, start + 5_000) } }, { _id: 1 }).lean())
      existing.add(d._id);
  const fresh = documents.filter((d) => !existing.has(d._id));
  // The raw driver collection (string ids): these documents are already validated domain objects.
  const collection = model.collection as unknown as mongoose.mongo.Collection<(typeof documents)[number]>;
  let created = 0;
  for (let start = 0; start < fresh.length; start += 1_000) {
    try {
      created += (await collection.insertMany(fresh.slice(start, start + 1_000), { ordered: false }))
        .insertedCount;
    } catch (error) {
      const write = error as { writeErrors?: { code?: number }[]; result?: { insertedCount?: number } };
      if (!write.writeErrors?.every((e) => e.code === 11000)) throw error;
      created += write.result?.insertedCount ?? 0;
    }
  }
  return { created, updated: 0, unchanged: documents.length - created };
}

export async function loadRepPlan(connection: mongoose.Connection, planId: string): Promise<RepPlan | null> {
  const document = await repPlanModel(connection).findById(planId).lean<RepPlanDocument>();
  return document ? toRepPlan(document) : null;
}

/** A person's rep plan of a fiscal year (one org, one cycle a year: the first by cycle id should two hold them). */
export async function loadRepPlanOf(
  connection: mongoose.Connection,
  personId: string,
  fiscalYear: number,
): Promise<RepPlan | null> {
  const [document] = await repPlanModel(connection)
    .find({ personId, fiscalYear })
    .sort({ cycleId: 1 })
    .limit(1)
    .lean<RepPlanDocument[]>();
  return document ? toRepPlan(document) : null;
}

export type AcknowledgeOutcome =
  | { kind: 'acknowledged' | 'alreadyAcknowledged'; plan: RepPlan }
  | { kind: 'locked'; plan: RepPlan }
  | { kind: 'notFound' };

/** Records a rep's acknowledgment once: the first one wins, later ones find it; a locked plan refuses. */
export async function acknowledgeRepPlan(
  connection: mongoose.Connection,
  planId: string,
  at: Date,
): Promise<AcknowledgeOutcome> {
  const model = repPlanModel(connection);
  const { modifiedCount } = await model.updateOne(
    { _id: planId, acknowledgedAt: null, lockedAt: null },
    { $set: { acknowledgedAt: at } },
  );
  const plan = await loadRepPlan(connection, planId);
  if (!plan) return { kind: 'notFound' };
  if (modifiedCount === 1) return { kind: 'acknowledged', plan };
  if (plan.acknowledgedAt) return { kind: 'alreadyAcknowledged', plan };
  return { kind: 'locked', plan };
}

/** The reps of a cycle who acknowledged their plan. */
export async function acknowledgedRepIds(
  connection: mongoose.Connection,
  cycleId: string,
): Promise<string[]> {
  const documents = await repPlanModel(connection)
    .find({ cycleId, acknowledgedAt: { $ne: null } }, { personId: 1 })
    .lean();
  return documents.map((d) => d.personId).sort();
}

/** Locks every plan of a cycle (year close): no acknowledgment or change after this. Returns how many it locked. */
export async function lockRepPlans(
  connection: mongoose.Connection,
  cycleId: string,
  at: Date,
): Promise<number> {
  const { modifiedCount } = await repPlanModel(connection).updateMany(
    { cycleId, lockedAt: null },
    { $set: { lockedAt: at } },
  );
  return modifiedCount;
}
