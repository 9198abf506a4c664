import type { RuleGraph } from '@opscycle/domain';

/**
 * A large, valid-shaped incentive graph for the benchmark: `blocks` groups of
 * condition -> all -> fixedAmount, plus shared fact inputs, `size` nodes in all.
 */
export function largeIncentiveGraph(size: number): RuleGraph {
  const nodes: RuleGraph['nodes'] = [{ id: 'start', kind: 'start', data: {}, position: { x: 0, y: 0 } }];
  const edges: RuleGraph['edges'] = [];
  let i = 0;
  while (nodes.length < size) {
    const row = Math.floor(i / 3);
    const col = i % 3;
    const cond = `cond-${i}`;
    const all = `all-${i}`;
    const pay = `pay-${i}`;
    const y = row * 120;
    const x = col * 900;
    nodes.push(
      {
        id: cond,
        kind: 'condition',
        data: { fact: 'attainment', operator: 'greaterThanInclusive', value: 0.5 + i / 1000 },
        position: { x: x + 250, y },
      },
      { id: all, kind: 'all', data: {}, position: { x: x + 500, y } },
      {
        id: pay,
        kind: 'fixedAmount',
        data: { component: `bonus${i}`, amountMinor: 1000 * (i + 1) },
        position: { x: x + 700, y },
      },
    );
    edges.push(
      { id: `e-s-${i}`, sourceId: 'start', targetId: cond },
      { id: `e-c-${i}`, sourceId: cond, targetId: all },
      { id: `e-a-${i}`, sourceId: all, targetId: pay },
    );
    i++;
  }
  return {
    id: 'bench',
    version: 1,
    kind: 'incentive',
    name: 'benchmark',
    currency: 'CNY',
    nodes: nodes.slice(0, size),
    edges: edges.filter((e) => nodes.slice(0, size).some((n) => n.id === e.targetId)),
  };
}
