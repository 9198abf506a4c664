import type { IncentivePeriodInput, RuleEdge, RuleGraph, RuleNode } from '@opscycle/domain';
import { aNode, anEdge } from '../demo/build';
import { aRoutingGraph } from './builders';
import { RULE_GRAPH_LIMITS } from '../validate/limits';

const L = RULE_GRAPH_LIMITS;
/** Conditions feeding the hub `any`, and the components the hub gates (copied into each rule). */
const HUB_CONDITIONS = 616;
const HUB_COMPONENTS = 8;
/** The bonus pays maxMoneyMinor: 10^13 through two × 10 multipliers (together × maxRate). */
const BONUS_MINOR = L.maxMoneyMinor / L.maxRate;

export interface LimitPlanOptions {
  /** One node more than maxNodes. */
  extraNode?: boolean;
  /** One boolean node more on the deep chain, in place of a filler (deeper than maxConditionDepth). */
  extraDepth?: boolean;
  /** One compiled condition more than maxCompiledConditions. */
  extraCondition?: boolean;
  /** One edge more than maxEdges. */
  extraEdge?: boolean;
  /** The deep component's rate (maxRate unless given). */
  deepRate?: number;
}

/**
 * The largest incentive plan validation accepts, every limit reached at once: maxNodes nodes,
 * maxEdges edges, a chain of conditions maxConditionDepth deep, maxCompiledConditions compiled
 * conditions, a rate of maxRate and fixed amounts paying maxMoneyMinor together. Each option
 * goes one past one limit.
 *
 * What it pays a payee with attainment >= 0 (hand-computed): the deep component deepRate x revenue
 * (capped at 10^15 or maxRate x target incentive), the bonus 10^13 x 10 x 10 = 10^15, every other
 * component 0.
 */
export function aPlanAtTheLimits(options: LimitPlanOptions = {}): RuleGraph {
  const nodes: RuleNode[] = [aNode('start', 'start', {}), aNode('revenue', 'factInput', { fact: 'revenue' })];
  const edges: RuleEdge[] = [];
  const edge = (from: string, to: string, id = `${from}--${to}`) => {
    edges.push({ ...anEdge(from, to), id });
  };

  // The deep chain: attainment >= 0, then pairs of `not` (each pair passes it through), topped by an
  // `all` where the count is odd: depth 1 + links.
  const links = L.maxConditionDepth - 1 + (options.extraDepth ? 1 : 0);
  nodes.push(aNode('c0', 'condition', { fact: 'attainment', operator: 'greaterThanInclusive', value: 0 }));
  edge('start', 'c0');
  let top = 'c0';
  for (let i = 1; i <= links; i++) {
    const id = `link-${i}`;
    nodes.push(aNode(id, i === links && links % 2 === 1 ? 'all' : 'not', {}));
    edge(top, id);
    top = id;
  }
  nodes.push(aNode('deep', 'rateTimesBase', { component: 'Deep', rate: options.deepRate ?? L.maxRate }));
  edge(top, 'deep');
  edge('revenue', 'deep');

  // The hub: an `any` of HUB_CONDITIONS conditions gating HUB_COMPONENTS components, each of whose
  // rules holds a copy: HUB_COMPONENTS x (HUB_CONDITIONS + 1) = 4,936 compiled conditions, plus the
  // deep chain's 64 = maxCompiledConditions.
  nodes.push(aNode('hub', 'any', {}));
  for (let i = 0; i < HUB_CONDITIONS; i++) {
    const id = `hub-c${i}`;
    nodes.push(aNode(id, 'condition', { fact: 'attainment', operator: 'greaterThan', value: i / 100 }));
    edge('start', id);
    edge(id, 'hub');
  }
  for (let i = 0; i < HUB_COMPONENTS; i++) {
    const id = `hub-pay${i}`;
    nodes.push(aNode(id, 'fixedAmount', { component: `Hub ${i}`, amountMinor: 0 }));
    edge('hub', id);
  }

  nodes.push(
    aNode('bonus', 'fixedAmount', { component: 'Bonus', amountMinor: BONUS_MINOR }),
    aNode('times-10', 'multiplier', { factor: 10 }),
    aNode('times-10-again', 'multiplier', { factor: 10 }),
    aNode('cap', 'cap', { maxMinor: L.maxMoneyMinor, pctOfTargetIncentive: L.maxRate }),
  );
  edge('start', 'bonus');
  edge('bonus', 'times-10');
  edge('times-10', 'times-10-again');
  edge('deep', 'cap');

  // Fillers up to maxNodes; a filler behind c0 instead of start adds one compiled condition.
  const fillers = L.maxNodes - nodes.length + (options.extraNode ? 1 : 0);
  for (let i = 0; i < fillers; i++) {
    const id = `filler-${i}`;
    nodes.push(aNode(id, 'fixedAmount', { component: `Filler ${i}`, amountMinor: 0 }));
    edge(i === 0 && options.extraCondition ? 'c0' : 'start', id);
  }
  // Parallel edges from start to the fillers (start is no condition: they change no rule) up to maxEdges.
  const extraEdges = L.maxEdges - edges.length + (options.extraEdge ? 1 : 0);
  for (let i = 0; i < extraEdges; i++) edge('start', `filler-${i % fillers}`, `start--filler-again-${i}`);

  return {
    id: 'plan-at-the-limits',
    version: 1,
    kind: 'incentive',
    name: 'A plan at every validation limit',
    currency: 'CNY',
    effectiveFrom: '2027-01-01',
    effectiveTo: '2027-12-31',
    nodes,
    edges,
  };
}

/** start -> amount > 0 -> `links` chained nodes of `kind` -> finance: conditions nest links + 1 deep. */
export function aRoutingChain(links: number, kind: 'not' | 'all'): RuleGraph {
  const base = aRoutingGraph();
  const nodes: RuleNode[] = [
    ...base.nodes.filter((n) => n.id !== 'big'),
    aNode('big', 'condition', { fact: 'amount', operator: 'greaterThan', value: 0 }),
  ];
  const edges = [anEdge('start', 'big')];
  let top = 'big';
  for (let i = 1; i <= links; i++) {
    nodes.push(aNode(`n${i}`, kind, {}));
    edges.push(anEdge(top, `n${i}`));
    top = `n${i}`;
  }
  edges.push(anEdge(top, 'finance'));
  return { ...base, nodes, edges };
}

/**
 * March 2027 for one rep (quota 1,000,000.00, target incentive 50,000.00) who closed one deal of
 * `revenueMinor`: the period the limit plan is run on.
 */
export function aLimitPlanPeriod(revenueMinor: number): IncentivePeriodInput {
  return {
    period: { id: '2027-03', from: '2027-03-01', to: '2027-03-31' },
    payees: [{ payeeId: 'rep', quotaMinor: 100_000_000, targetIncentiveMinor: 5_000_000 }],
    dealLines: [
      {
        dealId: 'd1',
        amountMinor: revenueMinor,
        currency: 'CNY',
        productLine: 'erp',
        customerId: 'c1',
        newCustomer: false,
        closedOn: '2027-03-10',
        status: 'won',
        credits: [{ payeeId: 'rep', share: 1 }],
      },
    ],
  };
}
