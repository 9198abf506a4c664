import type { Client, Connection } from '@temporalio/client';
import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgUnit } from '@opscycle/domain';
import { aPlanAtTheLimits, publishRuleSetVersion } from '@opscycle/rules';
import { storeRuleSetVersion, upsertDeals, upsertOrgUnits, upsertPeople } from '@opscycle/storage';
import { connectTestDatabase, temporalClient, uniqueName } from '../support';
import { aPerson, aWonDeal, payoutRunInput, runPayoutPeriod } from './payoutRuns';
import { startPayoutWorker, type PayoutWorker } from './payoutWorker';

const taskQueue = uniqueName('payout-limits');
/** Unique per run: payout workflow ids are business keys the shared server remembers. */
const PLAN = uniqueName('limit-plan');
const units: OrgUnit[] = [
  { id: 'co', name: 'Co', kind: 'company', parentId: null },
  { id: 'co-t1', name: 'Team 1', kind: 'team', parentId: 'co' },
];

let db: mongoose.Connection;
let client: Client;
let clientConnection: Connection;
let payoutWorker: PayoutWorker;

beforeAll(async () => {
  db = await connectTestDatabase('payout-limits');
  await upsertOrgUnits(db, units);
  await upsertPeople(db, [
    aPerson('ops', 'opsAdmin', 'co'),
    aPerson('fin', 'finance', 'co'),
    aPerson('rep', 'rep', 'co-t1', { salesRole: 'direct', hiredOn: '2020-03-01' }),
  ]);
  await storeRuleSetVersion(
    db,
    publishRuleSetVersion({
      graph: { ...aPlanAtTheLimits(), id: PLAN },
      version: 1,
      publishedBy: 'ops',
      publishedAt: new Date('2026-12-01T00:00:00Z'),
    }),
  );
  ({ client, connection: clientConnection } = await temporalClient());
  payoutWorker = await startPayoutWorker(db, taskQueue, 'limits-test-secret');
}, 60_000);

afterAll(async () => {
  await payoutWorker.stop();
  await clientConnection.close();
  await db.dropDatabase();
  await db.close();
});

describe('a payout run of the plan at every validation limit', () => {
  it('pays, stores and exports every line', async () => {
    await upsertDeals(db, [aWonDeal('d-1', 'rep', 1_000_000, '2027-01-10')]);
    /*
     * No quota is planned, so attainment and target incentive are 0: Deep (100 x 1,000,000 =
     * 100,000,000) is capped at 100 x target = 0; Bonus pays 10^13 x 10 x 10 = 10^15; the hub's
     * conditions (attainment > 0, ...) fail, and every other component pays 0.
     */
    const statements = await runPayoutPeriod(client, db, taskQueue, payoutRunInput(PLAN, '2027-01', 1));
    const rep = statements.get('rep');
    expect(rep?.totalMinor).toBe(1_000_000_000_000_000);
    expect(rep?.lines.find((l) => l.lineKey === 'bonus')?.amountMinor).toBe(1_000_000_000_000_000);
    expect(rep?.lines.find((l) => l.lineKey === 'deep')?.amountMinor).toBe(0);
    expect(payoutWorker.receiver.paidPerPayee().get('rep')).toBe(1_000_000_000_000_000);
  }, 120_000);
});
