import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  StatementList,
  repPlanId,
  type MyAttainment,
  type MyEstimate,
  type MyPlan,
  type RuleGraph,
  type RuleSetVersion,
} from '@opscycle/domain';
import { aNode, anEdge, layOut } from '@opscycle/rules';
import {
  auditModel,
  dealModel,
  loadRepPlan,
  saveQuotaAllocations,
  saveStatements,
  upsertDeals,
} from '@opscycle/storage';
import { publishIncentivePlans } from '@opscycle/worker';
import { aStatement } from './builders';
import { aWonDeal } from './deals';
import { PEOPLE, startHarness, type Harness } from './harness';
import { publishRuleGraph } from './publish';

const PLAN = 'me-plan';
/** Hand-computable: 5% commission on credited revenue, 1,000.00 per new-customer deal. */
const plan: RuleGraph = {
  id: PLAN,
  version: 1,
  kind: 'incentive',
  name: 'Five percent plan',
  currency: 'CNY',
  effectiveFrom: '2027-01-01',
  effectiveTo: '2027-12-31',
  nodes: layOut([
    [aNode('start', 'start', {}), aNode('revenue', 'factInput', { fact: 'revenue' })],
    [
      aNode('commission', 'rateTimesBase', { component: 'Commission', rate: 0.05 }),
      aNode('new-logo', 'spif', {
        component: 'New-logo SPIF',
        window: { from: '2027-01-01', to: '2027-12-31' },
        newCustomersOnly: true,
        amountMinorPerDeal: 1_000_00,
      }),
    ],
  ]),
  edges: [anEdge('revenue', 'commission'), anEdge('start', 'new-logo')],
};

/** 200,000.00 a month for rep-1: 600,000.00 a quarter. */
const MONTHLY_QUOTA = 200_000_00;

/** rep-1's customers in these deals are existing ones: only the estimated deal earns the SPIF. */
const won = (dealId: string, repId: string, teamId: string, amountMinor: number, wonOn: string) =>
  aWonDeal(dealId, repId, teamId, amountMinor, wonOn, { isNewCustomer: false });

const estimate = {
  amountMinor: 100_000_00,
  productLine: 'core',
  newCustomer: true,
  closedOn: '2027-02-20',
};

describe('a rep’s own plan and pay over HTTP (/api/me)', () => {
  let h: Harness;
  let published: RuleSetVersion;
  let rep2: string;

  beforeAll(async () => {
    h = await startHarness('api-me');
    ({ published } = await publishRuleGraph(h, plan));
    await saveQuotaAllocations(
      h.db,
      'cycle-FY2027-acme',
      ['rep-1', 'rep-2'].map((unitId) => ({
        fiscalYear: 2027,
        unitId,
        unitKind: 'rep' as const,
        parentId: unitId === 'rep-1' ? 'east-1' : 'west-1',
        currency: 'CNY',
        amountMinor: 12 * MONTHLY_QUOTA,
        monthlyMinor: Array.from({ length: 12 }, () => MONTHLY_QUOTA),
        mix: [],
        historyMinor: 0,
        potential: 1,
        weight: 1,
      })),
    );
    await upsertDeals(h.db, [
      won('q1-a', 'rep-1', 'east-1', 100_000_00, '2027-01-20'),
      won('q1-b', 'rep-1', 'east-1', 50_000_00, '2027-02-10'),
      // After asOf: not yet in, so pace is measured without it; rep-2's are never rep-1's.
      won('q2-a', 'rep-1', 'east-1', 80_000_00, '2027-04-03'),
      won('q1-other', 'rep-2', 'west-1', 500_000_00, '2027-01-25'),
    ]);
    await saveStatements(h.db, [aStatement('run-me-1', 'rep-1', 7_500_00), aStatement('run-me-1', 'rep-2')]);
    rep2 = await h.addLogin(PEOPLE.find((p) => p.id === 'rep-2')!);
  });
  afterAll(async () => h.close());

  it('shows the rep the published version that pays them, with their quota per quarter', async () => {
    const response = await h.call('rep', { method: 'GET', url: '/api/me/plan?asOf=2027-02-14' });
    expect(response.statusCode, response.body).toBe(200);
    const mine = response.json<MyPlan>();
    expect(mine.plan).toMatchObject({
      ruleSetId: PLAN,
      version: 1,
      name: 'Five percent plan',
      effectiveFrom: '2027-01-01',
      effectiveTo: '2027-12-31',
      currency: 'CNY',
    });
    expect(mine.plan.checksum).toBe(published.checksum);
    expect(mine.source).toEqual({ kind: 'published' });
    expect(mine.personId).toBe('rep-1');
    expect(mine.quotas.map((q) => [q.period, q.quotaMinor])).toEqual([
      ['2027-Q1', 600_000_00],
      ['2027-Q2', 600_000_00],
      ['2027-Q3', 600_000_00],
      ['2027-Q4', 600_000_00],
    ]);
    expect(mine.annualQuotaMinor).toBe(2_400_000_00);
    expect(mine.acknowledgedAt).toBeNull();
    // No plan is in force in 2030.
    const none = await h.call('rep', { method: 'GET', url: '/api/me/plan?asOf=2030-01-01' });
    expect(none.statusCode).toBe(404);
    expect(none.json()).toMatchObject({ code: 'MY_PLAN_NOT_FOUND' });
  });

  it('computes attainment and pace per quarter from the rep’s own deals only', async () => {
    const response = await h.call('rep', { method: 'GET', url: '/api/me/attainment?asOf=2027-02-14' });
    expect(response.statusCode, response.body).toBe(200);
    const { periods, personId, productLines } = response.json<MyAttainment>();
    expect(personId).toBe('rep-1');
    expect(productLines).toEqual(['core']);
    const [q1, q2] = periods;
    // Q1 2027 has 90 days; 2027-02-14 is its 45th: half the quarter, 300,000.00 expected by then.
    expect(q1).toMatchObject({
      period: '2027-Q1',
      phase: 'current',
      quotaMinor: 600_000_00,
      actualMinor: 150_000_00,
      attainment: 0.25,
      elapsed: 0.5,
      expectedToDateMinor: 300_000_00,
      pace: 0.5,
    });
    // Q2 has not started: nothing expected yet, so no pace; its deal is credited to Q2 all the same.
    expect(q2).toMatchObject({ phase: 'upcoming', elapsed: 0, expectedToDateMinor: 0, pace: null });
    expect(q2!.actualMinor).toBe(80_000_00);
    const closed = await h.call('rep', { method: 'GET', url: '/api/me/attainment?asOf=2027-12-31' });
    expect(closed.json<MyAttainment>().periods[0]).toMatchObject({ phase: 'closed', elapsed: 1, pace: 0.25 });
  });

  it('lists the rep’s own statements with every line’s explanation, nobody else’s', async () => {
    const response = await h.call('rep', { method: 'GET', url: '/api/me/statements' });
    expect(response.statusCode, response.body).toBe(200);
    const { statements } = StatementList.parse(response.json());
    expect(statements.map((s) => [s.payeeId, s.totalMinor])).toEqual([['rep-1', 7_500_00]]);
    expect(statements[0]!.lines[0]!.explanation.length).toBeGreaterThan(0);
    const theirs = await h.callWith(rep2, { method: 'GET', url: '/api/me/statements' });
    expect(StatementList.parse(theirs.json()).statements.map((s) => s.payeeId)).toEqual(['rep-2']);
    // Another rep's statements stay unreachable through the person route; a manager reads them in scope.
    expect((await h.call('rep', { method: 'GET', url: '/api/people/rep-2/statements' })).statusCode).toBe(
      403,
    );
    expect(
      (await h.call('managerEast', { method: 'GET', url: '/api/people/rep-1/statements' })).statusCode,
    ).toBe(200);
    // /api/me is the caller's own: a manager is no rep there.
    const manager = await h.call('managerEast', { method: 'GET', url: '/api/me/statements' });
    expect(manager.statusCode).toBe(403);
    expect(manager.json()).toMatchObject({ code: 'AUTH_FORBIDDEN_ROLE' });
  });

  it('estimates a deal on the rep’s own facts: 5% of 100,000.00 plus the new-logo SPIF', async () => {
    const dealsBefore = await dealModel(h.db).countDocuments();
    // A personId in the body is no way into another rep's facts: it is not part of the request.
    const response = await h.call('rep', {
      method: 'POST',
      url: '/api/me/estimate',
      payload: { ...estimate, personId: 'rep-2' },
    });
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json<MyEstimate>();
    expect(result).toMatchObject({
      period: '2027-Q1',
      plan: { ruleSetId: PLAN, version: 1 },
      currency: 'CNY',
    });
    const commission = result.lines.find((l) => l.component === 'Commission')!;
    // Without: 5% of Q1's 150,000.00 = 7,500.00; with: 5% of 250,000.00 = 12,500.00.
    expect(commission).toMatchObject({ withoutMinor: 7_500_00, withMinor: 12_500_00, deltaMinor: 5_000_00 });
    const spif = result.lines.filter((l) => l.component === 'New-logo SPIF');
    expect(spif.map((l) => l.deltaMinor)).toEqual([1_000_00]);
    expect(result.deltaMinor).toBe(6_000_00);
    expect(result.withMinor - result.withoutMinor).toBe(6_000_00);
    // Nothing stored.
    expect(await dealModel(h.db).countDocuments()).toBe(dealsBefore);

    // rep-2's estimate runs on rep-2's facts: 5% of 500,000.00 before the deal.
    const theirs = await h.callWith(rep2, {
      method: 'POST',
      url: '/api/me/estimate',
      payload: { ...estimate, newCustomer: false },
    });
    const theirCommission = theirs.json<MyEstimate>().lines.find((l) => l.component === 'Commission')!;
    expect(theirCommission).toMatchObject({ withoutMinor: 25_000_00, withMinor: 30_000_00 });
  });

  it('refuses an estimate with bad input or outside any plan, naming what is wrong', async () => {
    const negative = await h.call('rep', {
      method: 'POST',
      url: '/api/me/estimate',
      payload: { ...estimate, amountMinor: -5 },
    });
    expect(negative.statusCode).toBe(400);
    expect(negative.json()).toMatchObject({ code: 'REQUEST_VALIDATION' });
    expect(negative.body).toContain('amountMinor');
    const outside = await h.call('rep', {
      method: 'POST',
      url: '/api/me/estimate',
      payload: { ...estimate, closedOn: '2030-03-01' },
    });
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).toMatchObject({ code: 'MY_PLAN_NOT_FOUND' });
  });

  it('records the acknowledgment once per plan version, audited, and shows its date', async () => {
    const acknowledge = () =>
      h.call('rep', {
        method: 'POST',
        url: '/api/me/plan/acknowledgment',
        payload: { ruleSetId: PLAN, version: 1 },
      });
    const first = await acknowledge();
    expect(first.statusCode, first.body).toBe(200);
    const { acknowledgedAt } = first.json<Pick<MyPlan, 'acknowledgedAt'>>();
    expect(acknowledgedAt).not.toBeNull();
    const again = await acknowledge();
    expect(again.json<Pick<MyPlan, 'acknowledgedAt'>>().acknowledgedAt).toBe(acknowledgedAt);
    const shown = await h.call('rep', { method: 'GET', url: '/api/me/plan?asOf=2027-02-14' });
    expect(shown.json<MyPlan>().acknowledgedAt).toBe(acknowledgedAt);
    const entries = await auditModel(h.db)
      .find()
      .where({ action: 'plan.acknowledged', 'object.id': `${PLAN}@1` })
      .lean<{ actor: { userId: string }; details: { personId: string } }[]>();
    expect(entries.map((e) => [e.actor.userId, e.details.personId])).toEqual([['rep-1', 'rep-1']]);
    // rep-2 has not acknowledged: one rep's acknowledgment is not another's.
    const theirs = await h.callWith(rep2, { method: 'GET', url: '/api/me/plan?asOf=2027-02-14' });
    expect(theirs.json<MyPlan>().acknowledgedAt).toBeNull();
    // A version that does not pay the rep cannot be acknowledged.
    const wrong = await h.call('rep', {
      method: 'POST',
      url: '/api/me/plan/acknowledgment',
      payload: { ruleSetId: PLAN, version: 7 },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'MY_PLAN_NOT_PAYING' });
  });

  it('acknowledges a plan a cycle pinned to the rep through that rep plan, as /api/plans does', async () => {
    const cycleId = 'cycle-FY2027-me';
    await publishIncentivePlans(h.db, {
      cycleId,
      fiscalYear: 2027,
      orgId: 'acme',
      orgUnitIds: ['west-1'],
      incentivePlanId: 'payout-plan-fy2027',
      incentiveRuleSet: { ruleSetId: PLAN, version: 1 },
      currency: 'CNY',
      publishedBy: 'ops',
      at: '2027-01-05T09:00:00.000Z',
    });
    const before = await h.callWith(rep2, { method: 'GET', url: '/api/me/plan?asOf=2027-02-14' });
    expect(before.json<MyPlan>()).toMatchObject({
      source: { kind: 'cycle', repPlanId: repPlanId(cycleId, 'rep-2') },
      acknowledgedAt: null,
    });
    const acknowledged = await h.callWith(rep2, {
      method: 'POST',
      url: '/api/me/plan/acknowledgment',
      payload: { ruleSetId: PLAN, version: 1 },
    });
    expect(acknowledged.statusCode, acknowledged.body).toBe(200);
    const stored = await loadRepPlan(h.db, repPlanId(cycleId, 'rep-2'));
    expect(stored?.acknowledgedAt?.toISOString()).toBe(
      acknowledged.json<Pick<MyPlan, 'acknowledgedAt'>>().acknowledgedAt,
    );
    const entries = await auditModel(h.db)
      .find()
      .where({ action: 'plan.acknowledged', 'object.id': repPlanId(cycleId, 'rep-2') })
      .lean<{ actor: { userId: string } }[]>();
    expect(entries.map((e) => e.actor.userId)).toEqual(['rep-2']);
  });
});
