import { describe, expect, it } from 'vitest';
import type { RuleGraph } from '@opscycle/domain';
import { compileRuleGraph } from '../compile';
import { aNode } from '../demo/build';
import { evaluatePayeeSync } from '../evaluate';
import { validateRuleGraph } from './index';

const facts = {
  revenue: 1_234_567_00,
  quota: 1_000_000_00,
  attainment: 1.2345,
  bookingsByProductLine: {},
  newCustomers: 0,
  dealCount: 3,
  collectionRate: 1,
  averageDiscountPct: 0,
  teamRevenue: 0,
  targetIncentive: 100_000_00,
  salesRole: 'direct',
};

/** A 5% commission on revenue, with its edges exactly as the designer saves them when drawn. */
function drawnCommission(edges: RuleGraph['edges']): RuleGraph {
  return {
    id: 'drawn',
    version: 1,
    kind: 'incentive',
    name: 'Drawn commission',
    currency: 'CNY',
    effectiveFrom: '2027-01-01',
    effectiveTo: null,
    nodes: [
      aNode('start-1', 'start', {}),
      aNode('factInput-2', 'factInput', { fact: 'revenue' }),
      aNode('rateTimesBase-3', 'rateTimesBase', { component: 'Commission', rate: 0.05 }),
    ],
    edges,
  };
}

describe('inputs of a node, as drawn in the designer', () => {
  it("validates and pays a percentage commission whose fact is drawn to the rate's base input", () => {
    const graph = drawnCommission([
      { id: 'e1', sourceId: 'start-1', targetId: 'rateTimesBase-3', targetHandle: 'when' },
      { id: 'e2', sourceId: 'factInput-2', targetId: 'rateTimesBase-3', targetHandle: 'base' },
    ]);
    expect(validateRuleGraph(graph)).toEqual({ ok: true, errors: [] });
    const result = evaluatePayeeSync(compileRuleGraph(graph), { payeeId: 'p', periodId: '2027-Q1', facts });
    // 5% of 1,234,567.00 = 61,728.35
    expect(result.totalMinor).toBe(6_172_835);
  });

  it('still reads a draft saved by the old designer (sourceHandle "measure" into a rate) as its base', () => {
    const graph = drawnCommission([
      { id: 'e1', sourceId: 'start-1', targetId: 'rateTimesBase-3' },
      { id: 'e2', sourceId: 'factInput-2', targetId: 'rateTimesBase-3', sourceHandle: 'measure' },
    ]);
    expect(validateRuleGraph(graph).ok).toBe(true);
    expect(
      evaluatePayeeSync(compileRuleGraph(graph), { payeeId: 'p', periodId: '2027-Q1', facts }).totalMinor,
    ).toBe(6_172_835);
  });

  it('refuses an edge to an input the node does not have, on that edge', () => {
    const graph = drawnCommission([
      { id: 'e1', sourceId: 'start-1', targetId: 'rateTimesBase-3' },
      { id: 'e2', sourceId: 'factInput-2', targetId: 'rateTimesBase-3', targetHandle: 'measure' },
    ]);
    const { ok, errors } = validateRuleGraph(graph);
    expect(ok).toBe(false);
    expect(errors).toContainEqual({
      code: 'RULE_GRAPH_INVALID_CONNECTION',
      edgeId: 'e2',
      message: 'edge e2: a rateTimesBase has no input "measure"',
    });
  });

  it('counts inputs per input: a rate without a base names the base input', () => {
    const graph = drawnCommission([{ id: 'e1', sourceId: 'start-1', targetId: 'rateTimesBase-3' }]);
    graph.nodes = graph.nodes.filter((n) => n.kind !== 'factInput');
    const { errors } = validateRuleGraph(graph);
    expect(errors.map((e) => [e.code, e.nodeId, e.message])).toContainEqual([
      'RULE_GRAPH_INPUT_ARITY',
      'rateTimesBase-3',
      'node rateTimesBase-3: a rateTimesBase takes exactly one "base" input (factInput), it has 0',
    ]);
  });
});
