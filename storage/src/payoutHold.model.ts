import mongoose from 'mongoose';
import { PayoutHold } from '@opscycle/domain';

type PayoutHoldDocument = PayoutHold & { _id: string };

/**
 * Payees finance holds, keyed `<plan>:<period>:<payee>`: the latest state of each hold (held or
 * released, by whom, when, why). The export reads the active ones of its (plan, period); the audit
 * trail keeps every hold and release. Few documents, each replaced whole: no partial updates.
 */
const payoutHoldSchema = new mongoose.Schema<PayoutHoldDocument>(
  {
    _id: { type: String, required: true },
    planId: { type: String, required: true },
    period: { type: String, required: true },
    payeeId: { type: String, required: true },
    active: { type: Boolean, required: true },
    reason: { type: String, required: true },
    heldBy: { type: String, required: true },
    heldAt: { type: Date, required: true },
    releasedBy: String,
    releasedAt: Date,
    releaseReason: String,
  },
  { collection: 'payout_holds', versionKey: false, strict: 'throw' },
);
payoutHoldSchema.index({ planId: 1, period: 1 });

export function payoutHoldModel(connection: mongoose.Connection): mongoose.Model<PayoutHoldDocument> {
  return (
    (connection.models.PayoutHold as mongoose.Model<PayoutHoldDocument> | undefined) ??
    connection.model<PayoutHoldDocument>('PayoutHold', payoutHoldSchema)
  );
}

export const payoutHoldId = (planId: string, period: string, payeeId: string) =>
  `${planId}:${period}:${payeeId}`;

/** Every hold of a (plan, period), held or released. */
export async function loadPayoutHolds(
  connection: mongoose.Connection,
  planId: string,
  period: string,
): Promise<PayoutHold[]> {
  const docs = await payoutHoldModel(connection).find({ planId, period }, { _id: 0 }).lean();
  return docs.map((doc) => PayoutHold.parse(doc));
}

export async function loadPayoutHold(
  connection: mongoose.Connection,
  planId: string,
  period: string,
  payeeId: string,
): Promise<PayoutHold | undefined> {
  const doc = await payoutHoldModel(connection)
    .findById(payoutHoldId(planId, period, payeeId), { _id: 0 })
    .lean();
  return doc ? PayoutHold.parse(doc) : undefined;
}

/** Stores the hold's new state (a hold, or its release) in place of the old one. */
export async function savePayoutHold(connection: mongoose.Connection, hold: PayoutHold): Promise<void> {
  const parsed = PayoutHold.parse(hold);
  const _id = payoutHoldId(parsed.planId, parsed.period, parsed.payeeId);
  await payoutHoldModel(connection).collection.replaceOne(
    { _id } as never,
    { _id, ...parsed },
    { upsert: true },
  );
}
