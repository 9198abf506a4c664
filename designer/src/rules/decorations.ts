import type { ConditionTrace, PayoutStep, RuleGraphError, RuleTrace } from '@opscycle/domain';
import type { Decorations, NodeDecoration } from './flowMapping';
import { formatFactValue, formatPayoutStep } from './traceFormat';

/** Validator errors onto the node or edge they name; errors naming neither stay in the problem list. */
export function problemDecorations(errors: readonly RuleGraphError[]): Decorations {
  const nodes: Record<string, NodeDecoration> = {};
  const edges: NonNullable<Decorations['edges']> = {};
  for (const error of errors) {
    if (error.nodeId) {
      const entry = (nodes[error.nodeId] ??= { problems: [] });
      entry.problems = [...(entry.problems ?? []), `${error.code}: ${error.message}`];
    }
    if (error.edgeId) {
      const entry = (edges[error.edgeId] ??= { problems: [] });
      entry.problems = [...(entry.problems ?? []), `${error.code}: ${error.message}`];
    }
  }
  return { nodes, edges };
}

function visitConditions(trace: ConditionTrace, into: Record<string, NodeDecoration>) {
  if (trace.nodeId) {
    const values: Record<string, unknown> = {};
    if (trace.fact !== undefined)
      values[trace.path ? `${trace.fact}${trace.path}` : trace.fact] = formatFactValue(trace.factValue);
    into[trace.nodeId] = { trace: { fired: trace.result, values } };
  }
  for (const child of trace.children ?? []) visitConditions(child, into);
}

/** What a simulation reports back onto the graph. */
export interface SimulationTrace {
  rules: readonly RuleTrace[];
  steps?: readonly PayoutStep[];
  /** The currency of the steps' amounts (minor units). */
  currency?: string;
}

/**
 * A simulation's trace onto the graph: every decision node (one json-rules-engine rule) fired or
 * not, every condition with the fact value it read. Edges into a node that held are drawn "fired".
 */
export function traceDecorations(
  trace: SimulationTrace,
  edges: readonly { id: string; sourceId: string; targetId: string }[],
): Decorations {
  const nodes: Record<string, NodeDecoration> = {};
  for (const rule of trace.rules) {
    visitConditions(rule.conditions, nodes);
    const previous = nodes[rule.nodeId]?.trace;
    // The same rule runs once per payee: it "fired" if it fired for anyone.
    nodes[rule.nodeId] = {
      trace: { fired: rule.fired || (previous?.fired ?? false), values: previous?.values ?? {} },
    };
  }
  // Payout steps say what each node computed (tier applied, rate, cap) with the amount in minor units.
  for (const [index, step] of (trace.steps ?? []).entries()) {
    const entry = (nodes[step.nodeId] ??= { trace: { fired: true, values: {} } });
    // One node can take several steps (each tier band, each deal): number them so none hides another.
    const key = `${step.op}${step.dealId ? `:${step.dealId}` : ''}#${index}`;
    entry.trace = {
      fired: entry.trace?.fired ?? true,
      values: { ...entry.trace?.values, [key]: formatPayoutStep(step, trace.currency ?? 'CNY') },
    };
  }
  const firedEdges: NonNullable<Decorations['edges']> = {};
  for (const edge of edges)
    if (nodes[edge.sourceId]?.trace?.fired && nodes[edge.targetId]?.trace?.fired)
      firedEdges[edge.id] = { fired: true };
  return { nodes, edges: firedEdges };
}

export function mergeDecorations(...all: Decorations[]): Decorations {
  const nodes: NonNullable<Decorations['nodes']> = {};
  const edges: NonNullable<Decorations['edges']> = {};
  for (const d of all) {
    for (const [id, v] of Object.entries(d.nodes ?? {})) nodes[id] = { ...nodes[id], ...v };
    for (const [id, v] of Object.entries(d.edges ?? {})) edges[id] = { ...edges[id], ...v };
  }
  return { nodes, edges };
}
