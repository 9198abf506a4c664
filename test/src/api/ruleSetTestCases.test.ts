import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleGraph, RuleGraphValidation, RuleSetVersion, RuleTestCase } from '@opscycle/domain';
import { aNode, anEdge } from '@opscycle/rules';
import { startHarness, type Harness } from './harness';

/*
 * A 5% commission on revenue. The case: rep-1 wins one deal of 120,000.00 (12,000,000 fen) in
 * March: 5% x 12,000,000 = 600,000 fen (6,000.00), the line and the total.
 */
const id = 'tested-commission';
const commissionCase = (amountMinor: number): RuleTestCase => ({
  id: 'one-deal',
  name: 'One deal of 120,000.00',
  input: {
    period: { id: '2027-03', from: '2027-03-01', to: '2027-03-31' },
    payees: [{ payeeId: 'rep-1', quotaMinor: 10_000_000, targetIncentiveMinor: 0 }],
    dealLines: [
      {
        dealId: 'd-1',
        amountMinor: 12_000_000,
        currency: 'CNY',
        productLine: 'cloud',
        customerId: 'c-1',
        newCustomer: false,
        closedOn: '2027-03-10',
        status: 'won',
        credits: [{ payeeId: 'rep-1', share: 1 }],
      },
    ],
  },
  expected: {
    kind: 'incentive',
    lines: [{ payeeId: 'rep-1', componentId: 'commission', amountMinor }],
    totalMinor: amountMinor,
  },
});
const plan = (testCase: RuleTestCase): RuleGraph => ({
  id,
  version: 1,
  kind: 'incentive',
  name: 'Tested commission',
  currency: 'CNY',
  effectiveFrom: '2027-01-01',
  effectiveTo: null,
  nodes: [
    aNode('start', 'start', {}),
    aNode('revenue', 'factInput', { fact: 'revenue' }),
    aNode('commission', 'rateTimesBase', { component: 'Commission', rate: 0.05 }),
  ],
  edges: [anEdge('start', 'commission'), anEdge('revenue', 'commission')],
  testCases: [testCase],
});

describe('rule-set test cases through the API', () => {
  let h: Harness;
  const ops = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    h.call('ops', { method, url, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    h = await startHarness('api-rule-set-test-cases');
  });
  afterAll(async () => h.close());

  it('refuses to publish while a case fails, naming it; the published version lists its results', async () => {
    // 590,000 fen expected where the plan pays 600,000: the draft saves, but does not publish.
    const created = await ops('POST', '/api/rule-sets', {
      kind: 'incentive',
      name: 'Tested commission',
      graph: plan(commissionCase(590_000)),
    });
    expect(created.statusCode).toBe(201);
    expect(created.json<RuleGraph>().testCases?.map((c) => c.id)).toEqual(['one-deal']);

    const validation = (
      await ops('POST', '/api/rule-sets/validate', plan(commissionCase(590_000)))
    ).json<RuleGraphValidation>();
    expect(validation.ok).toBe(false);
    expect(validation.errors).toEqual([
      {
        code: 'RULE_TEST_CASE_FAILED',
        testCaseId: 'one-deal',
        message:
          'test case "One deal of 120,000.00" (one-deal) fails: line rep-1 commission expected 5,900.00 CNY, got 6,000.00 CNY; total expected 5,900.00 CNY, got 6,000.00 CNY',
      },
    ]);
    expect(validation.testResults?.[0]?.differences).toEqual([
      {
        what: 'line',
        payeeId: 'rep-1',
        componentId: 'commission',
        expectedMinor: 590_000,
        actualMinor: 600_000,
      },
      { what: 'total', expectedMinor: 590_000, actualMinor: 600_000 },
    ]);

    const refused = await ops('POST', `/api/rule-sets/${id}/publish`, { draftVersion: 1 });
    expect(refused.statusCode).toBe(400);
    const body = refused.json<{
      code: string;
      message: string;
      details: { errors: { testCaseId: string }[] };
    }>();
    expect(body.code).toBe('RULES_TEST_CASE_FAILED');
    expect(body.message).toContain('test case "One deal of 120,000.00" (one-deal) fails');
    expect(body.details.errors.map((e) => e.testCaseId)).toEqual(['one-deal']);
    expect((await ops('GET', `/api/rule-sets/${id}/versions`)).json()).toEqual({ versions: [] });

    // The expected amount corrected: it publishes, and the version carries the case and its result.
    const saved = await ops('PUT', `/api/rule-sets/${id}/draft`, plan(commissionCase(600_000)));
    expect(saved.statusCode).toBe(200);
    const published = await ops('POST', `/api/rule-sets/${id}/publish`, { draftVersion: 2 });
    expect(published.statusCode).toBe(201);
    const version = published.json<RuleSetVersion>();
    expect(version.graph.testCases).toEqual([commissionCase(600_000)]);
    expect(version.testResults).toEqual([
      {
        caseId: 'one-deal',
        name: 'One deal of 120,000.00',
        passed: true,
        differences: [],
        actual: commissionCase(600_000).expected,
      },
    ]);
    const listed = (await ops('GET', `/api/rule-sets/${id}/versions`)).json<{
      versions: { version: number; testResults: { caseId: string; passed: boolean }[] }[];
    }>();
    expect(listed.versions.map((v) => [v.version, v.testResults.map((r) => [r.caseId, r.passed])])).toEqual([
      [1, [['one-deal', true]]],
    ]);
  });

  it('lets only ops admins edit cases: a manager, finance or a rep cannot save or validate them', async () => {
    const draft = (await ops('GET', `/api/rule-sets/${id}/draft`)).json<RuleGraph>();
    const edited = { ...draft, testCases: [commissionCase(1)] };
    for (const login of ['managerEast', 'finance', 'rep'] as const) {
      const save = await h.call(login, { method: 'PUT', url: `/api/rule-sets/${id}/draft`, payload: edited });
      expect(save.statusCode, login).toBe(403);
      const validate = await h.call(login, {
        method: 'POST',
        url: '/api/rule-sets/validate',
        payload: edited,
      });
      expect(validate.statusCode, login).toBe(403);
    }
    const after = (await ops('GET', `/api/rule-sets/${id}/draft`)).json<RuleGraph>();
    expect(after.version).toBe(draft.version);
    expect(after.testCases).toEqual([commissionCase(600_000)]);
  });
});
