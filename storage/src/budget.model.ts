import mongoose from 'mongoose';
import { BUDGET_BASES, BUDGET_CATEGORIES, BudgetLine } from '@opscycle/domain';
import { upsertByKey, type UpsertCounts } from './upsert';

const budgetLineSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    fiscalYear: { type: Number, required: true },
    unitId: { type: String, required: true },
    category: { type: String, enum: BUDGET_CATEGORIES, required: true },
    quarter: { type: Number, required: true, min: 1, max: 4 },
    basis: { type: String, enum: BUDGET_BASES, required: true },
    amountMinor: { type: Number, required: true },
    currency: { type: String, required: true },
  },
  { collection: 'budget_lines', versionKey: false, strict: 'throw' },
);
budgetLineSchema.index({ fiscalYear: 1, basis: 1, unitId: 1, category: 1, quarter: 1 }, { unique: true });

/** Budget lines: actual spend of past years and the plan proposed for the next. */
export function budgetLineModel(connection: mongoose.Connection): mongoose.Model<BudgetLine> {
  return (
    (connection.models.BudgetLine as mongoose.Model<BudgetLine> | undefined) ??
    connection.model<BudgetLine>('BudgetLine', budgetLineSchema)
  );
}

export async function upsertBudgetLines(
  connection: mongoose.Connection,
  lines: readonly BudgetLine[],
): Promise<UpsertCounts> {
  const parsed = lines.map((line) => BudgetLine.parse(line));
  return upsertByKey(budgetLineModel(connection), parsed, (l) =>
    [l.fiscalYear, l.basis, l.unitId, l.category, `Q${l.quarter}`].join(':'),
  );
}
