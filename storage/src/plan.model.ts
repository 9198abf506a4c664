import mongoose from 'mongoose';
import type { BottomUpSubmission } from '@opscycle/domain';
import { QuotaAllocation } from '@opscycle/domain';
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
