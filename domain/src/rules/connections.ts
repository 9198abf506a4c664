import type { NodeKind } from './kinds';
import { NODE_KINDS } from './kinds';
import {
  INPUT_SLOTS,
  NODE_SPECS,
  isAmountKind,
  type AmountKind,
  type InputSlot,
  type InputSpec,
} from './nodeSpecs';

/**
 * Connection rules, derived from each kind's inputs in NODE_SPECS. The designer checks a drag with
 * them and draws one handle per input; the validator reports RULE_GRAPH_INVALID_CONNECTION for
 * anything else; the compiler reads a value input by the same slot. One table, three users.
 */

/** Payout components that pay an amount of their own (a multiplier or cap acts on them). */
export const AMOUNT_COMPONENT_KINDS: readonly AmountKind[] = NODE_KINDS.filter(isAmountKind);

/** The inputs of a kind, in handle order. */
export function inputSlots(kind: NodeKind): readonly [InputSlot, InputSpec][] {
  const inputs: Partial<Record<InputSlot, InputSpec>> = NODE_SPECS[kind].inputs;
  return INPUT_SLOTS.flatMap((slot) => {
    const spec = inputs[slot];
    return spec ? [[slot, spec] as [InputSlot, InputSpec]] : [];
  });
}

/** Which node kinds may feed each node kind, on any of its inputs. */
export const NODE_ACCEPTS: Readonly<Record<NodeKind, readonly NodeKind[]>> = (() => {
  const accepts = {} as Record<NodeKind, readonly NodeKind[]>;
  for (const kind of NODE_KINDS)
    accepts[kind] = [...new Set(inputSlots(kind).flatMap(([, spec]) => spec.accepts))];
  return accepts;
})();

export function canConnect(source: NodeKind, target: NodeKind): boolean {
  return NODE_ACCEPTS[target].includes(source);
}

/** Does anything take this kind as an input (so its node has an output handle)? */
export function hasOutput(kind: NodeKind): boolean {
  return NODE_KINDS.some((target) => canConnect(kind, target));
}

export type SlotResolution = { ok: true; slot: InputSlot } | { ok: false; reason: string };

/**
 * The input an edge lands on: its `targetHandle`; for graphs saved before targetHandle, a
 * `sourceHandle` that names an input of the target; otherwise the target's first input that takes
 * the source's kind.
 */
export function resolveInputSlot(
  sourceKind: NodeKind,
  targetKind: NodeKind,
  edge: { targetHandle?: string | null | undefined; sourceHandle?: string | null | undefined },
): SlotResolution {
  const slots = inputSlots(targetKind);
  const takes = (spec: InputSpec) => spec.accepts.includes(sourceKind);
  if (edge.targetHandle) {
    const named = slots.find(([slot]) => slot === edge.targetHandle);
    if (!named) return { ok: false, reason: `a ${targetKind} has no input "${edge.targetHandle}"` };
    if (!takes(named[1]))
      return { ok: false, reason: `a ${sourceKind} cannot feed the "${named[0]}" input of a ${targetKind}` };
    return { ok: true, slot: named[0] };
  }
  const legacy = slots.find(([slot, spec]) => slot === edge.sourceHandle && takes(spec));
  if (legacy) return { ok: true, slot: legacy[0] };
  const first = slots.find(([, spec]) => takes(spec));
  if (!first) return { ok: false, reason: `a ${sourceKind} cannot feed a ${targetKind}` };
  return { ok: true, slot: first[0] };
}

/** "exactly one", "at least one", "at most one": an input's arity in words, for errors. */
export function describeArity(spec: InputSpec): string {
  const n = (k: number) => (k === 1 ? 'one' : String(k));
  if (spec.max === spec.min) return `exactly ${n(spec.min)}`;
  if (spec.max === null) return `at least ${n(spec.min)}`;
  return spec.min === 0 ? `at most ${n(spec.max)}` : `${spec.min} to ${spec.max}`;
}

/**
 * The edges with the input each lands on written out (`targetHandle`), and a `sourceHandle` that only
 * named a tier table's input dropped: how the designer draws and saves a graph of any age. Edges whose
 * input cannot be resolved are left as they are, for the validator to report.
 */
export function withExplicitInputs<
  G extends { nodes: readonly { id: string; kind: NodeKind }[]; edges: readonly RuleEdgeLike[] },
>(graph: G): G['edges'] {
  const kinds = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  return graph.edges.map((edge) => {
    const source = kinds.get(edge.sourceId);
    const target = kinds.get(edge.targetId);
    if (!source || !target) return edge;
    const slot = resolveInputSlot(source, target, edge);
    if (!slot.ok) return edge;
    const { sourceHandle: _legacy, ...rest } = edge;
    return { ...rest, targetHandle: slot.slot };
  });
}

interface RuleEdgeLike {
  id: string;
  sourceId: string;
  targetId: string;
  sourceHandle?: string | undefined;
  targetHandle?: string | undefined;
}
