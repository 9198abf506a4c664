import mongoose from 'mongoose';
import {
  CUSTOMER_SIZES,
  CUSTOMER_VALUES,
  DEAL_STATUSES,
  FUNNEL_STAGES,
  LEAD_SOURCES,
  SALES_ROLES,
  Deal,
} from '@opscycle/domain';
import { upsertByKey, type UpsertCounts } from './upsert';

const date = { type: String, default: null };
const dealSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    dealId: { type: String, required: true },
    repId: { type: String, required: true },
    teamId: { type: String, required: true },
    customerId: { type: String, required: true },
    customerSize: { type: String, enum: CUSTOMER_SIZES, required: true },
    customerValue: { type: String, enum: CUSTOMER_VALUES, required: true },
    isNewCustomer: { type: Boolean, required: true },
    productLine: { type: String, required: true },
    channel: { type: String, enum: SALES_ROLES, required: true },
    stage: { type: String, enum: FUNNEL_STAGES, required: true },
    status: { type: String, enum: DEAL_STATUSES, required: true },
    amountMinor: { type: Number, required: true },
    currency: { type: String, required: true },
    discountPct: { type: Number, required: true },
    createdOn: { type: String, required: true },
    wonOn: date,
    invoicedMinor: { type: Number, required: true },
    collectedMinor: { type: Number, required: true },
    collectedOn: date,
    refundedOn: date,
    leadSource: { type: String, enum: LEAD_SOURCES, required: true },
    budgetConfirmed: { type: Boolean, required: true },
    decisionMakerMet: { type: Boolean, required: true },
    needIdentified: { type: Boolean, required: true },
    proposalSubmittedOn: date,
    proposalAccepted: { type: Boolean, required: true },
  },
  { collection: 'deals', versionKey: false, strict: 'throw' },
);
dealSchema.index({ dealId: 1 }, { unique: true });
dealSchema.index({ teamId: 1, createdOn: 1 });
dealSchema.index({ repId: 1, createdOn: 1 });
dealSchema.index({ createdOn: 1 });

/** CRM actuals lines, one document per dealId (the business key). */
export function dealModel(connection: mongoose.Connection): mongoose.Model<Deal> {
  return (
    (connection.models.Deal as mongoose.Model<Deal> | undefined) ?? connection.model<Deal>('Deal', dealSchema)
  );
}

/**
 * Validates every deal first (nothing is written when one is invalid; the error names the row and
 * field), then upserts by dealId, so importing the same export twice changes nothing.
 */
export async function upsertDeals(
  connection: mongoose.Connection,
  deals: readonly unknown[],
): Promise<UpsertCounts> {
  const parsed = deals.map((input, row) => {
    const result = Deal.safeParse(input);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    throw new Error(`deal row ${row}: ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`);
  });
  return upsertByKey(dealModel(connection), parsed, (deal) => deal.dealId);
}
