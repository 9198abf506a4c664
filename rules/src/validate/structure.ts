import {
  NODE_KINDS_BY_RULE_SET,
  NODE_ROLE,
  describeArity,
  inputSlots,
  isAmountKind,
  isDecisionKind,
  resolveInputSlot,
} from '@opscycle/domain';
import type { InputSlot, NodeKind, RuleGraph, RuleNode } from '@opscycle/domain';
import type { GraphIndex } from '../graphIndex';
import type { ErrorReport } from './report';

/** Ids, edges, allowed kinds, the start node and how nodes may be connected. */
export function checkWiring(graph: RuleGraph, index: GraphIndex, report: ErrorReport): void {
  const seenNodes = new Set<string>();
  for (const node of graph.nodes) {
    if (seenNodes.has(node.id)) report.node('RULE_GRAPH_DUPLICATE_ID', node.id, 'the id is used twice');
    seenNodes.add(node.id);
  }
  const seenEdges = new Set<string>();
  for (const edge of graph.edges) {
    if (seenEdges.has(edge.id)) report.edge('RULE_GRAPH_DUPLICATE_ID', edge.id, 'the id is used twice');
    seenEdges.add(edge.id);
    for (const end of [edge.sourceId, edge.targetId]) {
      if (!index.nodes.has(end))
        report.edge('RULE_GRAPH_DANGLING_EDGE', edge.id, `points to node ${end}, which does not exist`);
    }
  }

  const allowed: readonly NodeKind[] = NODE_KINDS_BY_RULE_SET[graph.kind];
  for (const node of index.nodes.values()) {
    if (!allowed.includes(node.kind))
      report.node(
        'RULE_GRAPH_NODE_KIND_NOT_ALLOWED',
        node.id,
        `a ${graph.kind} rule set has no ${node.kind} nodes`,
      );
  }
  const starts = [...index.nodes.values()].filter((n) => n.kind === 'start');
  if (starts.length === 0) report.graph('RULE_GRAPH_MISSING_START', 'the graph has no start node');
  for (const extra of starts.slice(1))
    report.node('RULE_GRAPH_MULTIPLE_START', extra.id, 'a graph has exactly one start node');

  for (const edges of index.inputs.values()) {
    for (const edge of edges) {
      const source = index.nodes.get(edge.sourceId);
      const target = index.nodes.get(edge.targetId);
      if (!source || !target) continue;
      const slot = resolveInputSlot(source.kind, target.kind, edge);
      if (!slot.ok) report.edge('RULE_GRAPH_INVALID_CONNECTION', edge.id, slot.reason);
    }
  }
  for (const node of index.nodes.values()) checkArity(node, index, report);
}

/** Each input holds as many edges as the kind's spec allows; an amount feeds at most one modifier. */
function checkArity(node: RuleNode, index: GraphIndex, report: ErrorReport): void {
  const landed = new Map<InputSlot, number>();
  for (const edge of index.inputs.get(node.id) ?? []) {
    const source = index.nodes.get(edge.sourceId);
    if (!source) continue;
    const slot = resolveInputSlot(source.kind, node.kind, edge);
    if (slot.ok) landed.set(slot.slot, (landed.get(slot.slot) ?? 0) + 1);
  }
  for (const [slot, spec] of inputSlots(node.kind)) {
    const count = landed.get(slot) ?? 0;
    if (count < spec.min || (spec.max !== null && count > spec.max))
      report.node(
        'RULE_GRAPH_INPUT_ARITY',
        node.id,
        `a ${node.kind} takes ${describeArity(spec)} "${slot}" input (${kindList(spec.accepts)}), it has ${count}`,
      );
  }
  if (isAmountKind(node.kind) || NODE_ROLE[node.kind] === 'modifier') {
    const modifiers = (index.outputs.get(node.id) ?? []).filter((e) => {
      const target = index.nodes.get(e.targetId);
      return target !== undefined && NODE_ROLE[target.kind] === 'modifier';
    });
    if (modifiers.length > 1)
      report.node(
        'RULE_GRAPH_INPUT_ARITY',
        node.id,
        'an amount feeds at most one multiplier or cap (chain them in order)',
      );
  }
}

function kindList(kinds: readonly NodeKind[]): string {
  return kinds.length > 3 ? `${kinds.slice(0, 3).join(', ')}, …` : kinds.join(', ');
}

/** Cycles, nodes no evaluation reaches, nodes that lead to no decision, and graphs without one. */
export function checkFlow(index: GraphIndex, report: ErrorReport): void {
  const cyclic = findCycleNodes(index);
  for (const id of cyclic) report.node('RULE_GRAPH_CYCLE', id, 'is part of a cycle');

  const roots = [...index.nodes.values()].filter((n) => n.kind === 'start' || n.kind === 'factInput');
  const reached = walk(
    roots.map((n) => n.id),
    (id) => (index.outputs.get(id) ?? []).map((e) => e.targetId),
  );
  const decisions = [...index.nodes.values()].filter((n) => isDecisionKind(n.kind));
  if (decisions.length === 0)
    report.graph('RULE_GRAPH_NO_OUTCOME', 'the graph has no outcome or payout node, so it decides nothing');
  const leadsToDecision = walk(
    decisions.map((n) => n.id),
    (id) => (index.inputs.get(id) ?? []).map((e) => e.sourceId),
  );
  for (const node of index.nodes.values()) {
    if (!reached.has(node.id)) {
      if (isDecisionKind(node.kind))
        report.node('RULE_GRAPH_OUTCOME_WITHOUT_PATH', node.id, 'no path from the start node leads here');
      else report.node('RULE_GRAPH_UNREACHABLE_NODE', node.id, 'no path from the start node leads here');
    } else if (!leadsToDecision.has(node.id) && decisions.length > 0) {
      report.node('RULE_GRAPH_DEAD_END', node.id, 'leads to no outcome or payout, so it has no effect');
    }
  }
}

function walk(from: string[], next: (id: string) => string[]): Set<string> {
  const seen = new Set<string>(from);
  const stack = [...from];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    for (const n of next(id)) {
      if (!seen.has(n)) {
        seen.add(n);
        stack.push(n);
      }
    }
  }
  return seen;
}

/** Nodes on a cycle: members of a strongly connected component with more than one node, or a self-loop. */
function findCycleNodes(index: GraphIndex): string[] {
  // Tarjan's algorithm, iterative so a deep graph cannot overflow the stack.
  let counter = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result: string[] = [];
  const successors = (id: string) => (index.outputs.get(id) ?? []).map((e) => e.targetId);
  for (const rootId of [...index.nodes.keys()].sort()) {
    if (order.has(rootId)) continue;
    const work: { id: string; next: number }[] = [{ id: rootId, next: 0 }];
    order.set(rootId, counter);
    low.set(rootId, counter++);
    stack.push(rootId);
    onStack.add(rootId);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const succ = successors(frame.id);
      if (frame.next < succ.length) {
        const w = succ[frame.next++]!;
        if (!order.has(w)) {
          order.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ id: w, next: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, order.get(w)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === order.get(frame.id)) {
        const component: string[] = [];
        let w: string | undefined;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== frame.id);
        if (component.length > 1 || successors(frame.id).includes(frame.id)) result.push(...component.sort());
      }
    }
  }
  return result;
}
