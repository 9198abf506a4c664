import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type mongoose from 'mongoose';
import { connectTestDatabase } from '@opscycle/test';
import { budgetLineModel, dealModel, marketSizeModel, orgUnitModel, personModel } from '@opscycle/storage';
import { generateDemoCompany } from './company';
import { seedDemoData } from './seedDemo';

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
    const second = await seedDemoData(connection, demo);
    expect(second.deals).toEqual({ created: 0, updated: 0, unchanged: demo.deals.length });
    expect(await counts()).toEqual(afterFirst);
  }, 60_000);
});
