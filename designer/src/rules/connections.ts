import {
  NODE_SPECS,
  resolveInputSlot,
  type InputSlot,
  type InputSpec,
  type NodeKind,
} from '@opscycle/domain';

/**
 * Checked while the user drags a connection, with the domain's own input table (NODE_SPECS, the same
 * one the validator enforces and the compiler reads; its errors still land on the node after saving).
 * On top of it: no loops, no duplicates, and no more edges on an input than it takes.
 */
export interface ConnectionCheck {
  sourceKind: NodeKind;
  targetKind: NodeKind;
  /** The target's input handle the edge was dropped on. */
  targetHandle?: string | null;
  /** Would the edge close a loop (target already reaches source)? */
  createsCycle: boolean;
  /** Edges already landing on the target's inputs, by input. */
  inputsInUse: Partial<Record<InputSlot, number>>;
  duplicate: boolean;
}

/** Returns why the connection is refused, or null when it may be drawn. */
export function refuseConnection(c: ConnectionCheck): string | null {
  if (c.duplicate) return 'duplicate edge';
  if (c.createsCycle) return 'it would create a cycle';
  const slot = resolveInputSlot(c.sourceKind, c.targetKind, { targetHandle: c.targetHandle });
  if (!slot.ok) return slot.reason;
  const inputs: Partial<Record<InputSlot, InputSpec>> = NODE_SPECS[c.targetKind].inputs;
  const max = inputs[slot.slot]?.max ?? null;
  if (max !== null && (c.inputsInUse[slot.slot] ?? 0) >= max)
    return `the "${slot.slot}" input of a ${c.targetKind} takes ${max === 1 ? 'one edge' : `${max} edges`}`;
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
