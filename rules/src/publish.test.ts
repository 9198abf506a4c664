import { describe, expect, it } from 'vitest';
import type { IncentivePeriodInput, RuleGraph } from '@opscycle/domain';
import {
  compileRuleGraph,
  demoBudgetRouting,
  demoIncentivePlan,
  impactPreview,
  publishRuleSetVersion,
  ruleGraphChecksum,
  ruleSetVersionOn,
  simulate,
  verifyRuleSetVersion,
} from '.';

const publish = (graph: unknown, version = 1) =>
  publishRuleSetVersion({
    graph,
    version,
    publishedBy: 'ops-1',
    publishedAt: new Date('2026-12-01T09:00:00Z'),
  });

describe('publishing', () => {
  it('gives the same checksum whatever the key order, and another for other content', () => {
    const reordered = JSON.parse(
      JSON.stringify(demoBudgetRouting, Object.keys(demoBudgetRouting).reverse()),
    ) as RuleGraph;
    const shuffled = {
      ...reordered,
      ...Object.fromEntries(Object.entries(demoBudgetRouting).reverse()),
    };
    expect(ruleGraphChecksum(shuffled)).toBe(ruleGraphChecksum(demoBudgetRouting));
    expect(ruleGraphChecksum({ ...demoBudgetRouting, name: 'Other' })).not.toBe(
      ruleGraphChecksum(demoBudgetRouting),
    );
    expect(ruleGraphChecksum(demoBudgetRouting)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('publishes an immutable version with its compiled rules, checksum and effective dates', () => {
    const version = publish(demoBudgetRouting);
    expect(version).toMatchObject({
      ruleSetId: 'budget-approval-routing',
      version: 1,
      effectiveFrom: '2027-01-01',
      effectiveTo: null,
      publishedBy: 'ops-1',
    });
    expect(Object.isFrozen(version)).toBe(true);
    expect(() => verifyRuleSetVersion(version)).not.toThrow();
  });

  it('refuses to publish an invalid graph, with every error', () => {
    expect(() => publish({ ...demoBudgetRouting, effectiveFrom: undefined })).toThrow(
      expect.objectContaining({
        code: 'RULES_INVALID_GRAPH',
        details: { errors: [expect.objectContaining({ code: 'RULE_GRAPH_MISSING_EFFECTIVE_DATES' })] },
      }),
    );
  });

  it('detects a stored version whose graph or rules were changed afterwards', () => {
    const version = publish(demoBudgetRouting);
    const edited = { ...version, graph: { ...version.graph, name: 'Edited' } };
    expect(() => verifyRuleSetVersion(edited)).toThrow(/checksum/);
    const rules = structuredClone(version.compiled);
    rules.rules.pop();
    expect(() => verifyRuleSetVersion({ ...version, compiled: rules })).toThrow(/compiled rules differ/);
  });

  it('finds the version in force on a date', () => {
    const v1 = publish({ ...demoBudgetRouting, effectiveTo: '2027-06-30' }, 1);
    const v2 = publish({ ...demoBudgetRouting, effectiveFrom: '2027-07-01' }, 2);
    expect(ruleSetVersionOn([v1, v2], '2027-03-01')?.version).toBe(1);
    expect(ruleSetVersionOn([v1, v2], '2027-07-01')?.version).toBe(2);
    expect(ruleSetVersionOn([v1, v2], '2026-12-31')).toBeUndefined();
  });
});

const actuals: IncentivePeriodInput = {
  period: { id: '2027-04', from: '2027-04-01', to: '2027-04-30' },
  payees: [
    { payeeId: 'high', quotaMinor: 100_000_000, targetIncentiveMinor: 5_000_000 },
    { payeeId: 'low', quotaMinor: 100_000_000, targetIncentiveMinor: 5_000_000 },
  ],
  dealLines: [
    {
      dealId: 'a',
      amountMinor: 130_000_000,
      currency: 'CNY',
      productLine: 'erp',
      customerId: 'c1',
      newCustomer: false,
      closedOn: '2027-04-02',
      status: 'won',
      credits: [{ payeeId: 'high', share: 1 }],
    },
    {
      dealId: 'b',
      amountMinor: 40_000_000,
      currency: 'CNY',
      productLine: 'erp',
      customerId: 'c2',
      newCustomer: false,
      closedOn: '2027-04-03',
      status: 'won',
      credits: [{ payeeId: 'low', share: 1 }],
    },
  ],
};

describe('simulation and impact preview', () => {
  it('simulates a draft on given facts without publishing it', async () => {
    const result = await simulate(demoBudgetRouting, {
      amount: 60_000_000,
      category: 'travel',
      unitId: 'u',
      unitKind: 'team',
      requesterRole: 'manager',
    });
    expect(result.kind).toBe('approvalRouting');
    if (result.kind === 'approvalRouting') expect(result.result.approvers).toHaveLength(3);
  });

  it('shows per payee and in total what a draft would change against the published plan', async () => {
    // The draft raises the top accelerator from 8% to 10%: only the rep above quota gains.
    const draft: RuleGraph = {
      ...demoIncentivePlan,
      version: 2,
      nodes: demoIncentivePlan.nodes.map((n) =>
        n.kind === 'tierTable'
          ? {
              ...n,
              data: { ...n.data, bands: n.data.bands.map((b) => (b.from === 1 ? { ...b, rate: 0.1 } : b)) },
            }
          : n,
      ),
    };
    const preview = await impactPreview(draft, publish(demoIncentivePlan), actuals);
    // high: 300,000 of revenue in the 100-150% band: 2% more = 6,000.00 CNY
    expect(preview.payees.map((p) => [p.payeeId, p.deltaMinor])).toEqual([
      ['high', 600_000],
      ['low', 0],
    ]);
    expect(preview.payees[0]?.components.find((c) => c.component === 'Commission')).toMatchObject({
      deltaMinor: 600_000,
    });
    expect(preview.totals).toMatchObject({
      deltaMinor: 600_000,
      payeesUp: 1,
      payeesDown: 0,
      payeesUnchanged: 1,
    });
    expect(preview.totals.draftMinor - preview.totals.publishedMinor).toBe(600_000);
  });

  it('previews on payee facts already derived, without deal lines', async () => {
    const draft = {
      ...demoIncentivePlan,
      version: 2,
      nodes: demoIncentivePlan.nodes.filter((n) => n.id !== 'over-target-bonus' && n.id !== 'over-target'),
      edges: demoIncentivePlan.edges.filter((e) => !e.id.includes('over-target')),
    };
    const facts = {
      revenue: 130_000_000,
      quota: 100_000_000,
      attainment: 1.3,
      bookingsByProductLine: {},
      newCustomers: 0,
      dealCount: 1,
      collectionRate: 1,
      averageDiscountPct: 0,
      teamRevenue: 0,
      targetIncentive: 5_000_000,
      salesRole: 'channel',
    };
    const preview = await impactPreview(draft, compileRuleGraph(demoIncentivePlan), {
      periodId: '2027-04',
      factsByPayee: { high: facts },
    });
    // The draft drops the 5,000.00 CNY over-target bonus.
    expect(preview.payees).toEqual([expect.objectContaining({ payeeId: 'high', deltaMinor: -500_000 })]);
  });

  it('refuses to compare plans in different currencies', async () => {
    await expect(
      impactPreview({ ...demoIncentivePlan, currency: 'USD' }, compileRuleGraph(demoIncentivePlan), actuals),
    ).rejects.toMatchObject({
      code: 'RULES_CURRENCY_MISMATCH',
    });
  });
});
