import { z } from 'zod';
import { RuleTestResult } from './testCases';

/** Every way a rule graph can be wrong. Each code has a failing fixture in rules/. */
export const RULE_GRAPH_ERROR_CODES = [
  'RULE_GRAPH_SCHEMA',
  'RULE_GRAPH_DUPLICATE_ID',
  'RULE_GRAPH_DANGLING_EDGE',
  'RULE_GRAPH_CYCLE',
  'RULE_GRAPH_MISSING_START',
  'RULE_GRAPH_MULTIPLE_START',
  'RULE_GRAPH_NODE_KIND_NOT_ALLOWED',
  'RULE_GRAPH_INVALID_CONNECTION',
  'RULE_GRAPH_INPUT_ARITY',
  'RULE_GRAPH_UNREACHABLE_NODE',
  'RULE_GRAPH_DEAD_END',
  'RULE_GRAPH_NO_OUTCOME',
  'RULE_GRAPH_OUTCOME_WITHOUT_PATH',
  'RULE_GRAPH_UNKNOWN_FACT',
  'RULE_GRAPH_UNKNOWN_OPERATOR',
  'RULE_GRAPH_INVALID_PATH',
  'RULE_GRAPH_TYPE_MISMATCH',
  'RULE_GRAPH_TIER_INVALID_BAND',
  'RULE_GRAPH_TIER_OVERLAP',
  'RULE_GRAPH_TIER_GAP',
  'RULE_GRAPH_INVALID_WEIGHTS',
  'RULE_GRAPH_INVALID_COMPONENT',
  'RULE_GRAPH_DUPLICATE_COMPONENT',
  'RULE_GRAPH_AMBIGUOUS_PRIORITY',
  'RULE_GRAPH_MISSING_EFFECTIVE_DATES',
  'RULE_GRAPH_EFFECTIVE_DATES_INVERTED',
  'RULE_GRAPH_MISSING_CURRENCY',
  'RULE_GRAPH_TOO_LARGE',
  'RULE_GRAPH_TOO_DEEP',
  'RULE_GRAPH_NEGATIVE_VALUE',
  'RULE_GRAPH_MONEY_OUT_OF_RANGE',
  'RULE_GRAPH_RATE_OUT_OF_RANGE',
  'RULE_GRAPH_INVALID_APPROVER',
  /** A test case's run differs from what it expects (the message says what, expected vs actual). */
  'RULE_TEST_CASE_FAILED',
  /** A test case cannot run: its input is refused, or it expects another kind's result. */
  'RULE_TEST_CASE_INVALID',
] as const;
export const RuleGraphErrorCode = z.enum(RULE_GRAPH_ERROR_CODES);
export type RuleGraphErrorCode = z.infer<typeof RuleGraphErrorCode>;

export const RuleGraphError = z.object({
  code: RuleGraphErrorCode,
  message: z.string(),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  testCaseId: z.string().optional(),
});
export type RuleGraphError = z.infer<typeof RuleGraphError>;

export const RuleGraphValidation = z.object({
  ok: z.boolean(),
  errors: z.array(RuleGraphError),
  /** Every test case's outcome, when the graph has cases and is sound enough to run them. */
  testResults: z.array(RuleTestResult).optional(),
});
export type RuleGraphValidation = z.infer<typeof RuleGraphValidation>;

/** Codes thrown (as DomainError) while evaluating: bad input, never a bad graph. */
export const RULE_EVALUATION_ERROR_CODES = [
  'RULES_INVALID_FACTS',
  'RULES_INVALID_INPUT',
  'RULES_CURRENCY_MISMATCH',
  'RULES_KIND_MISMATCH',
  'RULES_INVALID_GRAPH',
  'RULES_TAMPERED_RULE_SET',
  'RULES_AMOUNT_OUT_OF_RANGE',
  /** Publication refused: a test case fails (details.errors name each case). */
  'RULES_TEST_CASE_FAILED',
] as const;
export type RuleEvaluationErrorCode = (typeof RULE_EVALUATION_ERROR_CODES)[number];
