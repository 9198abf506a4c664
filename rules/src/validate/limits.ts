import { NODE_ROLE } from '@opscycle/domain';
import type { RuleGraph, RuleNode } from '@opscycle/domain';
import type { GraphIndex } from '../graphIndex';
import type { ErrorReport } from './report';

/**
 * How big and how extreme a rule graph may be. Every consumer of a compiled rule set (json-rules-engine,
 * the fast evaluator, zod, the canonical JSON of a checksum, the explanation, the HTTP serializer)
 * walks condition trees recursively, and over HTTP the first of them overflowed the stack at about
 * 720 nested conditions; 64 levels keep a margin of more than ten. A boolean node used by several
 * decisions is copied into each one's rule, so the compiled size is bounded too, not only the node
 * count. Money and rates are bounded so that every amount a plan fixes stays a safe integer.
 */
export const RULE_GRAPH_LIMITS = {
  /** Nodes in one graph (the demo plans have up to 30). */
  maxNodes: 1_000,
  /** Edges in one graph. */
  maxEdges: 3_000,
  /** Boolean nodes nested under one decision: a condition is 1, each `all`/`any`/`not`/gate over it adds 1. */
  maxConditionDepth: 64,
  /** Conditions in all compiled rules together, a shared boolean node counted once per rule using it. */
  maxCompiledConditions: 5_000,
  /** 10^15 minor units (10 trillion CNY); also the bound on the amounts a plan fixes, together. */
  maxMoneyMinor: 1_000_000_000_000_000,
  /** 100 = 10,000%: a rate, a multiplier (and a component's multipliers together), a % of target. */
  maxRate: 100,
} as const;

/** Size, nesting depth and compiled size; then money and rates of every node. */
export function checkLimits(graph: RuleGraph, index: GraphIndex, report: ErrorReport): void {
  const { maxNodes, maxEdges } = RULE_GRAPH_LIMITS;
  if (graph.nodes.length > maxNodes)
    report.graph('RULE_GRAPH_TOO_LARGE', `the graph has ${graph.nodes.length} nodes; at most ${maxNodes}`);
  if (graph.edges.length > maxEdges)
    report.graph('RULE_GRAPH_TOO_LARGE', `the graph has ${graph.edges.length} edges; at most ${maxEdges}`);
  checkNesting(index, report);
  for (const node of graph.nodes) checkValues(node, report);
  checkPlanAmounts(graph, index, report);
}

/**
 * Depth and compiled size of every boolean node, in topological order (no recursion: the graph may
 * be as deep as a user cares to make it). Nodes on a cycle are never finished; checkFlow reports them.
 */
function checkNesting(index: GraphIndex, report: ErrorReport): void {
  const { maxConditionDepth, maxCompiledConditions } = RULE_GRAPH_LIMITS;
  const isBoolean = (id: string) => {
    const kind = index.nodes.get(id)?.kind;
    return kind !== undefined && NODE_ROLE[kind] === 'boolean';
  };
  const booleanInputs = (id: string) => (index.inputs.get(id) ?? []).map((e) => e.sourceId).filter(isBoolean);
  const depth = new Map<string, number>();
  // Saturates just past the limit, so a doubling lattice stays a small number.
  const size = new Map<string, number>();
  const waiting = new Map<string, number>();
  const ready: string[] = [];
  for (const id of index.nodes.keys()) {
    if (!isBoolean(id)) continue;
    const count = booleanInputs(id).length;
    waiting.set(id, count);
    if (count === 0) ready.push(id);
  }
  const tooDeep = new Set<string>();
  for (let id = ready.pop(); id !== undefined; id = ready.pop()) {
    const inputs = booleanInputs(id);
    const d = 1 + inputs.reduce((deepest, i) => Math.max(deepest, depth.get(i)!), 0);
    depth.set(id, d);
    size.set(id, Math.min(maxCompiledConditions + 1, 1 + sumOf(inputs.map((i) => size.get(i)!))));
    if (d > maxConditionDepth && !inputs.some((i) => tooDeep.has(i))) {
      tooDeep.add(id);
      report.node(
        'RULE_GRAPH_TOO_DEEP',
        id,
        `conditions nest ${d} deep here; at most ${maxConditionDepth} (flatten chains of all, any and not)`,
      );
    } else if (d > maxConditionDepth) tooDeep.add(id);
    for (const edge of index.outputs.get(id) ?? []) {
      if (!isBoolean(edge.targetId)) continue;
      const left = waiting.get(edge.targetId)! - 1;
      waiting.set(edge.targetId, left);
      if (left === 0) ready.push(edge.targetId);
    }
  }
  let compiled = 0;
  for (const node of index.nodes.values()) {
    if (NODE_ROLE[node.kind] === 'boolean' || NODE_ROLE[node.kind] === 'entry') continue;
    if (NODE_ROLE[node.kind] === 'value') continue;
    const before = compiled;
    compiled += sumOf(booleanInputs(node.id).map((i) => size.get(i) ?? 0));
    if (before <= maxCompiledConditions && compiled > maxCompiledConditions)
      report.node(
        'RULE_GRAPH_TOO_LARGE',
        node.id,
        `the compiled rules reach more than ${maxCompiledConditions} conditions here (a boolean node feeding several decisions is copied into each)`,
      );
  }
}

function sumOf(values: number[]): number {
  return values.reduce((sum, v) => sum + v, 0);
}

/** The money and rate fields of a node, each as (field name, value, kind of bound). */
function valuesOf(node: RuleNode): [string, number | undefined, 'money' | 'rate'][] {
  switch (node.kind) {
    case 'tierTable':
      return node.data.bands.flatMap((band, i): [string, number | undefined, 'money' | 'rate'][] => [
        [`band ${i + 1} rate`, band.rate, 'rate'],
        [`band ${i + 1} amount`, band.amountMinor, 'money'],
      ]);
    case 'rateTimesBase':
      return [['rate', node.data.rate, 'rate']];
    case 'fixedAmount':
      return [['amount', node.data.amountMinor, 'money']];
    case 'weightedMeasures':
      return node.data.measures.flatMap((m, i): [string, number | undefined, 'money' | 'rate'][] => [
        [`measure ${i + 1} floor`, m.floor, 'rate'],
        [`measure ${i + 1} cap`, m.cap, 'rate'],
      ]);
    case 'spif':
      return [
        ['amount per deal', node.data.amountMinorPerDeal, 'money'],
        ['rate', node.data.rate, 'rate'],
      ];
    case 'multiplier':
      return [['factor', node.data.factor, 'rate']];
    case 'cap':
      return [
        ['maximum', node.data.maxMinor, 'money'],
        ['% of target incentive', node.data.pctOfTargetIncentive, 'rate'],
      ];
    case 'draw':
      return [['amount', node.data.amountMinor, 'money']];
    default:
      // Clawbacks and adjustments carry no amount of their own (a clawback's is the refund's).
      return [];
  }
}

function checkValues(node: RuleNode, report: ErrorReport): void {
  const { maxMoneyMinor, maxRate } = RULE_GRAPH_LIMITS;
  for (const [field, value, bound] of valuesOf(node)) {
    if (value === undefined) continue;
    if (value < 0)
      report.node('RULE_GRAPH_NEGATIVE_VALUE', node.id, `${field} is ${value}; it cannot be negative`);
    else if (bound === 'money' && value > maxMoneyMinor)
      report.node(
        'RULE_GRAPH_MONEY_OUT_OF_RANGE',
        node.id,
        `${field} is ${value} minor units; at most ${maxMoneyMinor}`,
      );
    else if (bound === 'rate' && value > maxRate)
      report.node(
        'RULE_GRAPH_RATE_OUT_OF_RANGE',
        node.id,
        `${field} is ${value}; at most ${maxRate} (${maxRate * 100}%)`,
      );
  }
}

/** What a component pays whatever the facts: its fixed amount, or every amount band it can reach. */
function fixedPart(node: RuleNode): number {
  switch (node.kind) {
    case 'fixedAmount':
      return node.data.amountMinor;
    case 'tierTable': {
      const amounts = node.data.bands.map((b) => b.amountMinor ?? 0);
      return node.data.mode === 'marginal' ? sumOf(amounts) : amounts.reduce((a, b) => Math.max(a, b), 0);
    }
    case 'draw':
      return node.data.amountMinor;
    default:
      return 0;
  }
}

/**
 * A component's multipliers together multiply by at most maxRate, and the amounts the plan fixes
 * (fixed amounts, amount bands, the draw), multiplied so, pay at most maxMoneyMinor together: a
 * payee's total then stays a safe integer whatever the facts add.
 */
function checkPlanAmounts(graph: RuleGraph, index: GraphIndex, report: ErrorReport): void {
  const { maxMoneyMinor, maxRate } = RULE_GRAPH_LIMITS;
  let fixedTotal = 0;
  for (const node of graph.nodes) {
    if (NODE_ROLE[node.kind] !== 'payout') continue;
    let factor = 1;
    const seen = new Set<string>([node.id]);
    for (let current = node.id; ;) {
      const next = (index.outputs.get(current) ?? [])
        .map((e) => index.nodes.get(e.targetId))
        .find((n) => n !== undefined && NODE_ROLE[n.kind] === 'modifier');
      if (!next || seen.has(next.id)) break;
      seen.add(next.id);
      if (next.kind === 'multiplier') {
        const before = factor;
        factor *= next.data.factor;
        if (before <= maxRate && factor > maxRate)
          report.node(
            'RULE_GRAPH_RATE_OUT_OF_RANGE',
            next.id,
            `the multipliers of ${node.id} reach × ${factor} here; together at most × ${maxRate}`,
          );
      }
      current = next.id;
    }
    const before = fixedTotal;
    fixedTotal += fixedPart(node) * Math.min(factor, maxRate);
    if (before <= maxMoneyMinor && fixedTotal > maxMoneyMinor)
      report.node(
        'RULE_GRAPH_MONEY_OUT_OF_RANGE',
        node.id,
        `the plan's fixed amounts reach ${fixedTotal} minor units here; together at most ${maxMoneyMinor}`,
      );
  }
}
