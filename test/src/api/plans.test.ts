import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repPlanId, type RepPlanView } from '@opscycle/domain';
import { auditModel, lockRepPlans } from '@opscycle/storage';
import { publishIncentivePlans } from '@opscycle/worker';
import { uniqueName } from '../support';
import { startHarness, UNITS, type Harness } from './harness';

/** No workflow runs under this id: the acknowledgment's signal finds no cycle, which the API tolerates. */
const CYCLE = `cycle-FY2027-${uniqueName('plans')}`;
const planOf = (personId: string) => repPlanId(CYCLE, personId);

describe('rep plans over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('api-plans');
    await publishIncentivePlans(h.db, {
      cycleId: CYCLE,
      fiscalYear: 2027,
      orgId: 'acme',
      orgUnitIds: UNITS.map((u) => u.id),
      incentivePlanId: 'plan-fy2027',
      incentiveRuleSet: { ruleSetId: 'incentive', version: 3 },
      currency: 'CNY',
      publishedBy: 'ops',
      at: '2027-01-05T09:00:00.000Z',
    });
  });
  afterAll(async () => h.close());

  const acknowledge = (login: 'rep' | 'managerEast', personId: string) =>
    h.call(login, { method: 'POST', url: `/api/plans/${planOf(personId)}/acknowledgment` });

  it('shows a rep their own plan with the pinned rule set, and nobody else’s', async () => {
    const own = await h.call('rep', { method: 'GET', url: `/api/plans/${planOf('rep-1')}` });
    expect(own.statusCode).toBe(200);
    expect(own.json<RepPlanView>()).toMatchObject({
      personId: 'rep-1',
      orgUnitId: 'east-1',
      incentiveRuleSet: { ruleSetId: 'incentive', version: 3 },
      acknowledgedAt: null,
      lockedAt: null,
    });
    expect((await h.call('rep', { method: 'GET', url: `/api/plans/${planOf('rep-2')}` })).statusCode).toBe(
      403,
    );
    // Managers read the plans of their own reps only.
    expect(
      (await h.call('managerEast', { method: 'GET', url: `/api/plans/${planOf('rep-1')}` })).statusCode,
    ).toBe(200);
    expect(
      (await h.call('managerWest', { method: 'GET', url: `/api/plans/${planOf('rep-1')}` })).statusCode,
    ).toBe(403);
    expect(
      (
        await h.call('rep', {
          method: 'GET',
          url: `/api/plans/${repPlanId(CYCLE.replace('FY2027', 'FY2026'), 'rep-1')}`,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('lets a rep acknowledge their own plan once (a repeat answers the same, one audit entry)', async () => {
    const first = await acknowledge('rep', 'rep-1');
    expect(first.statusCode).toBe(200);
    const acknowledgedAt = first.json<RepPlanView>().acknowledgedAt;
    expect(acknowledgedAt).not.toBeNull();
    const again = await acknowledge('rep', 'rep-1');
    expect(again.statusCode).toBe(200);
    expect(again.json<RepPlanView>().acknowledgedAt).toBe(acknowledgedAt);
    const entries = await auditModel(h.db)
      .find()
      .where({ action: 'plan.acknowledged', 'object.id': planOf('rep-1') })
      .lean<{ actor: { userId: string } }[]>();
    expect(entries.map((e) => e.actor.userId)).toEqual(['rep-1']);
  });

  it('refuses another rep’s plan, a manager acknowledging for a rep, and a locked plan', async () => {
    const other = await acknowledge('rep', 'rep-2');
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ code: 'AUTH_OUT_OF_SCOPE' });
    expect((await acknowledge('managerEast', 'rep-1')).statusCode).toBe(403);

    const rep2 = await h.addLogin({
      id: 'rep-2',
      name: 'Rep Two',
      email: 'rep-2@acme.test',
      role: 'rep',
      orgUnitId: 'west-1',
    });
    expect(await lockRepPlans(h.db, CYCLE, new Date())).toBe(2);
    const locked = await h.callWith(rep2, {
      method: 'POST',
      url: `/api/plans/${planOf('rep-2')}/acknowledgment`,
    });
    expect(locked.statusCode).toBe(409);
    expect(locked.json()).toMatchObject({ code: 'PLAN_ALREADY_LOCKED' });
    // The plan acknowledged before the lock still answers as acknowledged.
    expect((await acknowledge('rep', 'rep-1')).statusCode).toBe(200);
  });
});
