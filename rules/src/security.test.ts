import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CompiledRuleSet } from '@opscycle/domain';
import { compileRuleGraph, demoBudgetRouting, evaluateApprovalRouting, evaluateApprovalRoutingSync } from '.';

const facts = { amount: 100, category: 'travel', unitId: 'u', unitKind: 'team', requesterRole: 'rep' };

/** A stored rule set edited by hand: the first condition of the first rule replaced. */
function tampered(condition: Record<string, unknown>): CompiledRuleSet {
  const compiled = structuredClone(compileRuleGraph(demoBudgetRouting));
  const rule = compiled.rules.find((r) => 'all' in r.conditions && r.conditions.all.length > 0)!;
  (rule.conditions as { all: unknown[] }).all[0] = condition;
  return compiled;
}

describe('rule sets cannot run code', () => {
  it('refuses an operator outside the whitelist (a json-rules-engine decorator included)', async () => {
    for (const operator of ['matches', 'everyFact:greaterThan', 'constructor']) {
      const compiled = tampered({ fact: 'amount', operator, value: 1 });
      await expect(evaluateApprovalRouting(compiled, facts)).rejects.toMatchObject({
        code: 'RULES_TAMPERED_RULE_SET',
      });
      expect(() => evaluateApprovalRoutingSync(compiled, facts)).toThrow(/operator/);
    }
  });

  it('refuses a JSONPath script or an unknown fact', async () => {
    await expect(
      evaluateApprovalRouting(
        tampered({ fact: 'amount', path: '$..[?(@.constructor)]', operator: 'equal', value: 1 }),
        facts,
      ),
    ).rejects.toMatchObject({ code: 'RULES_TAMPERED_RULE_SET' });
    await expect(
      evaluateApprovalRouting(tampered({ fact: 'process', operator: 'equal', value: 1 }), facts),
    ).rejects.toMatchObject({
      code: 'RULES_TAMPERED_RULE_SET',
    });
  });

  it('refuses a fact that is a function (json-rules-engine would call it)', async () => {
    let called = false;
    const sneaky = { ...facts, amount: () => ((called = true), 1) };
    await expect(evaluateApprovalRouting(compileRuleGraph(demoBudgetRouting), sneaky)).rejects.toMatchObject({
      code: 'RULES_INVALID_FACTS',
    });
    expect(called).toBe(false);
  });

  it('has no eval or Function constructor anywhere in the rules package', () => {
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) sources.push(readFileSync(path, 'utf8'));
      }
    };
    walk(new URL('.', import.meta.url).pathname);
    expect(sources.length).toBeGreaterThan(10);
    for (const source of sources)
      expect(source).not.toMatch(/\beval\s*\(|new\s+Function\s*\(|\bFunction\s*\(/);
  });
});
