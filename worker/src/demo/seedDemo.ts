import type mongoose from 'mongoose';
import {
  assignVacantPositions,
  budgetLineModel,
  dealModel,
  marketSizeModel,
  orgUnitModel,
  personModel,
  upsertBudgetLines,
  upsertDeals,
  upsertMarketSizes,
  upsertOrgUnits,
  upsertPeople,
  type UpsertCounts,
} from '@opscycle/storage';
import type { DemoCompany } from './company';

export interface DemoSeedCounts {
  orgUnits: UpsertCounts;
  people: UpsertCounts;
  positions: UpsertCounts;
  deals: UpsertCounts;
  marketSizes: UpsertCounts;
  budgetLines: UpsertCounts;
}

/**
 * Writes the demo company's data by business key (unit id, person id, dealId, market and budget
 * keys), so seeding twice leaves the same documents. Indexes are built first: the unique ones are
 * what makes a concurrent second seed fail loudly instead of duplicating.
 */
export async function seedDemoData(
  connection: mongoose.Connection,
  demo: DemoCompany,
): Promise<DemoSeedCounts> {
  await Promise.all(
    [orgUnitModel, personModel, dealModel, marketSizeModel, budgetLineModel].map((model) =>
      model(connection).init(),
    ),
  );
  return {
    orgUnits: await upsertOrgUnits(connection, demo.units),
    people: await upsertPeople(connection, demo.people),
    // Vacant ones only: an ops admin's reassignment survives a restart.
    positions: await assignVacantPositions(connection, demo.positions, {
      userId: 'demo-seed',
      at: new Date(`${demo.asOf}T00:00:00Z`),
    }),
    deals: await upsertDeals(connection, demo.deals),
    marketSizes: await upsertMarketSizes(connection, demo.markets),
    budgetLines: await upsertBudgetLines(connection, demo.budgets),
  };
}
