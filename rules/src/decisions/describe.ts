import type { ConditionTrace } from '@opscycle/domain';

function show(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return `"${value}"`;
  return value === undefined ? '(missing)' : JSON.stringify(value);
}

/** "attainment 1.2 greaterThanInclusive 1 ✓" — one fact condition as a statement line shows it. */
export function describeCondition(trace: ConditionTrace): string {
  if (trace.op !== 'fact') {
    const inner = (trace.children ?? []).map(describeCondition).join(trace.op === 'any' ? ' or ' : ' and ');
    const text = trace.op === 'not' ? `not (${inner})` : `(${inner})`;
    return `${text} ${trace.result ? '✓' : '✗'}`;
  }
  const fact = trace.path ? `${trace.fact}${trace.path.slice(1)}` : trace.fact;
  return `${fact} ${show(trace.factValue)} ${trace.operator} ${show(trace.compareValue)} ${trace.result ? '✓' : '✗'}`;
}

export function describeConditions(trace: ConditionTrace): string {
  const children = trace.children ?? [];
  if (trace.op === 'all' && trace.nodeId === undefined) {
    return children.length === 0 ? 'always' : children.map(describeCondition).join(' and ');
  }
  return describeCondition(trace);
}
