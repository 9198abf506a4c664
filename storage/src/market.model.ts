import mongoose from 'mongoose';
import { CUSTOMER_SIZES, MarketSizeInput } from '@opscycle/domain';
import { upsertByKey, type UpsertCounts } from './upsert';

const marketSizeSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    fiscalYear: { type: Number, required: true },
    regionId: { type: String, required: true },
    productLine: { type: String, required: true },
    customerSize: { type: String, enum: [...CUSTOMER_SIZES, null], default: null },
    marketSizeMinor: { type: Number, required: true },
    currency: { type: String, required: true },
  },
  { collection: 'market_sizes', versionKey: false, strict: 'throw' },
);
marketSizeSchema.index({ fiscalYear: 1, regionId: 1, productLine: 1, customerSize: 1 }, { unique: true });

/** Market-size inputs of the strategy analysis, one per year x region x product line x customer size. */
export function marketSizeModel(connection: mongoose.Connection): mongoose.Model<MarketSizeInput> {
  return (
    (connection.models.MarketSize as mongoose.Model<MarketSizeInput> | undefined) ??
    connection.model<MarketSizeInput>('MarketSize', marketSizeSchema)
  );
}

export async function upsertMarketSizes(
  connection: mongoose.Connection,
  inputs: readonly MarketSizeInput[],
): Promise<UpsertCounts> {
  const parsed = inputs.map((input) => MarketSizeInput.parse(input));
  return upsertByKey(marketSizeModel(connection), parsed, (m) =>
    [m.fiscalYear, m.regionId, m.productLine, m.customerSize ?? 'all'].join(':'),
  );
}
