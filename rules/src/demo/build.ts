import type { z } from 'zod';
import { NODE_DATA } from '@opscycle/domain';
import type { NodeKind, RuleEdge, RuleNode, RuleNodeOf } from '@opscycle/domain';

/**
 * Typed builders for rule graphs in code (demo graphs, tests): a node's data is checked against its
 * kind's schema at compile time, so no `as` casts are needed.
 */
export function aNode<K extends NodeKind>(
  id: string,
  kind: K,
  data: z.input<(typeof NODE_DATA)[K]>,
  position: { x: number; y: number } = { x: 0, y: 0 },
): RuleNodeOf<K> {
  return { id, kind, data: NODE_DATA[kind].parse(data), position } as RuleNodeOf<K>;
}

export function anEdge(sourceId: string, targetId: string, sourceHandle?: string): RuleEdge {
  const edge: RuleEdge = { id: `${sourceId}--${targetId}`, sourceId, targetId };
  if (sourceHandle !== undefined) edge.sourceHandle = sourceHandle;
  return edge;
}

/** Lays nodes out in columns by the order given, so demo graphs open readable in the designer. */
export function layOut(columns: RuleNode[][]): RuleNode[] {
  return columns.flatMap((column, x) =>
    column.map((node, y) => ({ ...node, position: { x: 80 + x * 280, y: 60 + y * 140 } })),
  );
}
