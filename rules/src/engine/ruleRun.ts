import type { ConditionTrace, RuleTrace } from '@opscycle/domain';

/** Facts handed to an engine: plain data, validated before (never functions). */
export type Facts = Readonly<Record<string, unknown>>;

/** Rule traces sorted by node id, so both engines return the same array for the same facts. */
export function sortTraces(traces: RuleTrace[]): RuleTrace[] {
  return traces.sort((a, b) => (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0));
}

/** The fact conditions that made a failed condition tree fail (what a rep or manager must change). */
export function failingCriteria(trace: ConditionTrace): ConditionTrace[] {
  if (trace.result) return [];
  if (trace.op === 'fact' || trace.op === 'not') return [trace];
  return (trace.children ?? []).flatMap(failingCriteria);
}

/** Both engines build traces through these, so their JSON is identical key for key. */
export function groupTrace(
  nodeId: string | undefined,
  op: 'all' | 'any' | 'not',
  result: boolean,
  children: ConditionTrace[],
): ConditionTrace {
  return nodeId === undefined ? { op, result, children } : { nodeId, op, result, children };
}

export function factTrace(
  nodeId: string | undefined,
  result: boolean,
  c: { fact: string; path?: string | undefined; operator: string; value: unknown },
  factValue: unknown,
  compareValue: unknown,
): ConditionTrace {
  // Built as whole literals (not property by property) so every trace of a kind shares one shape.
  const { fact, path, operator, value } = c;
  if (path === undefined)
    return nodeId === undefined
      ? { op: 'fact', result, fact, operator, value, factValue, compareValue }
      : { nodeId, op: 'fact', result, fact, operator, value, factValue, compareValue };
  return nodeId === undefined
    ? { op: 'fact', result, fact, path, operator, value, factValue, compareValue }
    : { nodeId, op: 'fact', result, fact, path, operator, value, factValue, compareValue };
}
