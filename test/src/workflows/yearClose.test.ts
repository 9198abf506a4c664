import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repPlanId, type QuotaAllocation } from '@opscycle/domain';
import {
  acknowledgeRepPlan,
  auditModel,
  claimExports,
  loadRepPlan,
  loadYearSummaries,
  saveQuotaAllocations,
  saveStatements,
  upsertDeals,
  upsertOrgUnits,
  upsertPeople,
} from '@opscycle/storage';
import { closeYear, publishIncentivePlans } from '@opscycle/worker';
import { aStatement } from '../api/builders';
import { aDeal } from '../api/deals';
import { connectTestDatabase } from '../support';
import { aSmallOrg } from './fixtures';

const org = aSmallOrg();
const CYCLE = 'cycle-FY2027-acme';
let db: mongoose.Connection;

const allocation = (unitId: string, parentId: string | null, amountMinor: number): QuotaAllocation => ({
  fiscalYear: 2027,
  unitId,
  unitKind: parentId === null ? 'company' : 'team',
  parentId,
  currency: 'CNY',
  amountMinor,
  monthlyMinor: Array<number>(12).fill(0),
  mix: [],
  historyMinor: 0,
  potential: 0,
  weight: 1,
});

beforeAll(async () => {
  db = await connectTestDatabase('year-close');
  await upsertOrgUnits(db, org.units);
  await upsertPeople(db, org.people);
  await saveQuotaAllocations(db, CYCLE, [
    allocation('acme', null, 3_000_00),
    allocation('east-1', 'east', 1_000_00),
    allocation('west-1', 'west', 2_000_00),
  ]);
  const won = (dealId: string, teamId: string, amountMinor: number, wonOn: string) =>
    aDeal({
      dealId,
      teamId,
      amountMinor,
      status: 'won',
      createdOn: '2026-06-01',
      proposalSubmittedOn: null,
      wonOn,
      invoicedMinor: amountMinor,
      stage: 'paymentFollowUp',
    });
  await upsertDeals(db, [
    won('d-1', 'east-1', 600_00, '2027-03-01'),
    won('d-2', 'east-1', 650_00, '2027-11-30'),
    won('d-3', 'west-1', 500_00, '2027-06-01'),
    won('d-old', 'west-1', 9_999_00, '2026-12-31'), // last year: not this year's actual
    aDeal({ dealId: 'd-open', teamId: 'west-1', amountMinor: 7_777_00 }), // open: no revenue
  ]);
  // Q1 paid to both reps and exported; rep-2's Q2 statement was computed but never exported.
  const statement = (runId: string, payeeId: string, amountMinor: number, period: string) => ({
    ...aStatement(runId, payeeId, amountMinor),
    planId: 'plan-fy2027',
    period,
  });
  await saveStatements(db, [
    statement('plan-fy2027-2027-Q1-r1', 'rep-1', 100_00, '2027-Q1'),
    statement('plan-fy2027-2027-Q1-r1', 'rep-2', 40_00, '2027-Q1'),
    statement('plan-fy2027-2027-Q2-r1', 'rep-2', 70_00, '2027-Q2'),
  ]);
  await claimExports(
    db,
    (
      [
        ['rep-1', 100_00],
        ['rep-2', 40_00],
      ] as const
    ).map(([payeeId, totalMinor]) => ({
      exportId: `plan-fy2027:2027-Q1:${payeeId}:r1`,
      runId: 'plan-fy2027-2027-Q1-r1',
      planId: 'plan-fy2027',
      period: '2027-Q1',
      revision: 1,
      payeeId,
      totalMinor,
      currency: 'CNY',
      csvFile: 'q1.csv',
    })),
  );
  await publishIncentivePlans(db, {
    cycleId: CYCLE,
    fiscalYear: 2027,
    orgId: 'acme',
    orgUnitIds: org.units.map((u) => u.id),
    incentivePlanId: 'plan-fy2027',
    incentiveRuleSet: { ruleSetId: 'incentive', version: 1 },
    currency: 'CNY',
    publishedBy: 'ops',
    at: '2027-01-05T00:00:00.000Z',
  });
});

afterAll(async () => {
  await db.dropDatabase();
  await db.close();
});

describe('closeYear', () => {
  const input = {
    cycleId: CYCLE,
    fiscalYear: 2027,
    orgId: 'acme',
    orgUnits: org.units,
    incentivePlanId: 'plan-fy2027',
    currency: 'CNY',
    closedBy: 'ops',
    at: '2027-12-31T18:00:00.000Z',
  };

  it('stores target vs actual and exported payouts per unit, rolled up the tree, and locks the plans', async () => {
    const result = await closeYear(db, input);
    expect(result.facts).toMatchObject({
      targetMinor: 3_000_00,
      actualMinor: 1_750_00,
      paidOutMinor: 140_00,
      attainment: 1_750_00 / 3_000_00,
    });
    const byUnit = Object.fromEntries((await loadYearSummaries(db, CYCLE)).map((s) => [s.unitId, s]));
    expect(byUnit['east-1']).toMatchObject({
      targetMinor: 1_000_00,
      actualMinor: 1_250_00,
      paidOutMinor: 100_00,
    });
    expect(byUnit['east-1']?.attainment).toBeCloseTo(1.25);
    expect(byUnit['west-1']).toMatchObject({ actualMinor: 500_00, paidOutMinor: 40_00, attainment: 0.25 });
    // A region without an allocation of its own still sums its teams; its attainment is unknown.
    expect(byUnit.east).toMatchObject({ targetMinor: 0, actualMinor: 1_250_00, attainment: null });

    const plan = await loadRepPlan(db, repPlanId(CYCLE, 'rep-1'));
    expect(plan?.lockedAt?.toISOString()).toBe(input.at);
    expect((await acknowledgeRepPlan(db, repPlanId(CYCLE, 'rep-1'), new Date())).kind).toBe('locked');
  });

  it('closes once: a retry stores the same summaries and one audit entry', async () => {
    await closeYear(db, input);
    expect(await loadYearSummaries(db, CYCLE)).toHaveLength(org.units.length);
    const entries = await auditModel(db).find().where({ action: 'cycle.yearClosed' }).lean();
    expect(entries).toHaveLength(1);
  });
});
