import {
  COMPILED_FORMAT,
  DomainError,
  NODE_ROLE,
  RuleGraph,
  isDecisionKind,
  resolveInputSlot,
} from '@opscycle/domain';
import type {
  CompiledCondition,
  CompiledDecision,
  CompiledRule,
  CompiledRuleSet,
  FactRef,
  RuleNode,
} from '@opscycle/domain';
import type { GraphIndex } from './graphIndex';
import { indexGraph, inputNodes } from './graphIndex';
import { validateRuleGraphStructure } from './validate/graph';

/**
 * Compiles a rule graph to json-rules-engine rules: one rule per decision node (payout component,
 * modifier, outcome), whose conditions are the node's boolean inputs and whose event carries the
 * decision's meaning. Throws RULES_INVALID_GRAPH (with every validation error) for an invalid graph.
 * Test cases are not run here (a draft whose case fails still simulates); publication runs them.
 */
export function compileRuleGraph(input: unknown): CompiledRuleSet {
  const validation = validateRuleGraphStructure(input);
  if (!validation.ok) {
    const first = validation.errors[0];
    throw new DomainError(
      'RULES_INVALID_GRAPH',
      `the rule graph is invalid: ${first?.message ?? 'unknown problem'}${validation.errors.length > 1 ? ` (and ${validation.errors.length - 1} more)` : ''}`,
      { errors: validation.errors },
    );
  }
  return compileSoundGraph(RuleGraph.parse(input));
}

/** Compiles a graph validateRuleGraphStructure accepted. */
export function compileSoundGraph(graph: RuleGraph): CompiledRuleSet {
  const index = indexGraph(graph);
  const rules = [...index.nodes.values()]
    .filter((node) => isDecisionKind(node.kind))
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((node) => compileDecision(node, index));
  return {
    format: COMPILED_FORMAT,
    ruleSetId: graph.id,
    graphVersion: graph.version,
    kind: graph.kind,
    name: graph.name,
    currency: graph.currency ?? null,
    // validateRuleGraphStructure guarantees effectiveFrom.
    effectiveFrom: graph.effectiveFrom ?? '',
    effectiveTo: graph.effectiveTo ?? null,
    rules,
  };
}

function compileDecision(node: RuleNode, index: GraphIndex): CompiledRule {
  const inputs = inputNodes(index, node.id);
  const params: CompiledDecision = {
    nodeId: node.id,
    kind: node.kind,
    data: { ...node.data },
    modifiers: [],
  };
  // A value input lands on the slot of the same name in the decision's params (measure, base).
  for (const edge of index.inputs.get(node.id) ?? []) {
    const source = index.nodes.get(edge.sourceId);
    if (source?.kind !== 'factInput') continue;
    const slot = resolveInputSlot(source.kind, node.kind, edge);
    if (slot.ok && (slot.slot === 'measure' || slot.slot === 'base'))
      params[slot.slot] = factRef(source.data);
  }
  if (NODE_ROLE[node.kind] === 'payout') params.modifiers = modifierChain(node.id, index);
  return {
    name: node.id,
    priority: 1,
    conditions: {
      all: inputs.filter((n) => NODE_ROLE[n.kind] === 'boolean').map((n) => compileBoolean(n, index)),
    },
    event: { type: node.kind, params },
  };
}

function factRef(data: FactRef): FactRef {
  return data.path === undefined ? { fact: data.fact } : { fact: data.fact, path: data.path };
}

function compileBoolean(node: RuleNode, index: GraphIndex): CompiledCondition {
  const children = () =>
    inputNodes(index, node.id)
      .filter((n) => NODE_ROLE[n.kind] === 'boolean')
      .map((n) => compileBoolean(n, index));
  switch (node.kind) {
    case 'condition': {
      const { fact, path, operator, value, valueFact } = node.data;
      const compareWith = valueFact ? factRef(valueFact) : value;
      if (compareWith === undefined) throw new Error(`condition ${node.id} has no value`); // validated before
      const compiled: CompiledCondition = { fact, operator, value: compareWith, name: node.id };
      if (path !== undefined) compiled.path = path;
      return compiled;
    }
    case 'any':
      return { any: children(), name: node.id };
    case 'not': {
      const [only] = children();
      if (!only) throw new Error(`not node ${node.id} has no input`); // validation prevents this
      return { not: only, name: node.id };
    }
    default:
      return { all: children(), name: node.id };
  }
}

/** The multipliers and caps applied to a component, in the order the edges chain them. */
function modifierChain(nodeId: string, index: GraphIndex): string[] {
  const chain: string[] = [];
  for (let current = nodeId; ;) {
    const next = (index.outputs.get(current) ?? [])
      .map((e) => index.nodes.get(e.targetId))
      .find((n) => n !== undefined && NODE_ROLE[n.kind] === 'modifier');
    if (!next || chain.includes(next.id)) return chain;
    chain.push(next.id);
    current = next.id;
  }
}
