import { Engine } from 'json-rules-engine';
import type { RuleResult } from 'json-rules-engine';
import type { CompiledRuleSet, ConditionTrace, NodeKind, RuleTrace } from '@opscycle/domain';
import { resolveFactPath } from '../factPath';
import { CUSTOM_OPERATORS } from '../operators';
import { assertSafeRuleSet } from './guard';
import type { Facts } from './ruleRun';
import { factTrace, groupTrace, sortTraces } from './ruleRun';

const engines = new WeakMap<CompiledRuleSet, Engine>();

/**
 * The reference evaluation: json-rules-engine with OpsCycle's path resolver (plain property reads,
 * never JSONPath scripts) and only the whitelisted custom operators. One engine per compiled set.
 */
export function engineFor(compiled: CompiledRuleSet): Engine {
  let engine = engines.get(compiled);
  if (!engine) {
    assertSafeRuleSet(compiled);
    engine = new Engine([], { allowUndefinedFacts: true, pathResolver: resolveFactPath });
    for (const [name, evaluate] of Object.entries(CUSTOM_OPERATORS)) engine.addOperator(name, evaluate);
    for (const rule of compiled.rules) engine.addRule(structuredClone(rule));
    engines.set(compiled, engine);
  }
  return engine;
}

export async function runJsonRulesEngine(compiled: CompiledRuleSet, facts: Facts): Promise<RuleTrace[]> {
  const { results, failureResults } = await engineFor(compiled).run({ ...facts });
  return sortTraces([...results, ...failureResults].map(toRuleTrace));
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
