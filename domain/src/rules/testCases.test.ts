import { describe, expect, it } from 'vitest';
import { RuleGraph } from './graph';
import { RuleSetVersion } from './ruleSetVersion';
import { RuleTestCase, expectationOf, type SimulationResult } from './testCases';

const aCase = (expected: unknown) => ({ id: 'case-1', name: 'A case', input: { amount: 1 }, expected });
const graph = {
  id: 'plan',
  version: 1,
  kind: 'approvalRouting',
  name: 'Plan',
  nodes: [],
  edges: [],
};

describe('RuleTestCase', () => {
  it('takes an incentive case with lines and a total in minor units', () => {
    const parsed = RuleTestCase.parse(
      aCase({
        kind: 'incentive',
        lines: [{ payeeId: 'rep-1', componentId: 'spif-2', dealId: 'd-1', amountMinor: 80_000 }],
        totalMinor: 80_000,
      }),
    );
    expect(parsed.expected).toEqual({
      kind: 'incentive',
      lines: [{ payeeId: 'rep-1', componentId: 'spif-2', dealId: 'd-1', amountMinor: 80_000 }],
      totalMinor: 80_000,
    });
  });

  it('refuses amounts that are not integer minor units, a blank name and an unknown kind', () => {
    const line = { payeeId: 'rep-1', componentId: 'c', amountMinor: 10.5 };
    expect(RuleTestCase.safeParse(aCase({ kind: 'incentive', lines: [line], totalMinor: 10 })).success).toBe(
      false,
    );
    expect(RuleTestCase.safeParse(aCase({ kind: 'incentive', lines: [], totalMinor: 0.1 })).success).toBe(
      false,
    );
    expect(
      RuleTestCase.safeParse({ ...aCase({ kind: 'funnelStage', stage: null }), name: '  ' }).success,
    ).toBe(false);
    expect(RuleTestCase.safeParse(aCase({ kind: 'forecast', value: 1 })).success).toBe(false);
  });

  it('takes approvers by role or position and refuses an unknown position', () => {
    const routing = (approvers: unknown[]) => aCase({ kind: 'approvalRouting', approvers });
    expect(
      RuleTestCase.safeParse(routing([{ position: 'cfo' }, { role: 'manager', orgLevel: 'region' }])).success,
    ).toBe(true);
    expect(RuleTestCase.safeParse(routing([{ position: 'pope' }])).success).toBe(false);
  });
});

describe('RuleGraph test cases', () => {
  it('travel with the graph, and a graph without any has no testCases key (checksums unchanged)', () => {
    const withCases = RuleGraph.parse({
      ...graph,
      testCases: [aCase({ kind: 'approvalRouting', approvers: [] })],
    });
    expect(withCases.testCases?.map((c) => c.id)).toEqual(['case-1']);
    expect('testCases' in RuleGraph.parse(graph)).toBe(false);
  });

  it('are at most 100 per rule set', () => {
    const many = Array.from({ length: 101 }, (_, i) => ({
      ...aCase({ kind: 'approvalRouting', approvers: [] }),
      id: `case-${i}`,
    }));
    expect(RuleGraph.safeParse({ ...graph, testCases: many }).success).toBe(false);
  });

  it('a version stored before test results existed reads with none', () => {
    const shape = RuleSetVersion.unwrap().shape.testResults;
    expect(shape.parse(undefined)).toEqual([]);
  });
});

describe('expectationOf', () => {
  it("keeps a simulation's payout lines by payee, component and deal, and the total", () => {
    const line = (componentId: string, amountMinor: number, dealId?: string) => ({
      lineKey: dealId ? `${componentId}:${dealId}` : componentId,
      payeeId: 'rep-1',
      componentId,
      component: componentId,
      lineKind: 'component' as const,
      amountMinor,
      currency: 'CNY',
      earned: amountMinor !== 0,
      ...(dealId ? { dealId } : {}),
      explanation: ['worded per language, not compared'],
      trace: { rules: [], steps: [] },
    });
    const simulation: SimulationResult = {
      kind: 'incentive',
      result: {
        ruleSetId: 'plan',
        graphVersion: 1,
        periodId: '2027-03',
        currency: 'CNY',
        totalMinor: 70_000,
        payees: [
          {
            payeeId: 'rep-1',
            currency: 'CNY',
            lines: [line('commission', 50_000), line('spif', 20_000, 'd-1'), line('kicker', 0)],
            totalMinor: 70_000,
            facts: {},
            paidDeals: [],
            nextState: { drawBalanceMinor: 0 },
          },
        ],
      },
    };
    expect(expectationOf(simulation)).toEqual({
      kind: 'incentive',
      lines: [
        { payeeId: 'rep-1', componentId: 'commission', amountMinor: 50_000 },
        { payeeId: 'rep-1', componentId: 'spif', dealId: 'd-1', amountMinor: 20_000 },
        { payeeId: 'rep-1', componentId: 'kicker', amountMinor: 0 },
      ],
      totalMinor: 70_000,
    });
  });

  it("keeps a routing decision's approvers without their display labels", () => {
    const simulation: SimulationResult = {
      kind: 'discountAuthority',
      result: {
        approvers: [{ role: 'manager', orgLevel: 'region', label: 'Regional manager' }, { position: 'cfo' }],
        matched: [],
        explanation: '',
        trace: [],
      },
    };
    expect(expectationOf(simulation)).toEqual({
      kind: 'discountAuthority',
      approvers: [{ role: 'manager', orgLevel: 'region' }, { position: 'cfo' }],
    });
  });
});
