import mongoose from 'mongoose';
import { CycleProgress } from '@opscycle/domain';

interface CycleDocument {
  _id: string;
  fiscalYear: number;
  orgId: string;
  status: string;
  currentStep: string;
  progress: unknown;
  updatedAt: Date;
}

/** A mirror of each cycle's progress for listings; the workflow (queried) stays the source of truth. */
const cycleSchema = new mongoose.Schema<CycleDocument>(
  {
    _id: { type: String, required: true },
    fiscalYear: { type: Number, required: true },
    orgId: { type: String, required: true },
    status: { type: String, required: true },
    currentStep: { type: String, required: true },
    progress: { type: mongoose.Schema.Types.Mixed, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'cycles', versionKey: false, strict: 'throw' },
);
cycleSchema.index({ fiscalYear: 1, orgId: 1 });

export function cycleModel(connection: mongoose.Connection): mongoose.Model<CycleDocument> {
  return (
    (connection.models.Cycle as mongoose.Model<CycleDocument> | undefined) ??
    connection.model<CycleDocument>('Cycle', cycleSchema)
  );
}

export async function saveCycleProgress(
  connection: mongoose.Connection,
  progress: CycleProgress,
): Promise<void> {
  const parsed = CycleProgress.parse(progress);
  await cycleModel(connection).replaceOne(
    { _id: parsed.cycleId },
    {
      fiscalYear: parsed.fiscalYear,
      orgId: parsed.orgId,
      status: parsed.status,
      currentStep: parsed.currentStep,
      progress: parsed,
      updatedAt: new Date(),
    },
    { upsert: true },
  );
}

interface StepRunDocument {
  _id: string;
  cycleId: string;
  step: string;
  orgUnitId: string;
  period: string | null;
  summary: string;
  facts: Record<string, unknown>;
  amountMinor: number | null;
  at: Date;
}

/** One record per (cycle, step, unit, period): what each step computed, replaced when an activity retries. */
const stepRunSchema = new mongoose.Schema<StepRunDocument>(
  {
    _id: { type: String, required: true },
    cycleId: { type: String, required: true },
    step: { type: String, required: true },
    orgUnitId: { type: String, required: true },
    period: { type: String, default: null },
    summary: { type: String, required: true },
    facts: { type: mongoose.Schema.Types.Mixed, default: {} },
    amountMinor: { type: Number, default: null },
    at: { type: Date, required: true },
  },
  { collection: 'cycle_step_runs', versionKey: false, strict: 'throw' },
);
stepRunSchema.index({ cycleId: 1, step: 1 });

export function cycleStepRunModel(connection: mongoose.Connection): mongoose.Model<StepRunDocument> {
  return (
    (connection.models.CycleStepRun as mongoose.Model<StepRunDocument> | undefined) ??
    connection.model<StepRunDocument>('CycleStepRun', stepRunSchema)
  );
}

export async function recordCycleStepRun(
  connection: mongoose.Connection,
  run: Omit<StepRunDocument, '_id' | 'at'>,
): Promise<void> {
  const _id = `${run.cycleId}:${run.step}:${run.orgUnitId}:${run.period ?? 'year'}`;
  await cycleStepRunModel(connection).replaceOne({ _id }, { ...run, at: new Date() }, { upsert: true });
}
