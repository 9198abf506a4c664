import { describe, expect, it } from 'vitest';
import { expectationOf } from '@opscycle/domain';
import type { RuleGraph, RuleTestCase } from '@opscycle/domain';
import {
  demoCustomerSegments,
  demoFunnelStages,
  publishRuleSetVersion,
  ruleGraphChecksum,
  simulate,
  validateRuleGraph,
} from '..';
import { aRoutingGraph, anIncentiveGraph } from '../testing/builders';
import { aKeyAccount, aProposalDeal } from '../testing/decisionFacts';

/*
 * The plan under test pays marginal tiers on revenue, gated at 50% attainment: 5% up to
 * 1,000,000 minor units (10,000.00), 10% above. One deal of 1,500,000 against a quota of
 * 1,000,000 (150%): 5% x 1,000,000 + 10% x 500,000 = 50,000 + 50,000 = 100,000 minor (1,000.00).
 */
const period = { id: '2027-03', from: '2027-03-01', to: '2027-03-31' };
const oneDeal = {
  period,
  payees: [{ payeeId: 'rep-1', quotaMinor: 1_000_000, targetIncentiveMinor: 0 }],
  dealLines: [
    {
      dealId: 'd-1',
      amountMinor: 1_500_000,
      currency: 'CNY',
      productLine: 'cloud',
      customerId: 'c-1',
      newCustomer: false,
      closedOn: '2027-03-10',
      status: 'won',
      credits: [{ payeeId: 'rep-1', share: 1 }],
    },
  ],
};
const commissionCase = (lineMinor: number, totalMinor: number): RuleTestCase => ({
  id: 'one-big-deal',
  name: 'One deal at 150%',
  input: oneDeal,
  expected: {
    kind: 'incentive',
    lines: [{ payeeId: 'rep-1', componentId: 'commission', amountMinor: lineMinor }],
    totalMinor,
  },
});
const plan = (...testCases: RuleTestCase[]) => anIncentiveGraph({ testCases });

const request = { amount: 200_000, unitId: 'east', unitKind: 'region', requesterRole: 'rep' };
const routingCase = (approvers: object[]): RuleTestCase => ({
  id: 'big-request',
  name: 'A request over 1,000.00',
  input: request,
  expected: { kind: 'approvalRouting', approvers },
});

const publish = (graph: RuleGraph) =>
  publishRuleSetVersion({
    graph,
    version: 1,
    publishedBy: 'ops-1',
    publishedAt: new Date('2027-01-02T09:00:00Z'),
  });

describe('test cases on validation', () => {
  it('passes a case whose lines and total are what the plan pays', () => {
    const validation = validateRuleGraph(plan(commissionCase(100_000, 100_000)));
    expect(validation.errors).toEqual([]);
    expect(validation.ok).toBe(true);
    expect(validation.testResults).toEqual([
      {
        caseId: 'one-big-deal',
        name: 'One deal at 150%',
        passed: true,
        differences: [],
        actual: {
          kind: 'incentive',
          lines: [{ payeeId: 'rep-1', componentId: 'commission', amountMinor: 100_000 }],
          totalMinor: 100_000,
        },
      },
    ]);
  });

  it('fails a case expecting another line amount, naming the case and the line expected vs actual', () => {
    const validation = validateRuleGraph(plan(commissionCase(90_000, 100_000)));
    expect(validation.ok).toBe(false);
    expect(validation.errors).toEqual([
      {
        code: 'RULE_TEST_CASE_FAILED',
        testCaseId: 'one-big-deal',
        message:
          'test case "One deal at 150%" (one-big-deal) fails: line rep-1 commission expected 900.00 CNY, got 1,000.00 CNY',
      },
    ]);
    expect(validation.testResults?.[0]?.differences).toEqual([
      {
        what: 'line',
        payeeId: 'rep-1',
        componentId: 'commission',
        expectedMinor: 90_000,
        actualMinor: 100_000,
      },
    ]);
  });

  it('fails a case expecting another total', () => {
    const validation = validateRuleGraph(plan(commissionCase(100_000, 100_001)));
    expect(validation.errors.map((e) => e.code)).toEqual(['RULE_TEST_CASE_FAILED']);
    expect(validation.errors[0]?.message).toContain('total expected 1,000.01 CNY, got 1,000.00 CNY');
    expect(validation.testResults?.[0]?.differences).toEqual([
      { what: 'total', expectedMinor: 100_001, actualMinor: 100_000 },
    ]);
  });

  it('counts a line the case does not list as expected to pay 0', () => {
    const noLines: RuleTestCase = {
      ...commissionCase(0, 100_000),
      expected: { kind: 'incentive', lines: [], totalMinor: 100_000 },
    };
    expect(validateRuleGraph(plan(noLines)).testResults?.[0]?.differences).toEqual([
      { what: 'line', payeeId: 'rep-1', componentId: 'commission', expectedMinor: 0, actualMinor: 100_000 },
    ]);
  });

  it('fails a routing case expecting other approvers, and passes whatever the steps are labelled', () => {
    const failing = validateRuleGraph(aRoutingGraph({ testCases: [routingCase([{ role: 'manager' }])] }));
    expect(failing.errors).toEqual([
      {
        code: 'RULE_TEST_CASE_FAILED',
        testCaseId: 'big-request',
        message:
          'test case "A request over 1,000.00" (big-request) fails: approvers expected manager, got finance',
      },
    ]);
    expect(failing.testResults?.[0]?.differences).toEqual([
      { what: 'approvers', expected: [{ role: 'manager' }], actual: [{ role: 'finance' }] },
    ]);
    const labelled = routingCase([{ role: 'finance', label: 'Finance review' }]);
    expect(validateRuleGraph(aRoutingGraph({ testCases: [labelled] })).ok).toBe(true);
    // Below the threshold nobody beyond the requester approves.
    const small = { ...routingCase([]), input: { ...request, amount: 50_000 } };
    expect(validateRuleGraph(aRoutingGraph({ testCases: [small] })).ok).toBe(true);
  });

  it('reports a case whose input is refused as invalid, naming the case and the input problem', () => {
    const noPeriod = { ...commissionCase(100_000, 100_000), input: { payees: oneDeal.payees } };
    const incentive = validateRuleGraph(plan(noPeriod));
    expect(incentive.errors).toEqual([
      expect.objectContaining({ code: 'RULE_TEST_CASE_INVALID', testCaseId: 'one-big-deal' }),
    ]);
    expect(incentive.errors[0]?.message).toMatch(
      /^test case "One deal at 150%" \(one-big-deal\): its input is refused: .*period/,
    );
    expect(incentive.testResults?.[0]).toMatchObject({ passed: false, actual: null });

    const noUnit = { ...routingCase([{ role: 'finance' }]), input: { amount: 200_000 } };
    const routing = validateRuleGraph(aRoutingGraph({ testCases: [noUnit] }));
    expect(routing.errors).toEqual([
      expect.objectContaining({ code: 'RULE_TEST_CASE_INVALID', testCaseId: 'big-request' }),
    ]);
    expect(routing.errors[0]?.message).toContain('unitId');
  });

  it("refuses a case expecting another kind's result, a second case with the same id, and a line listed twice", () => {
    const wrongKind = { ...routingCase([]), id: 'wrong-kind' };
    const line = { payeeId: 'rep-1', componentId: 'commission', amountMinor: 100_000 };
    const twice: RuleTestCase = {
      ...commissionCase(0, 0),
      id: 'twice',
      expected: { kind: 'incentive', lines: [line, line], totalMinor: 200_000 },
    };
    const graph = plan(commissionCase(100_000, 100_000), commissionCase(100_000, 100_000), wrongKind, twice);
    expect(
      validateRuleGraph(graph).errors.map((e) => [e.code, e.testCaseId, e.message.split(': ')[1]]),
    ).toEqual([
      ['RULE_TEST_CASE_INVALID', 'one-big-deal', 'another test case has this id'],
      ['RULE_TEST_CASE_INVALID', 'wrong-kind', 'it expects a approvalRouting result of a incentive rule set'],
      ['RULE_TEST_CASE_INVALID', 'twice', 'it expects the same payout line twice'],
    ]);
  });

  it('checks funnel stages and customer segments by stage and by segment per dimension', () => {
    const deal = aProposalDeal();
    const funnel = validateRuleGraph({
      ...demoFunnelStages,
      testCases: [
        { id: 'f', name: 'proposal', input: deal, expected: { kind: 'funnelStage', stage: 'negotiation' } },
      ],
    });
    expect(funnel.testResults?.[0]?.differences).toEqual([
      { what: 'stage', expected: 'negotiation', actual: 'proposal' },
    ]);
    const customer = aKeyAccount();
    const expected = { kind: 'customerSegment' as const, segments: { size: 'keyAccount', value: 'vip' } };
    const segments = validateRuleGraph({
      ...demoCustomerSegments,
      testCases: [{ id: 's', name: 'key account', input: customer, expected }],
    });
    expect(segments.testResults?.[0]?.differences).toEqual([
      { what: 'segment', dimension: 'value', expected: 'vip', actual: 'normal' },
      { what: 'segment', dimension: 'stage', expected: null, actual: 'atRisk' },
    ]);
  });

  it('produces what the simulator (json-rules-engine) answers for the same input', async () => {
    const graph = plan(commissionCase(0, 0));
    const simulated = expectationOf(await simulate(graph, oneDeal));
    expect(validateRuleGraph(graph).testResults?.[0]?.actual).toEqual(simulated);
    const routing = aRoutingGraph({ testCases: [routingCase([])] });
    expect(validateRuleGraph(routing).testResults?.[0]?.actual).toEqual(
      expectationOf(await simulate(routing, request)),
    );
  });

  it('still simulates a draft whose case fails, so its author can see why', async () => {
    const simulated = await simulate(plan(commissionCase(1, 1)), oneDeal);
    expect(simulated.kind === 'incentive' && simulated.result.totalMinor).toBe(100_000);
  });

  it('does not run cases on a graph that is itself invalid', () => {
    const broken = { ...plan(commissionCase(1, 1)), effectiveFrom: undefined };
    const validation = validateRuleGraph(broken);
    expect(validation.errors.map((e) => e.code)).toEqual(['RULE_GRAPH_MISSING_EFFECTIVE_DATES']);
    expect(validation.testResults).toBeUndefined();
  });
});

describe('test cases on publication', () => {
  it('refuses to publish while a case fails, naming it', () => {
    const attempt = () => publish(plan(commissionCase(90_000, 90_000)));
    expect(attempt).toThrow(
      expect.objectContaining({
        code: 'RULES_TEST_CASE_FAILED',
        message: expect.stringContaining('test case "One deal at 150%" (one-big-deal) fails') as string,
      }),
    );
  });

  it('records each case passed on the version, and the checksum covers the cases', () => {
    const graph = plan(commissionCase(100_000, 100_000));
    const version = publish(graph);
    expect(version.testResults.map((r) => [r.caseId, r.name, r.passed])).toEqual([
      ['one-big-deal', 'One deal at 150%', true],
    ]);
    expect(version.graph.testCases).toEqual(graph.testCases);
    expect(version.checksum).not.toBe(ruleGraphChecksum(anIncentiveGraph()));
    expect(publish(anIncentiveGraph()).testResults).toEqual([]);
  });
});
