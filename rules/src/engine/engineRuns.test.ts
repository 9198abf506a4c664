import { describe, expect, it } from 'vitest';
import type { CompiledRuleSet } from '@opscycle/domain';
import {
  compileRuleGraph,
  demoBudgetRouting,
  evaluateApprovalRouting,
  evaluateApprovalRoutingSync,
} from '..';

// 3,000,000 CNY of capex: the line manager, the regional director (> 50,000), finance (> 500,000 or capex)
// and the sales VP (> 2,000,000); not marketing, so no sales ops review.
const bigCapex = {
  amount: 300_000_000,
  category: 'capex',
  unitId: 'u',
  unitKind: 'team',
  requesterRole: 'rep',
};
const EXPECTED_ROLES = ['manager@team', 'manager@region', 'finance@', 'manager@company'];
const roles = (d: { approvers: { role?: string | undefined; orgLevel?: string | undefined }[] }) =>
  d.approvers.map((a) => `${a.role}@${a.orgLevel ?? ''}`);

describe('runJsonRulesEngine', () => {
  it('gives an evaluation that starts while another is running on the same compiled set the whole chain', async () => {
    const compiled = compileRuleGraph(demoBudgetRouting);
    expect(roles(evaluateApprovalRoutingSync(compiled, bigCapex))).toEqual(EXPECTED_ROLES);
    // The second evaluation starts at every microtask offset into the first, so one of them lands
    // between the first run finishing and the second evaluating its rules.
    for (let offset = 0; offset < 40; offset++) {
      const first = evaluateApprovalRouting(compiled, bigCapex);
      for (let i = 0; i < offset; i++) await Promise.resolve();
      const second = evaluateApprovalRouting(compiled, bigCapex);
      for (const decision of await Promise.all([first, second])) {
        expect(decision.explanation, `offset ${offset}`).not.toMatch(/no routing rule matched/);
        expect(roles(decision), `offset ${offset}`).toEqual(EXPECTED_ROLES);
      }
    }
  });
});

/** A stored rule set changed by hand (structuredClone keeps the original compile untouched). */
function edited(change: (compiled: CompiledRuleSet) => void): CompiledRuleSet {
  const compiled = structuredClone(compileRuleGraph(demoBudgetRouting));
  change(compiled);
  return compiled;
}

describe('assertSafeRuleSet', () => {
  it('refuses a stored rule set in which two rules share a name', async () => {
    const compiled = edited((c) => {
      c.rules.push(structuredClone(c.rules[0]!));
    });
    const duplicated = compiled.rules[0]!.name;
    await expect(evaluateApprovalRouting(compiled, bigCapex)).rejects.toMatchObject({
      code: 'RULES_TAMPERED_RULE_SET',
      details: { rule: duplicated },
    });
    expect(() => evaluateApprovalRoutingSync(compiled, bigCapex)).toThrow(/twice/);
  });

  it('hands json-rules-engine the parsed rules, never keys the schema does not know', async () => {
    let called = 0;
    const compiled = edited((c) => {
      // json-rules-engine calls a rule's onSuccess when it fires; a stored set must not carry one.
      for (const rule of c.rules)
        Object.assign(rule, { onSuccess: () => called++, onFailure: () => called++ });
    });
    const decision = await evaluateApprovalRouting(compiled, bigCapex);
    expect(roles(decision)).toEqual(EXPECTED_ROLES);
    expect(called).toBe(0);
  });
});
