import dagre from '@dagrejs/dagre';
import type { RuleGraph } from './model';

const DEFAULT_SIZE = { width: 200, height: 90 };

/**
 * Left-to-right layered layout (facts on the left, outcomes on the right) with dagre. Sizes are the
 * measured ones when React Flow has rendered the nodes, else a typical node size.
 */
export function layoutGraph<G extends Pick<RuleGraph, 'nodes' | 'edges'>>(
  graph: G,
  sizes: ReadonlyMap<string, { width: number; height: number }> = new Map(),
): G {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 30, ranksep: 70, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) g.setNode(node.id, { ...(sizes.get(node.id) ?? DEFAULT_SIZE) });
  for (const edge of graph.edges) g.setEdge(edge.sourceId, edge.targetId);
  dagre.layout(g);
  return {
    ...graph,
    nodes: graph.nodes.map((node) => {
      const placed = g.node(node.id);
      const size = sizes.get(node.id) ?? DEFAULT_SIZE;
      // dagre centres nodes; React Flow positions their top-left corner.
      return {
        ...node,
        position: { x: Math.round(placed.x - size.width / 2), y: Math.round(placed.y - size.height / 2) },
      };
    }),
  };
}
