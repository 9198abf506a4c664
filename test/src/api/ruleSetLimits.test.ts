import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImpactPreview, RuleGraph, RuleSetVersion } from '@opscycle/domain';
import {
  RULE_GRAPH_LIMITS,
  aLimitPlanPeriod,
  aNode,
  aPlanAtTheLimits,
  aRoutingChain,
  anEdge,
} from '@opscycle/rules';
import { startHarness, type Harness } from './harness';

const march = aLimitPlanPeriod;
// Revenue 1,000,000 fen: Deep pays 100 x 1,000,000; Bonus 10^13 x 10 x 10 = 10^15 (see aPlanAtTheLimits).
const DEEP_MINOR = 100_000_000;
const BONUS_MINOR = 1_000_000_000_000_000;
const routingFacts = { amount: 100, category: 'travel', unitId: 'u', unitKind: 'team', requesterRole: 'rep' };

/** The limit plan with one node's data changed. */
function withData(graph: RuleGraph, nodeId: string, data: Record<string, unknown>): RuleGraph {
  return {
    ...graph,
    nodes: graph.nodes.map((n) => (n.id === nodeId ? { ...n, data: { ...n.data, ...data } } : n)),
  } as RuleGraph;
}

describe('rule sets at the validation limits, through the API', () => {
  let h: Harness;
  const ops = (method: 'POST' | 'PUT', url: string, payload: object) =>
    h.call('ops', { method, url, payload });

  beforeAll(async () => {
    h = await startHarness('api-rule-set-limits');
  });
  afterAll(async () => h.close());

  it('validates, simulates, publishes and previews the impact of the plan at every limit', async () => {
    const plan = aPlanAtTheLimits();
    expect(plan.nodes).toHaveLength(RULE_GRAPH_LIMITS.maxNodes);
    expect((await ops('POST', '/api/rule-sets/validate', plan)).json()).toEqual({ ok: true, errors: [] });

    const simulated = await ops('POST', '/api/rule-sets/simulate', { graph: plan, facts: march(1_000_000) });
    expect(simulated.statusCode).toBe(200);
    expect(simulated.json<{ result: { totalMinor: number } }>().result.totalMinor).toBe(
      BONUS_MINOR + DEEP_MINOR,
    );

    const created = await ops('POST', '/api/rule-sets', { kind: 'incentive', name: plan.name, graph: plan });
    expect(created.statusCode).toBe(201);
    const published = await ops('POST', `/api/rule-sets/${plan.id}/publish`, { draftVersion: 1 });
    expect(published.statusCode).toBe(201);
    // One rule per decision: Deep, 8 hub components, Bonus, 2 multipliers, the cap and 304 fillers
    // (1,000 nodes less start, revenue, 64 chained conditions, the hub and its 616 conditions).
    expect(published.json<RuleSetVersion>().compiled.rules).toHaveLength(1 + 8 + 1 + 2 + 1 + 304);

    // A draft at the limits halving Deep's rate: 50,000,000 less.
    const impact = await ops('POST', `/api/rule-sets/${plan.id}/impact`, {
      graph: aPlanAtTheLimits({ deepRate: 50 }),
      actuals: march(1_000_000),
    });
    expect(impact.statusCode).toBe(200);
    expect(impact.json<ImpactPreview>().totals).toMatchObject({
      publishedMinor: BONUS_MINOR + DEEP_MINOR,
      draftMinor: BONUS_MINOR + DEEP_MINOR / 2,
      deltaMinor: -DEEP_MINOR / 2,
    });
  }, 60_000);

  it('routes through conditions nested to the depth limit', async () => {
    const deepest = aRoutingChain(RULE_GRAPH_LIMITS.maxConditionDepth - 1, 'all');
    const routed = await ops('POST', '/api/rule-sets/simulate', { graph: deepest, facts: routingFacts });
    expect(routed.statusCode).toBe(200);
    expect(routed.json<{ result: { approvers: { role: string }[] } }>().result.approvers).toEqual([
      { role: 'finance' },
    ]);
  });

  it('answers every graph one past a limit with 400 and the code naming it, never 500', async () => {
    const plan = aPlanAtTheLimits();
    const pastLimits: [string, RuleGraph, string, string | undefined][] = [
      ['one node more', aPlanAtTheLimits({ extraNode: true }), 'RULE_GRAPH_TOO_LARGE', undefined],
      ['one edge more', aPlanAtTheLimits({ extraEdge: true }), 'RULE_GRAPH_TOO_LARGE', undefined],
      [
        'one compiled condition more',
        aPlanAtTheLimits({ extraCondition: true }),
        'RULE_GRAPH_TOO_LARGE',
        'filler-0',
      ],
      ['one level deeper', aPlanAtTheLimits({ extraDepth: true }), 'RULE_GRAPH_TOO_DEEP', 'link-64'],
      ['a rate of 1e308', withData(plan, 'deep', { rate: 1e308 }), 'RULE_GRAPH_RATE_OUT_OF_RANGE', 'deep'],
      ['a negative rate', withData(plan, 'deep', { rate: -0.1 }), 'RULE_GRAPH_NEGATIVE_VALUE', 'deep'],
      [
        '2^53 - 1 minor units',
        withData(plan, 'bonus', { amountMinor: 2 ** 53 - 1 }),
        'RULE_GRAPH_MONEY_OUT_OF_RANGE',
        'bonus',
      ],
      [
        '10^15 + 1 minor units',
        withData(plan, 'filler-0', { amountMinor: 1 }),
        'RULE_GRAPH_MONEY_OUT_OF_RANGE',
        'filler-0',
      ],
    ];
    for (const [what, graph, code, nodeId] of pastLimits) {
      const validation = (await ops('POST', '/api/rule-sets/validate', graph)).json<{
        errors: { code: string; nodeId?: string }[];
      }>();
      expect(
        validation.errors.map((e) => e.code),
        what,
      ).toContain(code);
      if (nodeId) expect(validation.errors, what).toContainEqual(expect.objectContaining({ code, nodeId }));
      const simulated = await ops('POST', '/api/rule-sets/simulate', { graph, facts: march(1_000_000) });
      expect([simulated.statusCode, simulated.json<{ code: string }>().code], what).toEqual([
        400,
        'RULES_INVALID_GRAPH',
      ]);
      const impact = await ops('POST', `/api/rule-sets/${plan.id}/impact`, {
        graph,
        actuals: march(1_000_000),
      });
      expect([impact.statusCode, impact.json<{ code: string }>().code], what).toEqual([
        400,
        'RULES_INVALID_GRAPH',
      ]);
    }
    const chain = aRoutingChain(722, 'not');
    const routed = await ops('POST', '/api/rule-sets/simulate', { graph: chain, facts: routingFacts });
    expect([routed.statusCode, routed.json<{ code: string }>().code]).toEqual([400, 'RULES_INVALID_GRAPH']);
  }, 120_000);

  it('refuses to publish a draft past a limit, naming the node', async () => {
    const plan = aPlanAtTheLimits();
    const negative = {
      ...plan,
      id: 'plan-negative-rate',
      nodes: [
        ...plan.nodes.filter((n) => n.id !== 'filler-0'),
        aNode('rebate', 'rateTimesBase', { component: 'Rebate', rate: -0.1 }),
      ],
      edges: [
        ...plan.edges.filter((e) => e.sourceId !== 'filler-0' && e.targetId !== 'filler-0'),
        anEdge('start', 'rebate'),
        anEdge('revenue', 'rebate'),
      ],
    };
    const created = await ops('POST', '/api/rule-sets', {
      kind: 'incentive',
      name: 'Negative',
      graph: negative,
    });
    expect(created.statusCode).toBe(201);
    const published = await ops('POST', `/api/rule-sets/${negative.id}/publish`, { draftVersion: 1 });
    expect(published.statusCode).toBe(400);
    expect(published.json()).toMatchObject({
      code: 'RULES_INVALID_GRAPH',
      details: { errors: [expect.objectContaining({ code: 'RULE_GRAPH_NEGATIVE_VALUE', nodeId: 'rebate' })] },
    });
  });
});
