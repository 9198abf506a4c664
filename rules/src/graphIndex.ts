import type { RuleEdge, RuleGraph, RuleNode } from '@opscycle/domain';

/** Adjacency of a rule graph, over edges whose both ends exist. */
export interface GraphIndex {
  readonly nodes: ReadonlyMap<string, RuleNode>;
  readonly inputs: ReadonlyMap<string, RuleEdge[]>;
  readonly outputs: ReadonlyMap<string, RuleEdge[]>;
}

export function indexGraph(graph: Pick<RuleGraph, 'nodes' | 'edges'>): GraphIndex {
  const nodes = new Map<string, RuleNode>();
  for (const node of graph.nodes) if (!nodes.has(node.id)) nodes.set(node.id, node);
  const inputs = new Map<string, RuleEdge[]>();
  const outputs = new Map<string, RuleEdge[]>();
  for (const node of nodes.keys()) {
    inputs.set(node, []);
    outputs.set(node, []);
  }
  const seenEdges = new Set<string>();
  for (const edge of graph.edges) {
    if (seenEdges.has(edge.id) || !nodes.has(edge.sourceId) || !nodes.has(edge.targetId)) continue;
    seenEdges.add(edge.id);
    inputs.get(edge.targetId)?.push(edge);
    outputs.get(edge.sourceId)?.push(edge);
  }
  // Sorted so compiled output never depends on the order nodes and edges were saved in.
  for (const list of [...inputs.values(), ...outputs.values()]) list.sort(byEdgeEnds);
  return { nodes, inputs, outputs };
}

function byEdgeEnds(a: RuleEdge, b: RuleEdge): number {
  return a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : a.targetId < b.targetId ? -1 : 1;
}

export function inputNodes(index: GraphIndex, nodeId: string): RuleNode[] {
  return (index.inputs.get(nodeId) ?? []).flatMap((e) => {
    const node = index.nodes.get(e.sourceId);
    return node ? [node] : [];
  });
}
