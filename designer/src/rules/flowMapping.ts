import type { Edge, Node } from '@xyflow/react';
import { withExplicitInputs } from '@opscycle/domain';
import type { NodeKind, RuleGraph, RuleGraphEdge, RuleGraphNode } from './model';

/**
 * THE one place that maps OpsCycle's RuleGraph to and from React Flow's Node/Edge. Everything React
 * Flow adds (selection, measured size, drag state) stays on the React Flow side; everything the
 * designer shows on top of a node (validator problems, simulation trace, diff state) is plain data
 * in `decoration` and is dropped again by `fromFlow`.
 */
export type DiffState = 'added' | 'removed' | 'changed';

export interface NodeDecoration {
  problems?: string[];
  /** The values this node saw/produced in the last simulation; absent = not reached. */
  trace?: { fired: boolean; values?: Record<string, unknown> };
  diff?: DiffState;
}

export interface RuleNodeData extends Record<string, unknown> {
  kind: NodeKind;
  data: RuleGraphNode['data'];
  decoration: NodeDecoration;
}

export type RuleFlowNode = Node<RuleNodeData, 'rule'>;

export interface RuleEdgeData extends Record<string, unknown> {
  problems?: string[];
  fired?: boolean;
  diff?: DiffState;
}
export type RuleFlowEdge = Edge<RuleEdgeData>;

export interface Decorations {
  nodes?: Record<string, NodeDecoration>;
  edges?: Record<string, RuleEdgeData>;
}

export function toFlowNode(node: RuleGraphNode, decoration: NodeDecoration = {}): RuleFlowNode {
  return {
    id: node.id,
    type: 'rule',
    position: { ...node.position },
    data: { kind: node.kind, data: structuredClone(node.data), decoration },
  };
}

export function toFlowEdge(edge: RuleGraphEdge, data: RuleEdgeData = {}): RuleFlowEdge {
  const problem = (data.problems?.length ?? 0) > 0;
  return {
    id: edge.id,
    source: edge.sourceId,
    target: edge.targetId,
    ...(edge.targetHandle ? { targetHandle: edge.targetHandle } : {}),
    data,
    animated: data.fired === true,
    className: [problem ? 'edge-invalid' : '', data.diff ? `edge-diff-${data.diff}` : '']
      .filter(Boolean)
      .join(' '),
    style: problem
      ? { stroke: '#cf222e', strokeWidth: 2.5 }
      : data.fired
        ? { stroke: '#d4a72c', strokeWidth: 2.5 }
        : undefined,
  };
}

export function toFlow(
  graph: Pick<RuleGraph, 'nodes' | 'edges'>,
  decorations: Decorations = {},
): { nodes: RuleFlowNode[]; edges: RuleFlowEdge[] } {
  return {
    nodes: graph.nodes.map((n) => toFlowNode(n, decorations.nodes?.[n.id])),
    // Every edge drawn to the handle of the input it lands on (older graphs leave it implicit).
    edges: withExplicitInputs(graph).map((e) => toFlowEdge(e, decorations.edges?.[e.id])),
  };
}

export function fromFlowNode(node: RuleFlowNode): RuleGraphNode {
  // kind and data travel together through toFlowNode and the kind's own editor, so the pair is one
  // member of the RuleNode union; TypeScript cannot see that across the React Flow boundary.
  return {
    id: node.id,
    kind: node.data.kind,
    data: structuredClone(node.data.data),
    position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
  } as RuleGraphNode;
}

export function fromFlowEdge(edge: RuleFlowEdge): RuleGraphEdge {
  return {
    id: edge.id,
    sourceId: edge.source,
    targetId: edge.target,
    ...(edge.targetHandle ? { targetHandle: edge.targetHandle } : {}),
  };
}

export function fromFlow<M extends object>(
  meta: M,
  nodes: readonly RuleFlowNode[],
  edges: readonly RuleFlowEdge[],
): M & Pick<RuleGraph, 'nodes' | 'edges'> {
  return { ...meta, nodes: nodes.map(fromFlowNode), edges: edges.map(fromFlowEdge) };
}

/** Re-applies decorations to nodes already on the canvas, keeping React Flow's own state (selection, size). */
export function decorate(
  nodes: readonly RuleFlowNode[],
  edges: readonly RuleFlowEdge[],
  decorations: Decorations,
): { nodes: RuleFlowNode[]; edges: RuleFlowEdge[] } {
  return {
    nodes: nodes.map((n) => ({ ...n, data: { ...n.data, decoration: decorations.nodes?.[n.id] ?? {} } })),
    edges: edges.map((e) => ({ ...e, ...toFlowEdge(fromFlowEdge(e), decorations.edges?.[e.id]) })),
  };
}
