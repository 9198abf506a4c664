import type { RuleGraph } from '@opscycle/domain';
import { aNode, anEdge } from '../demo/build';

/** A small valid routing graph: start -> amount > 1,000 -> finance. Tests break it one way at a time. */
export function aRoutingGraph(overrides: Partial<RuleGraph> = {}): RuleGraph {
  return {
    id: 'routing-test',
    version: 1,
    kind: 'approvalRouting',
    name: 'Routing under test',
    effectiveFrom: '2027-01-01',
    effectiveTo: null,
    nodes: [
      aNode('start', 'start', {}),
      aNode('big', 'condition', { fact: 'amount', operator: 'greaterThan', value: 100_000 }),
      aNode('finance', 'routeOutcome', { priority: 1, approvers: [{ role: 'finance' }] }),
    ],
    edges: [anEdge('start', 'big'), anEdge('big', 'finance')],
    ...overrides,
  };
}

/** A small valid incentive plan: commission in tiers on revenue, gated at 50% attainment. */
export function anIncentiveGraph(overrides: Partial<RuleGraph> = {}): RuleGraph {
  return {
    id: 'plan-test',
    version: 1,
    kind: 'incentive',
    name: 'Plan under test',
    currency: 'CNY',
    effectiveFrom: '2027-01-01',
    effectiveTo: '2027-12-31',
    nodes: [
      aNode('start', 'start', {}),
      aNode('revenue', 'factInput', { fact: 'revenue' }),
      aNode('half', 'condition', { fact: 'attainment', operator: 'greaterThanInclusive', value: 0.5 }),
      aNode('commission', 'tierTable', {
        component: 'Commission',
        mode: 'marginal',
        bands: [
          { from: 0, to: 1_000_000, rate: 0.05 },
          { from: 1_000_000, to: null, rate: 0.1 },
        ],
      }),
    ],
    edges: [anEdge('start', 'half'), anEdge('half', 'commission'), anEdge('revenue', 'commission')],
    ...overrides,
  };
}
