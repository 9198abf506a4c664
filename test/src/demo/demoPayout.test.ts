import type { Client, Connection } from '@temporalio/client';
import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRuleSets, seedDemoUsers } from '@opscycle/api';
import type { AuditEntry } from '@opscycle/domain';
import {
  auditModel,
  deliveredExportIds,
  exportModel,
  loadRuleSetVersion,
  loadStatements,
} from '@opscycle/storage';
import {
  generateDemoCompany,
  DEMO_FINANCE_ID,
  DEMO_PAYOUT_PERIOD,
  runDemoPayout,
  seedDemoData,
  seedDemoPlanHistory,
} from '@opscycle/worker/demo';
import { connectTestDatabase, temporalClient, uniqueName } from '../support';
import { startPayoutWorker, type PayoutWorker } from '../payouts/payoutWorker';

const SECRET = 'demo-payout-test-secret';
const taskQueue = uniqueName('demo-payout');
/** Unique per test run: the shared server remembers payout workflow ids. */
const planId = uniqueName('demo-plan');

let db: mongoose.Connection;
let client: Client;
let clientConnection: Connection;
let payoutWorker: PayoutWorker;
let receiver: PayoutWorker['receiver'];

beforeAll(async () => {
  db = await connectTestDatabase('demo-payout');
  const demo = generateDemoCompany();
  await seedDemoData(db, demo);
  await seedDemoPlanHistory(db, demo);
  const users = await seedDemoUsers(db, demo.people);
  const opsAdmin = users.find((u) => u.role === 'opsAdmin');
  if (!opsAdmin) throw new Error('the demo company has no ops admin');
  await seedDemoRuleSets(db, opsAdmin);
  ({ client, connection: clientConnection } = await temporalClient());
  payoutWorker = await startPayoutWorker(db, taskQueue, SECRET);
  receiver = payoutWorker.receiver;
}, 60_000);

afterAll(async () => {
  await payoutWorker.stop();
  await clientConnection.close();
  await db.dropDatabase();
  await db.close();
});

describe('runDemoPayout', () => {
  it('pays the last closed period with finance approval, and a second run changes nothing', async () => {
    const result = await runDemoPayout(client, db, { taskQueue, planId });
    // Paid by a published incentive plan version in force for the whole of 2026-Q4.
    const used = await loadRuleSetVersion(
      db,
      result.incentiveRuleSet.ruleSetId,
      result.incentiveRuleSet.version,
    );
    expect(DEMO_PAYOUT_PERIOD).toBe('2026-Q4');
    expect(used?.kind).toBe('incentive');
    expect(used?.effectiveFrom).toBeDefined();
    expect(used && used.effectiveFrom <= '2026-10-01').toBe(true);
    expect(used && (used.effectiveTo === null || used.effectiveTo >= '2026-12-31')).toBe(true);

    const approved = await auditModel(db)
      .find()
      .where({ action: 'payoutRun.approved', 'object.id': result.runId })
      .lean<AuditEntry[]>();
    expect(approved.map((e) => e.actor.userId)).toEqual([DEMO_FINANCE_ID]);

    const statements = await loadStatements(db, { runId: result.runId });
    expect(statements.length).toBe(result.payees);
    expect(statements.length).toBeGreaterThan(0);
    expect(result.totalMinor).toBeGreaterThan(0);
    expect(statements.reduce((sum, s) => sum + s.totalMinor, 0)).toBe(result.totalMinor);
    for (const s of statements)
      expect(s.totalMinor, s.payeeId).toBe(s.lines.reduce((sum, l) => sum + l.amountMinor, 0));
    const explained = statements.flatMap((s) =>
      s.lines.filter((l) => l.amountMinor > 0 && /commission/i.test(l.lineKey) && l.explanation.length > 0),
    );
    expect(explained.length).toBeGreaterThan(0);
    const delivered = (await deliveredExportIds(db, [result.runId])).size;
    expect(delivered).toBe(statements.length);
    const deliveries = receiver.deliveries.length;

    const again = await runDemoPayout(client, db, { taskQueue, planId });
    expect(again).toEqual(result);
    expect(await loadStatements(db, { runId: result.runId })).toHaveLength(statements.length);
    expect(await exportModel(db).countDocuments({ runId: result.runId })).toBe(delivered);
    expect(receiver.deliveries.length).toBe(deliveries);
  }, 60_000);
});
