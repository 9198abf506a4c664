import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type mongoose from 'mongoose';
import { connectTestDatabase } from '@opscycle/storage/testing';
import {
  assignPosition,
  budgetLineModel,
  loadPositionHolders,
  dealModel,
  kpiSnapshotModel,
  marketSizeModel,
  orgUnitModel,
  personModel,
  quotaAllocationModel,
} from '@opscycle/storage';
import { generateDemoCompany } from './company';
import { seedDemoData } from './seedDemo';
import { DEMO_FIRST_CYCLE_ID, DEMO_LAST_CYCLE_ID, seedDemoPlanHistory } from './seedPlanHistory';

describe('seedDemoData', () => {
  let connection: mongoose.Connection;
  beforeAll(async () => {
    connection = await connectTestDatabase('demo-seed');
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  const counts = async () => ({
    orgUnits: await orgUnitModel(connection).countDocuments(),
    people: await personModel(connection).countDocuments(),
    deals: await dealModel(connection).countDocuments(),
    marketSizes: await marketSizeModel(connection).countDocuments(),
    budgetLines: await budgetLineModel(connection).countDocuments(),
  });

  it('seeds the demo company, and seeding again leaves the same counts', async () => {
    const demo = generateDemoCompany();
    const first = await seedDemoData(connection, demo);
    expect(first.deals.created).toBe(demo.deals.length);
    const afterFirst = await counts();
    expect(afterFirst).toEqual({
      orgUnits: demo.units.length,
      people: demo.people.length,
      deals: demo.deals.length,
      marketSizes: demo.markets.length,
      budgetLines: demo.budgets.length,
    });
    // CFO, VP sales, marketing head and HRBP at the company, a regional director per region.
    expect(first.positions).toEqual({ created: 4 + 3, updated: 0, unchanged: 0 });
    const second = await seedDemoData(connection, demo);
    expect(second.deals).toEqual({ created: 0, updated: 0, unchanged: demo.deals.length });
    expect(second.positions).toEqual({ created: 0, updated: 0, unchanged: 4 + 3 });
    expect(await counts()).toEqual(afterFirst);
  }, 60_000);

  it('seeds only vacant positions: a holder an ops admin changed survives a re-seed', async () => {
    const demo = generateDemoCompany();
    await seedDemoData(connection, demo);
    await assignPosition(
      connection,
      { orgUnitId: 'acme', position: 'marketingHead', personId: 'vp-sales' },
      { userId: 'ops-admin', at: new Date() },
    );
    await seedDemoData(connection, demo);
    const marketing = (await loadPositionHolders(connection, ['marketingHead'])).map((h) => h.personId);
    expect(marketing).toEqual(['vp-sales']);
  }, 60_000);

  it('stores last year plan: targets for every unit and rep, quarterly reviews of every unit for two years', async () => {
    const demo = generateDemoCompany();
    await seedDemoData(connection, demo);
    expect(await seedDemoPlanHistory(connection, demo)).toBe(8);
    expect(await quotaAllocationModel(connection).countDocuments({ cycleId: DEMO_LAST_CYCLE_ID })).toBe(
      demo.units.length + demo.people.filter((p) => p.role === 'rep').length,
    );
    expect(await kpiSnapshotModel(connection).countDocuments({ cycleId: DEMO_LAST_CYCLE_ID })).toBe(
      4 * demo.units.length,
    );
    const q4 = await kpiSnapshotModel(connection)
      .findById(`${DEMO_LAST_CYCLE_ID}:acme-north:2026-10-01:2026-12-31`)
      .lean();
    expect(q4?.kpis.targetMinor).toBeGreaterThan(0);
    expect(q4?.diagnosis.status).toMatch(/onTrack|behind/);
    // FY2025 reviewed without targets: what FY2026's growth is measured against.
    const before = await kpiSnapshotModel(connection)
      .findById(`${DEMO_FIRST_CYCLE_ID}:acme-north:2025-10-01:2025-12-31`)
      .lean();
    expect(before?.kpis.targetMinor).toBeNull();
    expect(before?.kpis.revenueMinor).toBeGreaterThan(0);
    expect(before?.kpis.revenueMinor).not.toBe(q4?.kpis.revenueMinor);
  }, 180_000);
});
