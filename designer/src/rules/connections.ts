import { NODE_ROLE, type NodeKind, type NodeRole } from '@opscycle/domain';

/**
 * Which node roles may feed which, checked while the user drags a connection. The API's validator
 * is the authority (it runs on save and its errors land on the node); this only keeps obviously
 * wrong wires from being drawn.
 */
const FEEDS = {
  entry: ['boolean', 'payout', 'modifier', 'outcome'],
  value: ['payout'],
  boolean: ['boolean', 'payout', 'modifier', 'outcome'],
  payout: ['modifier'],
  modifier: ['modifier'],
  outcome: [],
} as const satisfies Record<NodeRole, readonly NodeRole[]>;

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
  const from = NODE_ROLE[c.sourceKind];
  const to = NODE_ROLE[c.targetKind];
  if (c.duplicate) return 'duplicate edge';
  if (c.createsCycle) return 'it would create a cycle';
  if (!(FEEDS[from] as readonly NodeRole[]).includes(to))
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
