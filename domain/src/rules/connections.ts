import type { NodeKind } from './kinds';

const BOOLEAN_KINDS = ['condition', 'all', 'any', 'not', 'gate'] as const;
/** Payout components that produce an amount a multiplier or cap can act on. */
export const AMOUNT_COMPONENT_KINDS = [
  'tierTable',
  'rateTimesBase',
  'fixedAmount',
  'weightedMeasures',
  'spif',
] as const satisfies readonly NodeKind[];

/**
 * Which node kinds may feed each node kind. The designer uses it to refuse a drag; the validator
 * reports RULE_GRAPH_INVALID_CONNECTION for anything else.
 */
export const NODE_ACCEPTS = {
  start: [],
  factInput: [],
  condition: ['start'],
  all: BOOLEAN_KINDS,
  any: BOOLEAN_KINDS,
  not: BOOLEAN_KINDS,
  gate: BOOLEAN_KINDS,
  tierTable: ['start', 'factInput', ...BOOLEAN_KINDS],
  rateTimesBase: ['start', 'factInput', ...BOOLEAN_KINDS],
  fixedAmount: ['start', ...BOOLEAN_KINDS],
  weightedMeasures: ['start', ...BOOLEAN_KINDS],
  spif: ['start', ...BOOLEAN_KINDS],
  clawback: ['start', ...BOOLEAN_KINDS],
  draw: ['start', ...BOOLEAN_KINDS],
  multiplier: [...AMOUNT_COMPONENT_KINDS, 'multiplier', 'cap', ...BOOLEAN_KINDS],
  cap: [...AMOUNT_COMPONENT_KINDS, 'multiplier', 'cap', ...BOOLEAN_KINDS],
  routeOutcome: ['start', ...BOOLEAN_KINDS],
  stageOutcome: ['start', ...BOOLEAN_KINDS],
  segmentOutcome: ['start', ...BOOLEAN_KINDS],
} as const satisfies Record<NodeKind, readonly NodeKind[]>;

export function canConnect(source: NodeKind, target: NodeKind): boolean {
  return (NODE_ACCEPTS[target] as readonly NodeKind[]).includes(source);
}

/** Handles on an edge out of a factInput into a tier table: the measure banded, or the base paid on. */
export const TIER_INPUT_HANDLES = ['measure', 'base'] as const;
