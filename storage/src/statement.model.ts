import mongoose from 'mongoose';
import { PayoutStatement } from '@opscycle/domain';
import { idFilter } from './idFilter';
import { insertOrReplaceById } from './upsert';

/** One payee's statement in one payout run, keyed `<runId>:<payeeId>` so a recomputed partition replaces it. */
const statementSchema = new mongoose.Schema<PayoutStatement & { _id: string }>(
  {
    _id: { type: String, required: true },
    runId: { type: String, required: true },
    planId: { type: String, required: true },
    period: { type: String, required: true },
    revision: { type: Number, required: true },
    payeeId: { type: String, required: true },
    partition: { type: Number, required: true },
    lines: [
      {
        _id: false,
        lineKey: { type: String, required: true },
        kind: { type: String, required: true },
        amountMinor: { type: Number, required: true },
        currency: { type: String, required: true },
        explanation: { type: [String], required: true },
      },
    ],
    totalMinor: { type: Number, required: true },
    currency: { type: String, required: true },
    carry: {
      type: new mongoose.Schema(
        {
          paidDeals: [
            { _id: false, dealId: { type: String, required: true }, rate: { type: Number, required: true } },
          ],
          drawBalanceMinor: { type: Number, required: true },
        },
        { _id: false, strict: 'throw' },
      ),
      required: false,
    },
  },
  { collection: 'payout_statements', versionKey: false, strict: 'throw' },
);
statementSchema.index({ runId: 1, partition: 1 });
statementSchema.index({ planId: 1, period: 1, payeeId: 1, revision: 1 });

export function statementModel(
  connection: mongoose.Connection,
): mongoose.Model<PayoutStatement & { _id: string }> {
  return (
    (connection.models.PayoutStatement as mongoose.Model<PayoutStatement & { _id: string }> | undefined) ??
    connection.model<PayoutStatement & { _id: string }>('PayoutStatement', statementSchema)
  );
}

export const statementId = (runId: string, payeeId: string) => `${runId}:${payeeId}`;

export async function saveStatements(
  connection: mongoose.Connection,
  statements: readonly PayoutStatement[],
) {
  if (statements.length === 0) return;
  // Raw driver collection: each statement is parsed here; inserts first (see insertOrReplaceById).
  const collection = statementModel(connection).collection as unknown as mongoose.mongo.Collection<
    PayoutStatement & { _id: string }
  >;
  await insertOrReplaceById(
    collection,
    statements.map((s) => {
      const parsed = PayoutStatement.parse(s);
      return { _id: statementId(parsed.runId, parsed.payeeId), ...parsed };
    }),
  );
}

export async function loadStatements(
  connection: mongoose.Connection,
  filter: { runId: string; partition?: number } | { planId: string; period: string; payeeIds: string[] },
): Promise<PayoutStatement[]> {
  const query =
    'runId' in filter
      ? { runId: filter.runId, ...(filter.partition === undefined ? {} : { partition: filter.partition }) }
      : { planId: filter.planId, period: filter.period, ...idFilter('payeeId', filter.payeeIds) };
  const wanted = 'payeeIds' in filter ? new Set(filter.payeeIds) : undefined;
  const docs = await statementModel(connection).find(query).sort({ payeeId: 1, revision: 1 }).lean();
  return docs
    .filter((d) => !wanted || wanted.has(d.payeeId))
    .map(({ _id, ...rest }) => PayoutStatement.parse(rest));
}

/** Every statement of one payee (all plans, periods and revisions), newest period first. */
export async function loadPayeeStatements(
  connection: mongoose.Connection,
  payeeId: string,
  limit = 120,
): Promise<PayoutStatement[]> {
  const docs = await statementModel(connection)
    .find({ payeeId }, { _id: 0 })
    .sort({ period: -1, revision: -1 })
    .limit(limit)
    .lean();
  return docs.map((doc) => PayoutStatement.parse(doc));
}
