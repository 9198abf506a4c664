import mongoose from 'mongoose';
import { PayeePeriodRecord, type PaidDeal } from '@opscycle/domain';
import { idFilter } from './idFilter';
import { insertOrReplaceById } from './upsert';

type PayeePeriodDocument = PayeePeriodRecord & { _id: string };

/**
 * The payee-period ledger, keyed `<plan>:<period>:<payee>`: written when a period's statement is
 * exported, so writing it again (a retried export, a re-run of the period) replaces it instead of
 * adding a second record. Plain documents and a unique `_id`: no transaction needed (FerretDB).
 */
const payeePeriodSchema = new mongoose.Schema<PayeePeriodDocument>(
  {
    _id: { type: String, required: true },
    planId: { type: String, required: true },
    period: { type: String, required: true },
    periodFrom: { type: String, required: true },
    periodTo: { type: String, required: true },
    payeeId: { type: String, required: true },
    revision: { type: Number, required: true },
    runId: { type: String, required: true },
    paidDeals: [
      { _id: false, dealId: { type: String, required: true }, rate: { type: Number, required: true } },
    ],
    drawBalanceMinor: { type: Number, required: true },
  },
  { collection: 'payout_payee_periods', versionKey: false, strict: 'throw' },
);
payeePeriodSchema.index({ payeeId: 1, periodTo: 1 });

export function payeePeriodModel(connection: mongoose.Connection): mongoose.Model<PayeePeriodDocument> {
  return (
    (connection.models.PayeePeriod as mongoose.Model<PayeePeriodDocument> | undefined) ??
    connection.model<PayeePeriodDocument>('PayeePeriod', payeePeriodSchema)
  );
}

export const payeePeriodId = (planId: string, period: string, payeeId: string) =>
  `${planId}:${period}:${payeeId}`;

/** Records exported payee periods; the latest export of a (plan, period, payee) is the one kept. */
export async function recordPayeePeriods(
  connection: mongoose.Connection,
  records: readonly PayeePeriodRecord[],
): Promise<void> {
  if (records.length === 0) return;
  // Raw driver collection: each record is parsed here; inserts first (see insertOrReplaceById).
  const collection = payeePeriodModel(connection)
    .collection as unknown as mongoose.mongo.Collection<PayeePeriodDocument>;
  await insertOrReplaceById(
    collection,
    records.map((record) => {
      const parsed = PayeePeriodRecord.parse(record);
      return { _id: payeePeriodId(parsed.planId, parsed.period, parsed.payeeId), ...parsed };
    }),
  );
}

/** Latest first; on the same end date the given plan's record first. */
const newestFirst = (planId: string | undefined) => (a: PayeePeriodRecord, b: PayeePeriodRecord) =>
  a.periodTo !== b.periodTo
    ? a.periodTo < b.periodTo
      ? 1
      : -1
    : Number(b.planId === planId) - Number(a.planId === planId);

/**
 * Each payee's recoverable draw balance at the end of their latest exported period ending before
 * `before` (payees without one are absent: nothing owed).
 */
export async function loadDrawBalancesBefore(
  connection: mongoose.Connection,
  payeeIds: readonly string[],
  before: string,
  planId?: string,
): Promise<Map<string, number>> {
  const wanted = new Set(payeeIds);
  const docs = await payeePeriodModel(connection)
    .find({ ...idFilter('payeeId', payeeIds), periodTo: { $lt: before } }, { paidDeals: 0 })
    .lean<PayeePeriodRecord[]>();
  const balances = new Map<string, number>();
  for (const doc of docs.filter((d) => wanted.has(d.payeeId)).sort(newestFirst(planId)))
    if (!balances.has(doc.payeeId)) balances.set(doc.payeeId, doc.drawBalanceMinor);
  return balances;
}

/**
 * The rate each of `dealIds` was paid at to each payee in an exported period ending before `before`:
 * what the clawback of a refund in a later period reverses. A deal paid by several plans counts once,
 * at the latest record (this plan's first).
 */
export async function loadPaidDealsBefore(
  connection: mongoose.Connection,
  payeeIds: readonly string[],
  dealIds: readonly string[],
  before: string,
  planId?: string,
): Promise<PaidDeal[]> {
  if (dealIds.length === 0 || payeeIds.length === 0) return [];
  const wanted = new Set(dealIds);
  const docs = await payeePeriodModel(connection)
    .find({
      ...idFilter('payeeId', payeeIds),
      periodTo: { $lt: before },
      'paidDeals.dealId': { $in: [...wanted] },
    })
    .lean<PayeePeriodRecord[]>();
  const payees = new Set(payeeIds);
  const paid = new Map<string, PaidDeal>();
  for (const doc of docs.filter((d) => payees.has(d.payeeId)).sort(newestFirst(planId)))
    for (const deal of doc.paidDeals) {
      const key = `${deal.dealId}\u0000${doc.payeeId}`;
      if (wanted.has(deal.dealId) && !paid.has(key))
        paid.set(key, { dealId: deal.dealId, payeeId: doc.payeeId, periodId: doc.period, rate: deal.rate });
    }
  return [...paid.values()];
}
