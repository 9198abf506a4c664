import { canConnect, type NodeKind } from '@opscycle/domain';

/**
 * Checked while the user drags a connection, with the domain's own connection table (the same one
 * the API's validator enforces; its errors still land on the node after saving). On top of it:
 * no loops, no duplicates, one input into NOT, and a base amount only into what pays on a base.
 */
export interface ConnectionCheck {
  sourceKind: NodeKind;
  targetKind: NodeKind;
  sourceHandle?: string | null;
  /** Would the edge close a loop (target already reaches source)? */
  createsCycle: boolean;
  /** Edges already entering the target. */
  targetInputs: number;
  duplicate: boolean;
}

/** Returns why the connection is refused, or null when it may be drawn. */
export function refuseConnection(c: ConnectionCheck): string | null {
  if (c.duplicate) return 'duplicate edge';
  if (c.createsCycle) return 'it would create a cycle';
  if (!canConnect(c.sourceKind, c.targetKind))
    return `a ${c.sourceKind} node cannot feed a ${c.targetKind} node`;
  if (c.sourceHandle === 'base' && c.targetKind !== 'tierTable' && c.targetKind !== 'rateTimesBase')
    return 'a base amount only feeds a tier table or a rate';
  if (c.targetKind === 'not' && c.targetInputs >= 1) return 'a NOT node takes exactly one input';
  return null;
}

/** Does `from` reach `to` along edges? (Used to refuse an edge to -> from that would close a loop.) */
export function reaches(
  edges: readonly { source: string; target: string }[],
  from: string,
  to: string,
): boolean {
  const out = new Map<string, string[]>();
  for (const e of edges) out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const id = stack.pop() as string;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(out.get(id) ?? []));
  }
  return false;
}
