import type {
  CompiledCondition,
  CompiledRuleSet,
  ConditionTrace,
  NodeKind,
  RuleTrace,
} from '@opscycle/domain';
import { readFact } from '../factPath';
import { OPERATOR_FUNCTIONS } from '../operators';
import type { OperatorFn } from '../operators';
import { assertSafeRuleSet } from './guard';
import type { Facts } from './ruleRun';
import { factTrace, groupTrace } from './ruleRun';

type ConditionClosure = (facts: Facts) => ConditionTrace;
type RuleClosure = (facts: Facts) => RuleTrace;

const runners = new WeakMap<CompiledRuleSet, RuleClosure[]>();

/**
 * OpsCycle's synchronous evaluator: the same compiled rules turned into closures (never source text:
 * no eval, no Function), evaluating every condition as json-rules-engine does (no short-circuit
 * inside a priority set) and producing the identical trace. The differential test holds it to that.
 */
export function runFast(compiled: CompiledRuleSet, facts: Facts): RuleTrace[] {
  let rules = runners.get(compiled);
  if (!rules) {
    rules = [...assertSafeRuleSet(compiled).rules]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((rule) => compileRule(rule.name, rule.event.type, rule.conditions));
    runners.set(compiled, rules);
  }
  const traces: RuleTrace[] = new Array<RuleTrace>(rules.length);
  for (let i = 0; i < rules.length; i++) traces[i] = rules[i]!(facts);
  return traces; // rules are held sorted by name, as both engines return them
}

function compileRule(name: string, kind: NodeKind, conditions: CompiledCondition): RuleClosure {
  const evaluate = compileCondition(conditions);
  return (facts) => {
    const trace = evaluate(facts);
    return { nodeId: name, kind, fired: trace.result, conditions: trace };
  };
}

function compileCondition(condition: CompiledCondition): ConditionClosure {
  const name = condition.name;
  if ('all' in condition || 'any' in condition) {
    const op = 'all' in condition ? 'all' : 'any';
    const children = ('all' in condition ? condition.all : condition.any).map(compileCondition);
    const count = children.length;
    return (facts) => {
      const traces = new Array<ConditionTrace>(count);
      let passed = 0;
      for (let i = 0; i < count; i++) {
        const trace = children[i]!(facts);
        traces[i] = trace;
        if (trace.result) passed++;
      }
      // json-rules-engine: an empty group passes; `all` needs every child, `any` one.
      const result = count === 0 || (op === 'all' ? passed === count : passed > 0);
      return groupTrace(name, op, result, traces);
    };
  }
  if ('not' in condition) {
    const child = compileCondition(condition.not);
    return (facts) => {
      const inner = child(facts);
      return groupTrace(name, 'not', !inner.result, [inner]);
    };
  }
  const { fact, path, operator, value } = condition;
  const evaluate: OperatorFn = OPERATOR_FUNCTIONS[operator as keyof typeof OPERATOR_FUNCTIONS];
  const valueFact =
    value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, 'fact')
      ? value
      : undefined;
  return (facts) => {
    const factValue = readFact(facts, fact, path);
    const compareValue = valueFact ? readFact(facts, valueFact.fact, valueFact.path) : value;
    return factTrace(name, evaluate(factValue, compareValue), condition, factValue, compareValue);
  };
}
