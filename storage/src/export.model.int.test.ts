import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTestDatabase } from './testing';
import {
  claimExports,
  deliveredExportIds,
  exportIdOf,
  exportModel,
  recordExportDelivery,
  type ExportClaim,
} from './export.model';

const claim = (payeeId: string): ExportClaim => ({
  exportId: exportIdOf('plan-x', '2027-03', payeeId, 1),
  runId: 'plan-x-2027-03-r1',
  planId: 'plan-x',
  period: '2027-03',
  revision: 1,
  payeeId,
  totalMinor: 100_00,
  currency: 'CNY',
  csvFile: '/exports/plan-x-2027-03-r1-p0.csv',
});

let db: mongoose.Connection;

beforeAll(async () => {
  db = await connectTestDatabase('export-ledger');
});

afterAll(async () => {
  await db.dropDatabase();
  await db.close();
});

describe('the export ledger', () => {
  it('claims once, and a claim is delivered only once a delivery lists it', async () => {
    const [ann, bo] = [claim('rep-ann'), claim('rep-bo')];
    expect((await claimExports(db, [ann, bo])).map((c) => c.status)).toEqual(['pending', 'pending']);
    await recordExportDelivery(db, { runId: ann.runId, exportIds: [ann.exportId] });
    // The same post recorded again (a retry after the answer) is one delivery.
    await recordExportDelivery(db, { runId: ann.runId, exportIds: [ann.exportId] });
    const again = await claimExports(db, [bo, ann]);
    expect(again.map((c) => [c.payeeId, c.status])).toEqual([
      ['rep-bo', 'pending'],
      ['rep-ann', 'delivered'],
    ]);
    expect(await exportModel(db).countDocuments({ runId: ann.runId })).toBe(2);
    expect([...(await deliveredExportIds(db, [ann.runId]))]).toEqual([ann.exportId]);
    expect(await db.collection('payout_export_deliveries').countDocuments()).toBe(1);
  });

  it('keeps claims delivered under the earlier ledger, which stored the status on the claim', async () => {
    const old = claim('rep-cy');
    const { exportId, ...rest } = old;
    await db.collection('payout_exports').insertOne({ _id: exportId, ...rest, status: 'delivered' } as never);
    expect((await claimExports(db, [old]))[0]?.status).toBe('delivered');
  });
});
