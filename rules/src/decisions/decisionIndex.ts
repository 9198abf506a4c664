import { NODE_DATA } from '@opscycle/domain';
import type { CompiledRuleSet, FactRef, NodeData, NodeKind, RuleTrace } from '@opscycle/domain';

export interface Decision<K extends NodeKind = NodeKind> {
  nodeId: string;
  kind: K;
  data: NodeData<K>;
  measure?: FactRef;
  base?: FactRef;
  modifiers: string[];
}
export type AnyDecision = { [K in NodeKind]: Decision<K> }[NodeKind];

const cache = new WeakMap<CompiledRuleSet, Map<string, AnyDecision>>();

/** The decisions of a compiled set, their data parsed once with the same schemas the graph uses. */
export function decisionsOf(compiled: CompiledRuleSet): Map<string, AnyDecision> {
  let decisions = cache.get(compiled);
  if (!decisions) {
    decisions = new Map();
    for (const rule of compiled.rules) {
      const { nodeId, kind, data, measure, base, modifiers } = rule.event.params;
      const decision = { nodeId, kind, data: NODE_DATA[kind].parse(data), modifiers } as AnyDecision;
      if (measure) decision.measure = measure;
      if (base) decision.base = base;
      decisions.set(nodeId, decision);
    }
    cache.set(compiled, decisions);
  }
  return decisions;
}

export function decisionsOfKind<K extends NodeKind>(
  decisions: Map<string, AnyDecision>,
  kind: K,
): Decision<K>[] {
  const result: Decision<K>[] = [];
  for (const d of decisions.values()) if (isKind(d, kind)) result.push(d);
  return result;
}

function isKind<K extends NodeKind>(d: AnyDecision, kind: K): d is AnyDecision & Decision<K> {
  return d.kind === kind;
}

export function traceIndex(traces: readonly RuleTrace[]): Map<string, RuleTrace> {
  return new Map(traces.map((t) => [t.nodeId, t]));
}
