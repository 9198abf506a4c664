import { describe, expect, it } from 'vitest';
import { RuleGraph } from '@opscycle/domain';
import { refuseConnection, reaches } from './connections';
import { diffGraphs } from './diff';
import { fromFlow, toFlow } from './flowMapping';
import { layoutGraph } from './layout';
import { NODE_DEFAULTS } from './nodes/defaults';
import { problemDecorations, traceDecorations } from './decorations';

function aTieredIncentive(): RuleGraph {
  return RuleGraph.parse({
    id: 'plan-a',
    version: 3,
    kind: 'incentive',
    name: 'Tiered commission',
    currency: 'CNY',
    nodes: [
      { id: 'start', kind: 'start', data: {}, position: { x: 0, y: 0 } },
      { id: 'rev', kind: 'factInput', data: { fact: 'attainment' }, position: { x: 0, y: 100 } },
      { id: 'base', kind: 'factInput', data: { fact: 'revenue' }, position: { x: 0, y: 200 } },
      {
        id: 'tiers',
        kind: 'tierTable',
        data: NODE_DEFAULTS.tierTable(),
        position: { x: 300, y: 100 },
      },
    ],
    edges: [
      { id: 'e1', sourceId: 'start', targetId: 'tiers' },
      { id: 'e2', sourceId: 'rev', targetId: 'tiers' },
      { id: 'e3', sourceId: 'base', targetId: 'tiers', sourceHandle: 'base' },
    ],
  });
}

describe('flowMapping', () => {
  it('round-trips a rule graph through React Flow nodes and edges, each edge on the input it lands on', () => {
    const graph = aTieredIncentive();
    const { nodes: _n, edges: _e, ...meta } = graph;
    const flow = toFlow(graph, { nodes: { tiers: { problems: ['x'] } } });
    // The old graph's `sourceHandle: 'base'` and implicit inputs become the handles they meant.
    expect(flow.edges.map((e) => [e.id, e.sourceHandle, e.targetHandle])).toEqual([
      ['e1', undefined, 'when'],
      ['e2', undefined, 'measure'],
      ['e3', undefined, 'base'],
    ]);
    const saved = fromFlow(meta, flow.nodes, flow.edges);
    expect(saved).toEqual({
      ...graph,
      edges: [
        { id: 'e1', sourceId: 'start', targetId: 'tiers', targetHandle: 'when' },
        { id: 'e2', sourceId: 'rev', targetId: 'tiers', targetHandle: 'measure' },
        { id: 'e3', sourceId: 'base', targetId: 'tiers', targetHandle: 'base' },
      ],
    });
    const again = toFlow(saved);
    expect(fromFlow(meta, again.nodes, again.edges)).toEqual(saved);
  });

  it('keeps node data plain JSON (no functions) so it can be saved as is', () => {
    const flow = toFlow(aTieredIncentive());
    expect(JSON.parse(JSON.stringify(flow.nodes.map((n) => n.data)))).toEqual(flow.nodes.map((n) => n.data));
  });
});

describe('NODE_DEFAULTS', () => {
  it('gives every node kind data its own schema accepts', () => {
    const graph = aTieredIncentive();
    for (const [kind, make] of Object.entries(NODE_DEFAULTS)) {
      const node = { id: `n-${kind}`, kind, data: make('incentive'), position: { x: 0, y: 0 } };
      expect(() => RuleGraph.parse({ ...graph, nodes: [node], edges: [] }), kind).not.toThrow();
    }
  });
});

describe('connections', () => {
  const base = { createsCycle: false, inputsInUse: {}, duplicate: false } as const;
  it('refuses an outcome feeding anything, and a fact feeding a condition', () => {
    expect(refuseConnection({ ...base, sourceKind: 'routeOutcome', targetKind: 'all' })).toMatch(
      /cannot feed/,
    );
    expect(refuseConnection({ ...base, sourceKind: 'factInput', targetKind: 'condition' })).toMatch(
      /cannot feed/,
    );
    expect(refuseConnection({ ...base, sourceKind: 'condition', targetKind: 'tierTable' })).toBeNull();
    expect(refuseConnection({ ...base, sourceKind: 'fixedAmount', targetKind: 'cap' })).toBeNull();
  });
  it("checks the input the edge is dropped on: a fact is a rate's base, never its guard", () => {
    const fact = { ...base, sourceKind: 'factInput', targetKind: 'rateTimesBase' } as const;
    expect(refuseConnection({ ...fact, targetHandle: 'base' })).toBeNull();
    expect(refuseConnection({ ...fact, targetHandle: 'when' })).toMatch(/cannot feed the "when" input/);
    expect(refuseConnection({ ...fact, targetHandle: 'base', inputsInUse: { base: 1 } })).toMatch(
      /"base" input of a rateTimesBase takes one edge/,
    );
  });
  it('refuses cycles, duplicates and a second input into NOT', () => {
    expect(refuseConnection({ ...base, sourceKind: 'all', targetKind: 'any', createsCycle: true })).toMatch(
      /cycle/,
    );
    expect(refuseConnection({ ...base, sourceKind: 'all', targetKind: 'any', duplicate: true })).toMatch(
      /duplicate/,
    );
    expect(
      refuseConnection({ ...base, sourceKind: 'condition', targetKind: 'not', inputsInUse: { when: 1 } }),
    ).toMatch(/"when" input of a not takes one edge/);
  });
  it('finds paths for the cycle check', () => {
    const edges = [
      { source: 'a', target: 'b' },
      { source: 'b', target: 'c' },
    ];
    expect(reaches(edges, 'a', 'c')).toBe(true);
    expect(reaches(edges, 'c', 'a')).toBe(false);
  });
});

describe('diffGraphs', () => {
  it('reports added, removed and changed nodes and edges but ignores moved nodes', () => {
    const before = aTieredIncentive();
    const after = structuredClone(before);
    after.nodes[0]!.position = { x: 999, y: 999 };
    const tiers = after.nodes.find((n) => n.id === 'tiers');
    if (tiers?.kind !== 'tierTable') throw new Error('fixture');
    tiers.data.bands[1]!.rate = 0.08;
    after.nodes = after.nodes.filter((n) => n.id !== 'base');
    after.edges = after.edges.filter((e) => e.id !== 'e3');
    after.nodes.push({ id: 'cap', kind: 'cap', data: { pctOfTargetIncentive: 2 }, position: { x: 0, y: 0 } });
    const diff = diffGraphs(before, after);
    expect(diff.nodes).toEqual({ tiers: 'changed', base: 'removed', cap: 'added' });
    expect(diff.edges).toEqual({ 'removed:e3': 'removed' });
    expect(diff.merged.nodes.map((n) => n.id).sort()).toEqual(['base', 'cap', 'rev', 'start', 'tiers']);
  });
});

describe('layoutGraph', () => {
  it('places each node right of the nodes that feed it', () => {
    const laid = layoutGraph(aTieredIncentive());
    const x = (id: string) => laid.nodes.find((n) => n.id === id)?.position.x ?? NaN;
    expect(x('tiers')).toBeGreaterThan(x('start'));
    expect(x('tiers')).toBeGreaterThan(x('base'));
  });
});

describe('decorations', () => {
  it('puts validator errors on the node and edge they name', () => {
    const d = problemDecorations([
      { code: 'RULE_GRAPH_TIER_GAP', message: 'gap between 1 and 1.2', nodeId: 'tiers' },
      { code: 'RULE_GRAPH_INVALID_CONNECTION', message: 'no', edgeId: 'e2' },
    ]);
    expect(d.nodes?.tiers?.problems).toEqual(['RULE_GRAPH_TIER_GAP: gap between 1 and 1.2']);
    expect(d.edges?.e2?.problems).toHaveLength(1);
  });
  it('marks fired rules, conditions with the fact value they read, and edges between fired nodes', () => {
    const d = traceDecorations(
      {
        rules: [
          {
            nodeId: 'pay',
            kind: 'fixedAmount',
            fired: true,
            conditions: {
              op: 'all',
              result: true,
              children: [{ nodeId: 'c1', op: 'fact', result: true, fact: 'attainment', factValue: 1.2 }],
            },
          },
        ],
        steps: [{ nodeId: 'pay', op: 'rate', amount: 5000.4, rate: 0.05, quantity: 100008 }],
      },
      [{ id: 'e', sourceId: 'c1', targetId: 'pay' }],
    );
    expect(d.nodes?.pay?.trace?.fired).toBe(true);
    expect(String(d.nodes?.pay?.trace?.values?.['rate#0'])).toMatch(/^\D*50\.00 \(5% on \D*1,000\.08\)$/);
    expect(d.nodes?.c1?.trace).toEqual({ fired: true, values: { attainment: '1.2' } });
    expect(d.edges?.e?.fired).toBe(true);
  });
});
