import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNNEL_FAILING_LIMIT, type Deal, type FunnelReport } from '@opscycle/domain';
import { demoFunnelStages } from '@opscycle/rules';
import { ruleSetVersionModel, upsertDeals } from '@opscycle/storage';
import { aDeal } from './deals';
import { startHarness, type Harness } from './harness';

/*
 * The demo criteria: leadScreening amount >= 1,000,000; needsResearch need identified and decision
 * maker met; proposal budget confirmed and proposal submitted; negotiation proposal accepted and
 * discount <= 20; paymentFollowUp signed (won) and invoiced > 0.
 */
const qualified: Partial<Deal> = {
  amountMinor: 2_000_000,
  needIdentified: true,
  decisionMakerMet: true,
  budgetConfirmed: true,
  proposalSubmittedOn: '2027-02-10',
  proposalAccepted: false,
  discountPct: 5,
};
const won: Partial<Deal> = {
  ...qualified,
  proposalAccepted: true,
  stage: 'paymentFollowUp',
  status: 'won',
  wonOn: '2027-03-01',
  invoicedMinor: 2_000_000,
  collectedMinor: 500_000,
  collectedOn: '2027-03-15',
};
const DEALS: Deal[] = [
  aDeal({ dealId: 'f-a', amountMinor: 500_000 }),
  aDeal({ dealId: 'f-b', ...qualified, decisionMakerMet: false }),
  aDeal({ dealId: 'f-c', ...qualified }),
  aDeal({ dealId: 'f-d', ...qualified, proposalAccepted: true, discountPct: 25 }),
  aDeal({ dealId: 'f-e', ...won }),
  // Another region, and the same team before the range: neither counts for east in Q1.
  aDeal({ dealId: 'f-west', ...won, repId: 'rep-2', teamId: 'west-1' }),
  aDeal({ dealId: 'f-old', ...won, createdOn: '2026-12-15', wonOn: '2027-01-05' }),
];
const Q1 = 'from=2027-01-01&to=2027-03-31';

describe('GET /api/funnel/:ruleSetId', () => {
  let h: Harness;
  const report = async (login: 'ops' | 'managerEast', query: string) =>
    h.call(login, { method: 'GET', url: `/api/funnel/${demoFunnelStages.id}?${query}` });

  beforeAll(async () => {
    h = await startHarness('api-funnel');
    await h.call('ops', {
      method: 'POST',
      url: '/api/rule-sets',
      payload: { kind: 'funnelStage', name: 'Funnel', graph: demoFunnelStages },
    });
    const published = await h.call('ops', {
      method: 'POST',
      url: `/api/rule-sets/${demoFunnelStages.id}/publish`,
      payload: { draftVersion: 1 },
    });
    expect(published.statusCode, published.body).toBe(201);
    await upsertDeals(h.db, DEALS);
  });
  afterAll(async () => h.close());

  it('counts the deals reaching each stage, the conversion and who fails what, hand-checked', async () => {
    const response = await report('managerEast', `orgUnitId=east&${Q1}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<FunnelReport>();
    expect(body).toMatchObject({
      ruleSetId: demoFunnelStages.id,
      version: 1,
      orgUnitId: 'east',
      totalDeals: 5,
    });
    expect(
      body.stages.map(({ stage, deals, conversion, failingDeals }) => [
        stage,
        deals,
        conversion,
        failingDeals,
      ]),
    ).toEqual([
      ['leadScreening', 4, 0.8, 1],
      ['needsResearch', 3, 0.75, 1],
      ['proposal', 3, 1, 0],
      ['negotiation', 1, 1 / 3, 2],
      ['paymentFollowUp', 1, 1, 0],
    ]);
    expect(body.failing.map((f) => [f.dealId, f.stage, f.failing.map((c) => c.nodeId)])).toEqual([
      ['f-a', 'leadScreening', ['worth-pursuing']],
      ['f-b', 'needsResearch', ['decision-maker']],
      ['f-c', 'negotiation', ['proposal-accepted']],
      ['f-d', 'negotiation', ['discount-in-policy']],
    ]);
    expect(body.failing[3]?.failing[0]).toMatchObject({ fact: 'discountPct', factValue: 25, result: false });
  });

  it('takes the whole subtree of the unit and only deals created in the range', async () => {
    const company = (await report('ops', `orgUnitId=acme&${Q1}`)).json<FunnelReport>();
    expect(company.totalDeals).toBe(6);
    expect(company.stages.at(-1)).toMatchObject({ stage: 'paymentFollowUp', deals: 2 });
    const withDecember = (
      await report('ops', 'orgUnitId=east-1&from=2026-12-01&to=2027-03-31')
    ).json<FunnelReport>();
    expect(withDecember.totalDeals).toBe(6);
    const empty = (await report('ops', 'orgUnitId=west&from=2027-06-01&to=2027-06-30')).json<FunnelReport>();
    expect(empty.totalDeals).toBe(0);
    expect(empty.stages.map((s) => [s.deals, s.conversion])).toEqual(Array(5).fill([0, null]));
  });

  it('caps the failing deals listed per stage but counts them all', async () => {
    const many = Array.from({ length: FUNNEL_FAILING_LIMIT + 3 }, (_, i) =>
      aDeal({
        dealId: `f-small-${String(i).padStart(3, '0')}`,
        teamId: 'west-1',
        repId: 'rep-2',
        createdOn: '2027-05-02',
        amountMinor: 100,
      }),
    );
    await upsertDeals(h.db, many);
    const body = (await report('ops', 'orgUnitId=west-1&from=2027-05-01&to=2027-05-31')).json<FunnelReport>();
    expect(body.stages[0]).toMatchObject({ deals: 0, conversion: 0, failingDeals: FUNNEL_FAILING_LIMIT + 3 });
    expect(body.failing).toHaveLength(FUNNEL_FAILING_LIMIT);
    expect(body.failing[0]?.dealId).toBe('f-small-000');
  });

  it('is documented in the OpenAPI document with its query', async () => {
    const doc = (await h.call(null, { method: 'GET', url: '/docs/json' })).json<{
      paths: Record<string, { get?: { parameters?: { name: string }[] } }>;
    }>();
    const names = doc.paths['/api/funnel/{ruleSetId}']?.get?.parameters?.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['ruleSetId', 'orgUnitId', 'from', 'to']));
  });

  it('refuses a manager outside their region, a reversed period, and a rule set of another kind', async () => {
    const outside = await report('managerEast', `orgUnitId=west&${Q1}`);
    expect(outside.statusCode).toBe(403);
    expect(outside.json()).toMatchObject({ code: 'AUTH_OUT_OF_SCOPE' });
    const reversed = await report('ops', 'orgUnitId=east&from=2027-03-31&to=2027-01-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json()).toMatchObject({ code: 'FUNNEL_INVALID_PERIOD' });
    const missingUnit = await report('ops', Q1);
    expect(missingUnit.statusCode).toBe(400);
    expect(missingUnit.body).toContain('orgUnitId');
    const unpublished = await h.call('ops', {
      method: 'GET',
      url: `/api/funnel/nothing-here?orgUnitId=east&${Q1}`,
    });
    expect(unpublished.json()).toMatchObject({ code: 'RULE_SET_NOT_PUBLISHED' });
  });

  it('refuses to run a published version whose stored rules were changed behind its checksum', async () => {
    const graph = { ...demoFunnelStages, id: 'funnel-tampered' };
    await h.call('ops', {
      method: 'POST',
      url: '/api/rule-sets',
      payload: { kind: 'funnelStage', name: 'T', graph },
    });
    await h.call('ops', {
      method: 'POST',
      url: '/api/rule-sets/funnel-tampered/publish',
      payload: { draftVersion: 1 },
    });
    const stored = await ruleSetVersionModel(h.db).findById('funnel-tampered@1').lean();
    await ruleSetVersionModel(h.db).updateOne(
      { _id: 'funnel-tampered@1' },
      { json: stored!.json.replace('1000000', '1') },
    );
    const response = await h.call('ops', {
      method: 'GET',
      url: `/api/funnel/funnel-tampered?orgUnitId=east&${Q1}`,
    });
    expect(response.json()).toMatchObject({ code: 'RULES_TAMPERED_RULE_SET' });
  });
});
