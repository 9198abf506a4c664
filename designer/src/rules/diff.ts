import { withExplicitInputs } from '@opscycle/domain';
import type { Decorations, DiffState } from './flowMapping';
import type { RuleGraph, RuleGraphNode } from './model';

export interface GraphDiff {
  nodes: Record<string, DiffState>;
  edges: Record<string, DiffState>;
  /** A graph holding both versions' nodes and edges, so removed ones can be drawn too. */
  merged: Pick<RuleGraph, 'nodes' | 'edges'>;
}

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** What changed for the rules (kind and data), not where a node was dragged to. */
function sameNode(a: RuleGraphNode, b: RuleGraphNode): boolean {
  return a.kind === b.kind && stable(a.data) === stable(b.data);
}

/** Node/edge-level diff of `after` against `before`, keyed by id. */
export function diffGraphs(
  beforeGraph: Pick<RuleGraph, 'nodes' | 'edges'>,
  afterGraph: Pick<RuleGraph, 'nodes' | 'edges'>,
): GraphDiff {
  // Compared by the input each edge lands on, however old the graph is that says it.
  const before = { nodes: beforeGraph.nodes, edges: withExplicitInputs(beforeGraph) };
  const after = { nodes: afterGraph.nodes, edges: withExplicitInputs(afterGraph) };
  const nodes: Record<string, DiffState> = {};
  const edges: Record<string, DiffState> = {};
  const beforeNodes = new Map(before.nodes.map((n) => [n.id, n]));
  const afterNodes = new Map(after.nodes.map((n) => [n.id, n]));
  for (const node of after.nodes) {
    const old = beforeNodes.get(node.id);
    if (!old) nodes[node.id] = 'added';
    else if (!sameNode(old, node)) nodes[node.id] = 'changed';
  }
  for (const node of before.nodes) if (!afterNodes.has(node.id)) nodes[node.id] = 'removed';
  const edgeKey = (e: RuleGraph['edges'][number]) => `${e.sourceId}>${e.targetId}:${e.targetHandle ?? ''}`;
  const beforeEdges = new Set(before.edges.map(edgeKey));
  const afterEdges = new Set(after.edges.map(edgeKey));
  for (const edge of after.edges) if (!beforeEdges.has(edgeKey(edge))) edges[edge.id] = 'added';
  const removedEdges = before.edges.filter((e) => !afterEdges.has(edgeKey(e)));
  for (const edge of removedEdges) edges[`removed:${edge.id}`] = 'removed';
  return {
    nodes,
    edges,
    merged: {
      nodes: [...after.nodes, ...before.nodes.filter((n) => !afterNodes.has(n.id))],
      edges: [
        ...after.edges,
        ...removedEdges
          .filter((e) => beforeNodes.has(e.sourceId) && beforeNodes.has(e.targetId))
          .map((e) => ({ ...e, id: `removed:${e.id}` })),
      ],
    },
  };
}

export function diffDecorations(diff: GraphDiff): Decorations {
  return {
    nodes: Object.fromEntries(Object.entries(diff.nodes).map(([id, state]) => [id, { diff: state }])),
    edges: Object.fromEntries(Object.entries(diff.edges).map(([id, state]) => [id, { diff: state }])),
  };
}
