import type mongoose from 'mongoose';
import { roundMinor } from '@opscycle/domain';
import { createPlanningActivities } from '../planning/planning.activities';
import type { DemoCompany } from './company';

/** Last year's plan of the demo: the cycle id the annual cycle would have had. */
export const DEMO_LAST_CYCLE_ID = 'cycle-FY2026-acme';
/** FY2025 predates OpsCycle at Acme: reviewed without targets, so FY2026 has growth to compare with. */
export const DEMO_FIRST_CYCLE_ID = 'cycle-FY2025-acme';
const LAST_YEAR = 2026;
/** FY2026's target was set at FY2025 revenue + 20%: ambitious enough that some units fall short. */
const LAST_YEAR_UPLIFT = 1.2;

/**
 * FY2026 as already planned and reviewed, so the app opens on performance with targets: the
 * company target decomposed to every rep, and quarterly reviews of every unit (each compared with
 * its parent) with their diagnoses, FY2025's too (the year-on-year growth of the bubble chart).
 * Stored by business key: idempotent.
 */
export async function seedDemoPlanHistory(
  connection: mongoose.Connection,
  demo: DemoCompany,
  /** Tests that only read the last quarter review just that (each review is a pass over the deals). */
  quarters: readonly string[] = ['Q1', 'Q2', 'Q3', 'Q4'],
): Promise<number> {
  const activities = createPlanningActivities({ connection });
  const revenue2025 = demo.deals
    .filter((d) => d.status === 'won' && d.wonOn?.startsWith(String(LAST_YEAR - 1)))
    .reduce((sum, d) => sum + d.amountMinor, 0);
  await activities.decomposeTargets({
    cycleId: DEMO_LAST_CYCLE_ID,
    fiscalYear: LAST_YEAR,
    companyId: demo.companyId,
    companyTargetMinor: roundMinor(revenue2025 * LAST_YEAR_UPLIFT),
  });
  const reviews = [
    ...quarters.map((q) => ({ cycleId: DEMO_FIRST_CYCLE_ID, period: `${LAST_YEAR - 1}-${q}` })),
    ...quarters.map((q) => ({ cycleId: DEMO_LAST_CYCLE_ID, period: `${LAST_YEAR}-${q}` })),
  ];
  for (const review of reviews) await activities.reviewPerformance({ ...review, unitId: demo.companyId });
  return reviews.length;
}
