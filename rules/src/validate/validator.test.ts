import { describe, expect, it } from 'vitest';
import { RULE_GRAPH_ERROR_CODES } from '@opscycle/domain';
import type { RuleGraphErrorCode } from '@opscycle/domain';
import { validateRuleGraph } from '.';
import { DEMO_RULE_GRAPHS } from '../demo';
import { aNode, anEdge } from '../demo/build';
import { aRoutingGraph, anIncentiveGraph } from '../testing/builders';
import { aPlanAtTheLimits } from '../testing/limitGraphs';

const routing = aRoutingGraph();
const plan = anIncentiveGraph();
const condition = (id: string, data: Record<string, unknown>) =>
  ({
    id,
    kind: 'condition',
    data: { fact: 'amount', operator: 'greaterThan', value: 1, ...data },
    position: { x: 0, y: 0 },
  }) as const;
const withTiers = (bands: unknown[]) => ({
  ...plan,
  nodes: plan.nodes.map((n) => (n.id === 'commission' ? { ...n, data: { ...n.data, bands } } : n)),
});

/**
 * One failing fixture per error code, each breaking a valid graph in exactly one way, with the
 * node, edge or test case the error must name (null: a graph-level error).
 */
const FAILING_FIXTURES = {
  RULE_GRAPH_SCHEMA: {
    graph: {
      ...routing,
      nodes: [...routing.nodes, { id: 'x', kind: 'teleport', data: {}, position: { x: 0, y: 0 } }],
    },
    at: { nodeId: 'x' },
  },
  RULE_GRAPH_DUPLICATE_ID: {
    graph: {
      ...routing,
      nodes: [
        ...routing.nodes,
        aNode('big', 'condition', { fact: 'amount', operator: 'lessThan', value: 5 }),
      ],
    },
    at: { nodeId: 'big' },
  },
  RULE_GRAPH_DANGLING_EDGE: {
    graph: { ...routing, edges: [...routing.edges, anEdge('big', 'ghost')] },
    at: { edgeId: 'big--ghost' },
  },
  RULE_GRAPH_CYCLE: {
    graph: {
      ...routing,
      nodes: [...routing.nodes, aNode('a', 'all', {}), aNode('b', 'any', {})],
      edges: [
        ...routing.edges,
        anEdge('big', 'a'),
        anEdge('a', 'b'),
        anEdge('b', 'a'),
        anEdge('b', 'finance'),
      ],
    },
    at: { nodeId: 'a' },
  },
  RULE_GRAPH_MISSING_START: {
    graph: {
      ...routing,
      nodes: routing.nodes.filter((n) => n.kind !== 'start'),
      edges: [anEdge('big', 'finance')],
    },
    at: null,
  },
  RULE_GRAPH_MULTIPLE_START: {
    graph: {
      ...routing,
      nodes: [...routing.nodes, aNode('start2', 'start', {})],
      edges: [...routing.edges, anEdge('start2', 'finance')],
    },
    at: { nodeId: 'start2' },
  },
  RULE_GRAPH_NODE_KIND_NOT_ALLOWED: {
    graph: {
      ...routing,
      nodes: [...routing.nodes, aNode('bonus', 'fixedAmount', { component: 'Bonus', amountMinor: 1 })],
      edges: [...routing.edges, anEdge('start', 'bonus')],
    },
    at: { nodeId: 'bonus' },
  },
  RULE_GRAPH_INVALID_CONNECTION: {
    graph: { ...routing, edges: [...routing.edges, anEdge('finance', 'big')] },
    at: { edgeId: 'finance--big' },
  },
  RULE_GRAPH_INPUT_ARITY: {
    graph: {
      ...routing,
      nodes: [...routing.nodes, aNode('neither', 'not', {}), condition('small', { operator: 'lessThan' })],
      edges: [
        ...routing.edges,
        anEdge('start', 'small'),
        anEdge('big', 'neither'),
        anEdge('small', 'neither'),
        anEdge('neither', 'finance'),
      ],
    },
    at: { nodeId: 'neither' },
  },
  RULE_GRAPH_UNREACHABLE_NODE: {
    graph: {
      ...routing,
      nodes: [...routing.nodes, condition('orphan', {})],
      edges: [...routing.edges, anEdge('orphan', 'finance')],
    },
    at: { nodeId: 'orphan' },
  },
  RULE_GRAPH_DEAD_END: {
    graph: {
      ...routing,
      nodes: [...routing.nodes, condition('loose', {})],
      edges: [...routing.edges, anEdge('start', 'loose')],
    },
    at: { nodeId: 'loose' },
  },
  RULE_GRAPH_NO_OUTCOME: {
    graph: {
      ...routing,
      nodes: routing.nodes.filter((n) => n.id !== 'finance'),
      edges: [anEdge('start', 'big')],
    },
    at: null,
  },
  RULE_GRAPH_OUTCOME_WITHOUT_PATH: {
    graph: {
      ...routing,
      nodes: [
        ...routing.nodes,
        aNode('vp', 'routeOutcome', { priority: 2, approvers: [{ role: 'manager' }] }),
      ],
    },
    at: { nodeId: 'vp' },
  },
  RULE_GRAPH_UNKNOWN_FACT: {
    graph: {
      ...routing,
      nodes: routing.nodes.map((n) => (n.id === 'big' ? condition('big', { fact: 'shoeSize' }) : n)),
    },
    at: { nodeId: 'big' },
  },
  RULE_GRAPH_UNKNOWN_OPERATOR: {
    graph: {
      ...routing,
      nodes: routing.nodes.map((n) => (n.id === 'big' ? condition('big', { operator: 'matchesRegex' }) : n)),
    },
    at: { nodeId: 'big' },
  },
  RULE_GRAPH_INVALID_PATH: {
    graph: {
      ...routing,
      nodes: routing.nodes.map((n) => (n.id === 'big' ? condition('big', { path: '$..[?(@.x)]' }) : n)),
    },
    at: { nodeId: 'big' },
  },
  RULE_GRAPH_TYPE_MISMATCH: {
    graph: {
      ...routing,
      nodes: routing.nodes.map((n) =>
        n.id === 'big' ? condition('big', { fact: 'category', operator: 'greaterThan', value: 5 }) : n,
      ),
    },
    at: { nodeId: 'big' },
  },
  RULE_GRAPH_TIER_INVALID_BAND: {
    graph: withTiers([{ from: 0, to: null, rate: 0.05, amountMinor: 100 }]),
    at: { nodeId: 'commission' },
  },
  RULE_GRAPH_TIER_OVERLAP: {
    graph: withTiers([
      { from: 0, to: 1_000_000, rate: 0.05 },
      { from: 900_000, to: null, rate: 0.1 },
    ]),
    at: { nodeId: 'commission' },
  },
  RULE_GRAPH_TIER_GAP: {
    graph: withTiers([
      { from: 0, to: 1_000_000, rate: 0.05 },
      { from: 1_100_000, to: null, rate: 0.1 },
    ]),
    at: { nodeId: 'commission' },
  },
  RULE_GRAPH_INVALID_WEIGHTS: {
    graph: {
      ...plan,
      nodes: [
        ...plan.nodes,
        aNode('kpi', 'weightedMeasures', {
          component: 'KPI',
          measures: [
            { fact: 'attainment', weight: 0.7 },
            { fact: 'collectionRate', weight: 0.7 },
          ],
        }),
      ],
      edges: [...plan.edges, anEdge('start', 'kpi')],
    },
    at: { nodeId: 'kpi' },
  },
  RULE_GRAPH_INVALID_COMPONENT: {
    graph: {
      ...plan,
      nodes: [
        ...plan.nodes,
        aNode('spif', 'spif', { component: 'SPIF', window: { from: '2027-01-01', to: '2027-03-31' } }),
      ],
      edges: [...plan.edges, anEdge('start', 'spif')],
    },
    at: { nodeId: 'spif' },
  },
  RULE_GRAPH_DUPLICATE_COMPONENT: {
    graph: {
      ...plan,
      nodes: [...plan.nodes, aNode('bonus', 'fixedAmount', { component: 'Commission', amountMinor: 1 })],
      edges: [...plan.edges, anEdge('start', 'bonus')],
    },
    at: { nodeId: 'bonus' },
  },
  RULE_GRAPH_AMBIGUOUS_PRIORITY: {
    graph: {
      ...routing,
      nodes: [
        ...routing.nodes,
        aNode('vp', 'routeOutcome', { priority: 1, approvers: [{ role: 'manager' }] }),
      ],
      edges: [...routing.edges, anEdge('big', 'vp')],
    },
    at: { nodeId: 'vp' },
  },
  RULE_GRAPH_MISSING_EFFECTIVE_DATES: { graph: { ...routing, effectiveFrom: undefined }, at: null },
  RULE_GRAPH_EFFECTIVE_DATES_INVERTED: {
    graph: { ...routing, effectiveFrom: '2027-06-01', effectiveTo: '2027-01-01' },
    at: null,
  },
  RULE_GRAPH_MISSING_CURRENCY: { graph: { ...plan, currency: undefined }, at: null },
  RULE_GRAPH_TOO_LARGE: { graph: aPlanAtTheLimits({ extraNode: true }), at: null },
  RULE_GRAPH_TOO_DEEP: { graph: aPlanAtTheLimits({ extraDepth: true }), at: { nodeId: 'link-64' } },
  RULE_GRAPH_NEGATIVE_VALUE: {
    graph: {
      ...plan,
      nodes: [...plan.nodes, aNode('rebate', 'rateTimesBase', { component: 'Rebate', rate: -0.05 })],
      edges: [...plan.edges, anEdge('start', 'rebate'), anEdge('revenue', 'rebate')],
    },
    at: { nodeId: 'rebate' },
  },
  RULE_GRAPH_MONEY_OUT_OF_RANGE: {
    graph: {
      ...plan,
      nodes: [...plan.nodes, aNode('bonus', 'fixedAmount', { component: 'Bonus', amountMinor: 2 ** 53 - 1 })],
      edges: [...plan.edges, anEdge('start', 'bonus')],
    },
    at: { nodeId: 'bonus' },
  },
  RULE_GRAPH_RATE_OUT_OF_RANGE: {
    graph: {
      ...plan,
      nodes: [...plan.nodes, aNode('kicker', 'rateTimesBase', { component: 'Kicker', rate: 1e308 })],
      edges: [...plan.edges, anEdge('start', 'kicker'), anEdge('revenue', 'kicker')],
    },
    at: { nodeId: 'kicker' },
  },
  RULE_GRAPH_INVALID_APPROVER: {
    graph: {
      ...routing,
      nodes: routing.nodes.map((n) =>
        n.id === 'finance'
          ? aNode('finance', 'routeOutcome', {
              priority: 1,
              approvers: [{ role: 'finance', position: 'cfo' }],
            })
          : n,
      ),
    },
    at: { nodeId: 'finance' },
  },
  RULE_TEST_CASE_FAILED: {
    graph: {
      ...routing,
      testCases: [
        {
          id: 'big-request',
          name: 'a big request goes to the manager',
          input: { amount: 200_000, unitId: 'east', unitKind: 'region', requesterRole: 'rep' },
          expected: { kind: 'approvalRouting', approvers: [{ role: 'manager' }] },
        },
      ],
    },
    at: { testCaseId: 'big-request' },
  },
  RULE_TEST_CASE_INVALID: {
    graph: {
      ...routing,
      testCases: [
        {
          id: 'no-unit',
          name: 'a request from nowhere',
          input: { amount: 200_000 },
          expected: { kind: 'approvalRouting', approvers: [{ role: 'finance' }] },
        },
      ],
    },
    at: { testCaseId: 'no-unit' },
  },
} satisfies Record<
  RuleGraphErrorCode,
  { graph: unknown; at: { nodeId: string } | { edgeId: string } | { testCaseId: string } | null }
>;

describe('validateRuleGraph', () => {
  it('accepts the builders and every demo graph', () => {
    for (const graph of [routing, plan, ...DEMO_RULE_GRAPHS])
      expect(validateRuleGraph(graph)).toEqual({ ok: true, errors: [] });
  });

  it('has a failing fixture for every error code', () => {
    expect(Object.keys(FAILING_FIXTURES).sort()).toEqual([...RULE_GRAPH_ERROR_CODES].sort());
  });

  for (const code of RULE_GRAPH_ERROR_CODES) {
    it(`reports ${code} naming the node, edge or test case`, () => {
      const { graph, at } = FAILING_FIXTURES[code];
      const result = validateRuleGraph(graph);
      expect(result.ok).toBe(false);
      const matching = result.errors.filter((e) => e.code === code);
      expect(matching.length, JSON.stringify(result.errors)).toBeGreaterThan(0);
      if (at) expect(matching).toContainEqual(expect.objectContaining(at));
      expect(matching[0]?.message.length).toBeGreaterThan(10);
    });
  }

  it('refuses a second clawback node, which would claw the same refund back twice', () => {
    const graph = {
      ...plan,
      nodes: [
        ...plan.nodes,
        aNode('clawback', 'clawback', { component: 'Clawback' }),
        aNode('refund-clawback', 'clawback', { component: 'Refund clawback' }),
      ],
      edges: [...plan.edges, anEdge('start', 'clawback'), anEdge('start', 'refund-clawback')],
    };
    expect(validateRuleGraph(graph).errors).toEqual([
      expect.objectContaining({ code: 'RULE_GRAPH_INVALID_COMPONENT', nodeId: 'refund-clawback' }),
    ]);
  });

  it('names a numeric operator on a string fact as a type mismatch, with the fact and operator', () => {
    const { errors } = validateRuleGraph(FAILING_FIXTURES.RULE_GRAPH_TYPE_MISMATCH.graph);
    expect(errors).toEqual([
      {
        code: 'RULE_GRAPH_TYPE_MISMATCH',
        nodeId: 'big',
        message: 'node big: "greaterThan" does not apply to "category", a string fact',
      },
    ]);
  });

  it('rejects a value outside an enumerated fact', () => {
    const graph = {
      ...routing,
      nodes: routing.nodes.map((n) =>
        n.id === 'big' ? condition('big', { fact: 'requesterRole', operator: 'equal', value: 'ceo' }) : n,
      ),
    };
    expect(validateRuleGraph(graph).errors.map((e) => e.code)).toEqual(['RULE_GRAPH_TYPE_MISMATCH']);
  });

  it('rejects comparing a money fact with a string fact', () => {
    const graph = {
      ...routing,
      nodes: routing.nodes.map((n) =>
        n.id === 'big'
          ? condition('big', { value: undefined, valueFact: { fact: 'category' }, operator: 'equal' })
          : n,
      ),
    };
    expect(validateRuleGraph(graph).errors.map((e) => e.code)).toEqual(['RULE_GRAPH_TYPE_MISMATCH']);
  });
});
