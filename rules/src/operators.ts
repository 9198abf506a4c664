import type { Operator } from '@opscycle/domain';

export type OperatorFn = (factValue: unknown, compareValue: unknown) => boolean;

/** json-rules-engine's own number check, reproduced so the fast evaluator gives identical results. */
function isNumberLike(value: unknown): boolean {
  // Same as json-rules-engine's `Number.parseFloat(value).toString() !== 'NaN'`, without the string round trip.
  return typeof value === 'number' ? !Number.isNaN(value) : !Number.isNaN(Number.parseFloat(value as string));
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATE.test(value);
}
function dateOperator(compare: (a: string, b: string) => boolean): OperatorFn {
  return (a, b) => isIsoDate(a) && isIsoDate(b) && compare(a, b);
}

/**
 * OpsCycle's custom operators: registered with json-rules-engine (the same function objects) and
 * used by the fast evaluator. Nothing else is ever registered, and rule sets only name operators.
 */
export const CUSTOM_OPERATORS = {
  between: (a, b) =>
    isNumberLike(a) &&
    Array.isArray(b) &&
    b.length === 2 &&
    (b[0] as number) <= (a as number) &&
    (a as number) <= (b[1] as number),
  dateBefore: dateOperator((a, b) => a < b),
  dateOnOrBefore: dateOperator((a, b) => a <= b),
  dateAfter: dateOperator((a, b) => a > b),
  dateOnOrAfter: dateOperator((a, b) => a >= b),
} as const satisfies Record<string, OperatorFn>;

/** json-rules-engine's built-in operators, as it evaluates them (validator && comparison). */
const BUILT_IN_OPERATORS = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => (b as unknown[]).indexOf(a) > -1,
  notIn: (a, b) => (b as unknown[]).indexOf(a) === -1,
  contains: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  lessThan: (a, b) => isNumberLike(a) && (a as number) < (b as number),
  lessThanInclusive: (a, b) => isNumberLike(a) && (a as number) <= (b as number),
  greaterThan: (a, b) => isNumberLike(a) && (a as number) > (b as number),
  greaterThanInclusive: (a, b) => isNumberLike(a) && (a as number) >= (b as number),
} as const satisfies Record<string, OperatorFn>;

export const OPERATOR_FUNCTIONS = {
  ...BUILT_IN_OPERATORS,
  ...CUSTOM_OPERATORS,
} as const satisfies Record<Operator, OperatorFn>;
