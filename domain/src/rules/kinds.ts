import { z } from 'zod';

/** What a rule set decides. One list feeds the enum, the fact catalogs and the designer's palette. */
export const RULE_SET_KINDS = [
  'incentive',
  'approvalRouting',
  'discountAuthority',
  'funnelStage',
  'customerSegment',
] as const;
export const RuleSetKind = z.enum(RULE_SET_KINDS);
export type RuleSetKind = z.infer<typeof RuleSetKind>;

/**
 * Every node a rule graph may hold. Boolean nodes (condition, all, any, not, gate) decide; value
 * nodes (factInput) feed payout components; decision nodes (payout components, modifiers and
 * outcomes) each compile to one json-rules-engine rule.
 */
export const NODE_KINDS = [
  'start',
  'factInput',
  'condition',
  'all',
  'any',
  'not',
  'gate',
  'tierTable',
  'rateTimesBase',
  'fixedAmount',
  'weightedMeasures',
  'spif',
  'multiplier',
  'cap',
  'clawback',
  'draw',
  'routeOutcome',
  'stageOutcome',
  'segmentOutcome',
] as const;
export const NodeKind = z.enum(NODE_KINDS);
export type NodeKind = z.infer<typeof NodeKind>;

/** How a node takes part in evaluation (each kind's role is in NODE_SPECS). */
export const NODE_ROLES = ['entry', 'value', 'boolean', 'payout', 'modifier', 'outcome'] as const;
export type NodeRole = (typeof NODE_ROLES)[number];

const LOGIC_KINDS = ['start', 'condition', 'all', 'any', 'not'] as const;

/** Which node kinds each rule-set kind may use (the designer's palette, the validator's check). */
export const NODE_KINDS_BY_RULE_SET = {
  incentive: [
    ...LOGIC_KINDS,
    'gate',
    'factInput',
    'tierTable',
    'rateTimesBase',
    'fixedAmount',
    'weightedMeasures',
    'spif',
    'multiplier',
    'cap',
    'clawback',
    'draw',
  ],
  approvalRouting: [...LOGIC_KINDS, 'routeOutcome'],
  discountAuthority: [...LOGIC_KINDS, 'routeOutcome'],
  funnelStage: [...LOGIC_KINDS, 'stageOutcome'],
  customerSegment: [...LOGIC_KINDS, 'segmentOutcome'],
} as const satisfies Record<RuleSetKind, readonly NodeKind[]>;

/**
 * The only operators a rule set may use. The first ten are json-rules-engine's built-ins; the rest
 * are OpsCycle's custom operators, registered by the rules package and nothing else.
 */
export const OPERATORS = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'between',
  'dateBefore',
  'dateOnOrBefore',
  'dateAfter',
  'dateOnOrAfter',
] as const;
export const Operator = z.enum(OPERATORS);
export type Operator = z.infer<typeof Operator>;

/** Types of fact values; each operator accepts some of them. */
export const FACT_TYPES = [
  'money',
  'number',
  'integer',
  'ratio',
  'string',
  'boolean',
  'date',
  'stringList',
  'moneyByKey',
] as const;
export const FactType = z.enum(FACT_TYPES);
export type FactType = z.infer<typeof FactType>;

const NUMERIC = ['money', 'number', 'integer', 'ratio'] as const;

/** What each operator compares: the fact types it accepts and the shape of the value it needs. */
export const OPERATOR_SIGNATURES = {
  equal: { factTypes: [...NUMERIC, 'string', 'boolean', 'date'], value: 'same' },
  notEqual: { factTypes: [...NUMERIC, 'string', 'boolean', 'date'], value: 'same' },
  lessThan: { factTypes: NUMERIC, value: 'same' },
  lessThanInclusive: { factTypes: NUMERIC, value: 'same' },
  greaterThan: { factTypes: NUMERIC, value: 'same' },
  greaterThanInclusive: { factTypes: NUMERIC, value: 'same' },
  in: { factTypes: [...NUMERIC, 'string'], value: 'list' },
  notIn: { factTypes: [...NUMERIC, 'string'], value: 'list' },
  contains: { factTypes: ['stringList'], value: 'element' },
  doesNotContain: { factTypes: ['stringList'], value: 'element' },
  between: { factTypes: NUMERIC, value: 'range' },
  dateBefore: { factTypes: ['date'], value: 'same' },
  dateOnOrBefore: { factTypes: ['date'], value: 'same' },
  dateAfter: { factTypes: ['date'], value: 'same' },
  dateOnOrAfter: { factTypes: ['date'], value: 'same' },
} as const satisfies Record<
  Operator,
  { factTypes: readonly FactType[]; value: 'same' | 'list' | 'element' | 'range' }
>;

export function isNumericFactType(type: FactType): boolean {
  return (NUMERIC as readonly FactType[]).includes(type);
}
