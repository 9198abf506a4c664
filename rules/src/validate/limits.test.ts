import { describe, expect, it } from 'vitest';
import type { CompiledCondition, RuleGraph, RuleNode } from '@opscycle/domain';
import { compileRuleGraph, publishRuleSetVersion, validateRuleGraph } from '..';
import { aNode, anEdge } from '../demo/build';
import { anIncentiveGraph, aRoutingGraph } from '../testing/builders';
import { aPlanAtTheLimits, aRoutingChain as aChain } from '../testing/limitGraphs';
import { evaluateApprovalRouting, evaluateApprovalRoutingSync } from '../evaluate';
import { RULE_GRAPH_LIMITS } from './limits';

const L = RULE_GRAPH_LIMITS;
const plan = anIncentiveGraph();
const codesOf = (graph: unknown) => validateRuleGraph(graph).errors.map((e) => e.code);

/** The plan with one more node of `data`, fed from start (and from revenue for a rate). */
function withComponent(node: RuleNode): RuleGraph {
  const edges = [...plan.edges, anEdge('start', node.id)];
  if (node.kind === 'rateTimesBase') edges.push(anEdge('revenue', node.id));
  return { ...plan, nodes: [...plan.nodes, node], edges };
}

describe('graph size and depth limits', () => {
  it('accepts the plan at every limit at once', () => {
    const graph = aPlanAtTheLimits();
    expect(graph.nodes).toHaveLength(L.maxNodes);
    expect(graph.edges).toHaveLength(L.maxEdges);
    expect(validateRuleGraph(graph)).toEqual({ ok: true, errors: [] });
    // Every compiled condition counted, as the rules hold them: exactly the limit.
    let conditions = 0;
    const stack: CompiledCondition[] = compileRuleGraph(graph).rules.map((r) => r.conditions);
    for (let c = stack.pop(); c !== undefined; c = stack.pop()) {
      const children = 'all' in c ? c.all : 'any' in c ? c.any : 'not' in c ? [c.not] : [];
      conditions += children.length;
      stack.push(...children);
    }
    expect(conditions).toBe(L.maxCompiledConditions);
  });

  it('refuses one node, one edge or one compiled condition past the limit', () => {
    expect(validateRuleGraph(aPlanAtTheLimits({ extraNode: true })).errors).toEqual([
      { code: 'RULE_GRAPH_TOO_LARGE', message: 'the graph has 1001 nodes; at most 1000' },
    ]);
    expect(validateRuleGraph(aPlanAtTheLimits({ extraEdge: true })).errors).toEqual([
      { code: 'RULE_GRAPH_TOO_LARGE', message: 'the graph has 3001 edges; at most 3000' },
    ]);
    expect(validateRuleGraph(aPlanAtTheLimits({ extraCondition: true })).errors).toEqual([
      expect.objectContaining({ code: 'RULE_GRAPH_TOO_LARGE', nodeId: 'filler-0' }),
    ]);
  });

  it('accepts conditions nested 64 deep and refuses 65, naming the node that goes past', () => {
    for (const kind of ['not', 'all'] as const) {
      expect(validateRuleGraph(aChain(L.maxConditionDepth - 1, kind)).ok).toBe(true);
      expect(validateRuleGraph(aChain(L.maxConditionDepth, kind)).errors).toEqual([
        {
          code: 'RULE_GRAPH_TOO_DEEP',
          nodeId: `n${L.maxConditionDepth}`,
          message: `node n${L.maxConditionDepth}: conditions nest 65 deep here; at most 64 (flatten chains of all, any and not)`,
        },
      ]);
    }
  });

  it('answers a chain of 722 or 2,000 nested nodes with a coded error, not a RangeError', () => {
    for (const links of [722, 2_000]) {
      const graph = aChain(links, 'not');
      expect(codesOf(graph)).toContain('RULE_GRAPH_TOO_DEEP');
      expect(() => compileRuleGraph(graph)).toThrow(
        expect.objectContaining({ code: 'RULES_INVALID_GRAPH' }) as Error,
      );
    }
  });

  it('counts a boolean node shared by many decisions once per decision (a doubling lattice)', () => {
    // 20 layers of two `all` nodes, each fed by both of the layer below: 2^21 conditions compiled from 42 nodes.
    const base = aRoutingGraph();
    const nodes: RuleNode[] = [...base.nodes];
    const edges = [...base.edges];
    let below = ['big', 'big'];
    for (let layer = 1; layer <= 20; layer++) {
      const ids = [`l${layer}a`, `l${layer}b`];
      for (const id of ids) {
        nodes.push(aNode(id, 'all', {}));
        for (const [i, from] of [...new Set(below)].entries())
          edges.push({ ...anEdge(from, id), id: `${from}-${id}-${i}` });
      }
      below = ids;
    }
    for (const id of below) edges.push(anEdge(id, 'finance'));
    expect(codesOf({ ...base, nodes, edges })).toContain('RULE_GRAPH_TOO_LARGE');
  });

  it('refuses a stored rule set nested deeper than a graph may be, before parsing it', async () => {
    const compiled = structuredClone(compileRuleGraph(aChain(L.maxConditionDepth - 1, 'not')));
    let deepest: CompiledCondition = compiled.rules[0]!.conditions;
    while ('all' in deepest || 'not' in deepest) deepest = 'all' in deepest ? deepest.all[0]! : deepest.not;
    const leaf = { ...deepest };
    Object.assign(deepest, { not: leaf }, { fact: undefined, operator: undefined, value: undefined });
    for (const key of ['fact', 'operator', 'value', 'name'] as const)
      delete (deepest as Record<string, unknown>)[key];
    const facts = { amount: 1, category: 'travel', unitId: 'u', unitKind: 'team', requesterRole: 'rep' };
    await expect(evaluateApprovalRouting(compiled, facts)).rejects.toMatchObject({
      code: 'RULES_TAMPERED_RULE_SET',
    });
    expect(() => evaluateApprovalRoutingSync(compiled, facts)).toThrow(/nest deeper/);
  });
});

describe('money and rate limits', () => {
  const MONEY_FIELDS: [string, (amount: number) => RuleNode][] = [
    ['a fixed amount', (a) => aNode('x', 'fixedAmount', { component: 'X', amountMinor: a })],
    ['a draw', (a) => aNode('x', 'draw', { component: 'X', drawType: 'recoverable', amountMinor: a })],
    [
      'a SPIF per deal',
      (a) =>
        aNode('x', 'spif', {
          component: 'X',
          window: { from: '2027-01-01', to: '2027-03-31' },
          amountMinorPerDeal: a,
        }),
    ],
    [
      'a tier band',
      (a) =>
        aNode('x', 'tierTable', {
          component: 'X',
          mode: 'highestRate',
          bands: [{ from: 0, to: null, amountMinor: a }],
        }),
    ],
  ];

  it('accepts money up to 10^15 minor units and refuses one more, or a negative amount, naming the node', () => {
    for (const [what, node] of MONEY_FIELDS) {
      const graph = (a: number) => {
        const g = withComponent(node(a));
        // A tier table reads a measure.
        return node(a).kind === 'tierTable' ? { ...g, edges: [...g.edges, anEdge('revenue', 'x')] } : g;
      };
      expect(validateRuleGraph(graph(L.maxMoneyMinor)).errors, what).toEqual([]);
      const over = validateRuleGraph(graph(L.maxMoneyMinor + 1)).errors;
      expect(
        over.map((e) => [e.code, e.nodeId]),
        what,
      ).toContainEqual(['RULE_GRAPH_MONEY_OUT_OF_RANGE', 'x']);
      expect(codesOf(graph(-1)), what).toEqual(['RULE_GRAPH_NEGATIVE_VALUE']);
    }
    // The largest safe integer (2^53 - 1; 2^53 itself the schema refuses).
    expect(
      codesOf(withComponent(aNode('x', 'fixedAmount', { component: 'X', amountMinor: 2 ** 53 - 1 }))),
    ).toContain('RULE_GRAPH_MONEY_OUT_OF_RANGE');
  });

  it('accepts rates up to 100 (10,000%) and refuses more, or a negative rate, naming the node', () => {
    const rate = (r: number) => withComponent(aNode('x', 'rateTimesBase', { component: 'X', rate: r }));
    expect(codesOf(rate(L.maxRate))).toEqual([]);
    expect(validateRuleGraph(rate(100.01)).errors).toEqual([
      {
        code: 'RULE_GRAPH_RATE_OUT_OF_RANGE',
        nodeId: 'x',
        message: 'node x: rate is 100.01; at most 100 (10000%)',
      },
    ]);
    expect(codesOf(rate(1e308))).toEqual(['RULE_GRAPH_RATE_OUT_OF_RANGE']);
    expect(validateRuleGraph(rate(-0.05)).errors).toEqual([
      {
        code: 'RULE_GRAPH_NEGATIVE_VALUE',
        nodeId: 'x',
        message: 'node x: rate is -0.05; it cannot be negative',
      },
    ]);
    // The schema already refuses negative band rates, factors and % of target; the limit caps them.
    const commission = plan.nodes.find((n) => n.id === 'commission')!;
    const banded = (r: number) => ({
      ...plan,
      nodes: plan.nodes.map((n) =>
        n === commission ? { ...n, data: { ...n.data, bands: [{ from: 0, to: null, rate: r }] } } : n,
      ),
    });
    expect(codesOf(banded(L.maxRate))).toEqual([]);
    expect(codesOf(banded(101))).toEqual(['RULE_GRAPH_RATE_OUT_OF_RANGE']);
  });

  it('bounds a component’s multipliers together, and the amounts a plan fixes together', () => {
    const chained = (factors: number[], amountMinor: number) => {
      const nodes: RuleNode[] = [aNode('bonus', 'fixedAmount', { component: 'Bonus', amountMinor })];
      const edges = [anEdge('start', 'bonus')];
      let from = 'bonus';
      factors.forEach((factor, i) => {
        nodes.push(aNode(`m${i}`, 'multiplier', { factor }));
        edges.push(anEdge(from, `m${i}`));
        from = `m${i}`;
      });
      return { ...plan, nodes: [...plan.nodes, ...nodes], edges: [...plan.edges, ...edges] };
    };
    expect(codesOf(chained([10, 10], 10 ** 13))).toEqual([]);
    expect(validateRuleGraph(chained([10, 10, 1.01], 1)).errors).toEqual([
      expect.objectContaining({ code: 'RULE_GRAPH_RATE_OUT_OF_RANGE', nodeId: 'm2' }),
    ]);
    expect(validateRuleGraph(chained([10, 10], 10 ** 13 + 1)).errors).toEqual([
      expect.objectContaining({ code: 'RULE_GRAPH_MONEY_OUT_OF_RANGE', nodeId: 'bonus' }),
    ]);
  });

  it('refuses to publish a plan paying a negative rate (it simulated a payee total of -1,470,000)', () => {
    const graph = withComponent(aNode('x', 'rateTimesBase', { component: 'X', rate: -0.1 }));
    expect(() =>
      publishRuleSetVersion({ graph, version: 1, publishedBy: 'ops', publishedAt: new Date() }),
    ).toThrow(expect.objectContaining({ code: 'RULES_INVALID_GRAPH' }) as Error);
  });
});
