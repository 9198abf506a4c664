import { Engine } from 'json-rules-engine';
import type { RuleResult } from 'json-rules-engine';
import type { CompiledRuleSet, ConditionTrace, NodeKind, RuleTrace } from '@opscycle/domain';
import { resolveFactPath } from '../factPath';
import { CUSTOM_OPERATORS } from '../operators';
import { assertSafeRuleSet } from './guard';
import type { Facts } from './ruleRun';
import { factTrace, groupTrace, sortTraces } from './ruleRun';

/** Idle engines per compiled set; an engine runs one evaluation at a time (see runJsonRulesEngine). */
const idleEngines = new WeakMap<CompiledRuleSet, Engine[]>();

/**
 * The reference evaluation: json-rules-engine with OpsCycle's path resolver (plain property reads,
 * never JSONPath scripts) and only the whitelisted custom operators, fed the guard's parsed rules.
 */
function newEngine(compiled: CompiledRuleSet): Engine {
  const safe = assertSafeRuleSet(compiled);
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: resolveFactPath });
  for (const [name, evaluate] of Object.entries(CUSTOM_OPERATORS)) engine.addOperator(name, evaluate);
  for (const rule of safe.rules) engine.addRule(structuredClone(rule));
  return engine;
}

/**
 * json-rules-engine keeps a run's status on the engine, and a run that finishes marks it finished
 * for every run still in flight, which then skips its rules. So each evaluation borrows an idle
 * engine of the compiled set (building one when all are busy) and gives it back when done.
 */
export async function runJsonRulesEngine(compiled: CompiledRuleSet, facts: Facts): Promise<RuleTrace[]> {
  let idle = idleEngines.get(compiled);
  if (!idle) {
    idle = [];
    idleEngines.set(compiled, idle);
  }
  const engine = idle.pop() ?? newEngine(compiled);
  try {
    const { results, failureResults } = await engine.run({ ...facts });
    return sortTraces([...results, ...failureResults].map(toRuleTrace));
  } finally {
    idle.push(engine);
  }
}

interface EvaluatedCondition {
  all?: EvaluatedCondition[];
  any?: EvaluatedCondition[];
  not?: EvaluatedCondition;
  name?: string;
  result?: boolean;
  fact?: string;
  path?: string;
  operator?: string;
  value?: unknown;
  factResult?: unknown;
  valueResult?: unknown;
}

function toRuleTrace(result: RuleResult): RuleTrace {
  const event = result.event as { type: NodeKind } | undefined;
  return {
    nodeId: result.name,
    kind: event?.type ?? 'start',
    fired: result.result === true,
    // json-rules-engine leaves `result` unset on a rule's top-level group: the rule's result is it.
    conditions: toConditionTrace({ ...result.conditions, result: result.result === true }),
  };
}

function toConditionTrace(c: EvaluatedCondition): ConditionTrace {
  const result = c.result === true;
  if (c.all) return groupTrace(c.name, 'all', result, c.all.map(toConditionTrace));
  if (c.any) return groupTrace(c.name, 'any', result, c.any.map(toConditionTrace));
  if (c.not) return groupTrace(c.name, 'not', result, [toConditionTrace(c.not)]);
  const condition = { fact: c.fact ?? '', path: c.path, operator: c.operator ?? '', value: c.value };
  return factTrace(c.name, result, condition, c.factResult, c.valueResult);
}
