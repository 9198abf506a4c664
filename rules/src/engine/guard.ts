import { CompiledRuleSet, DomainError, FACT_CATALOGS, OPERATORS } from '@opscycle/domain';
import type { CompiledCondition, FactCatalog } from '@opscycle/domain';
import { isValidFactPath } from '../factPath';
import { RULE_GRAPH_LIMITS } from '../validate/limits';

const checked = new WeakMap<object, CompiledRuleSet>();

/**
 * A compiled rule set may come back from storage: before it runs, its shape is parsed and every
 * operator, fact and path is checked against the whitelist, so a hand-edited document can name
 * nothing the engine would resolve to code (an unknown operator, a JSONPath script, a decorator).
 * Returns the parsed copy, which is what the engines run: keys the schema does not know (a rule's
 * `onSuccess`, an event's extras) never reach json-rules-engine. Rule names are node ids, which both
 * engines key their traces by, so two rules of one name are refused.
 */
export function assertSafeRuleSet(input: CompiledRuleSet): CompiledRuleSet {
  const known = checked.get(input);
  if (known) return known;
  assertShallow(input);
  const parsed = CompiledRuleSet.safeParse(input);
  if (!parsed.success)
    throw new DomainError(
      'RULES_TAMPERED_RULE_SET',
      `the compiled rule set is malformed: ${parsed.error.message}`,
    );
  const catalog: FactCatalog = FACT_CATALOGS[parsed.data.kind];
  const check = (condition: CompiledCondition, rule: string): void => {
    if ('all' in condition) return condition.all.forEach((c) => check(c, rule));
    if ('any' in condition) return condition.any.forEach((c) => check(c, rule));
    if ('not' in condition) return check(condition.not, rule);
    const refs: { fact: string; path?: string | undefined }[] = [
      { fact: condition.fact, path: condition.path },
    ];
    const value = condition.value;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) refs.push(value);
    const bad = (what: string) => {
      throw new DomainError('RULES_TAMPERED_RULE_SET', `rule ${rule}: ${what} is not allowed`, { rule });
    };
    if (!(OPERATORS as readonly string[]).includes(condition.operator))
      bad(`operator "${condition.operator}"`);
    for (const ref of refs) {
      if (!Object.hasOwn(catalog, ref.fact)) bad(`fact "${ref.fact}"`);
      if (ref.path !== undefined && !isValidFactPath(ref.path)) bad(`path "${ref.path}"`);
    }
  };
  const names = new Set<string>();
  for (const rule of parsed.data.rules) {
    if (names.has(rule.name))
      throw new DomainError('RULES_TAMPERED_RULE_SET', `rule ${rule.name} is defined twice`, {
        rule: rule.name,
      });
    names.add(rule.name);
    check(rule.conditions, rule.name);
  }
  checked.set(input, parsed.data);
  return parsed.data;
}

/**
 * Parsing, checking and running a condition tree all recurse: a stored set nested deeper than a
 * graph may be (its rule adds one level) is refused before any of them, walking without recursion.
 */
function assertShallow(input: CompiledRuleSet): void {
  const limit = RULE_GRAPH_LIMITS.maxConditionDepth + 1;
  const rules: unknown = (input as { rules?: unknown }).rules;
  if (!Array.isArray(rules)) return; // the schema reports it
  for (const rule of rules as { name?: unknown; conditions?: unknown }[]) {
    const stack: [unknown, number][] = [[rule?.conditions, 1]];
    for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
      const [condition, depth] = item;
      if (condition === null || typeof condition !== 'object') continue;
      const c = condition as { all?: unknown; any?: unknown; not?: unknown };
      const children = [c.all, c.any].flatMap((g) => (Array.isArray(g) ? (g as unknown[]) : []));
      if (c.not !== undefined) children.push(c.not);
      if (children.length > 0 && depth >= limit)
        throw new DomainError(
          'RULES_TAMPERED_RULE_SET',
          `rule ${String(rule?.name)}: conditions nest deeper than ${limit} levels`,
          { rule: String(rule?.name) },
        );
      for (const child of children) stack.push([child, depth + 1]);
    }
  }
}
