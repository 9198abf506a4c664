/**
 * Whatever validates runs: the plan at every validation limit goes through simulation, publication
 * (and its re-check), an impact preview and a payout period on both engines. The HTTP paths are
 * covered by test/src/api/ruleSetLimits.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { IncentivePeriodResult, RuleSetVersion } from '@opscycle/domain';
import {
  compileRuleGraph,
  evaluateIncentive,
  evaluateIncentiveSync,
  impactPreview,
  publishRuleSetVersion,
  simulate,
  verifyRuleSetVersion,
} from '..';
import { aNode, anEdge } from '../demo/build';
import { anIncentiveGraph } from '../testing/builders';
import { aLimitPlanPeriod, aPlanAtTheLimits } from '../testing/limitGraphs';

const march = aLimitPlanPeriod;
// Revenue 1,000,000 fen (attainment 0.01): Deep pays 100 x 1,000,000 = 100,000,000 (under its caps of
// 10^15 and 100 x 5,000,000); Bonus 10^13 x 10 x 10 = 10^15; the hub and fillers pay 0.
const DEEP_MINOR = 100 * 1_000_000;
const BONUS_MINOR = 1_000_000_000_000_000;

const publishTheLimitPlan = () =>
  publishRuleSetVersion({
    graph: aPlanAtTheLimits(),
    version: 1,
    publishedBy: 'ops',
    publishedAt: new Date('2027-01-02T00:00:00Z'),
  });

describe('a plan at every validation limit', () => {
  it('simulates, with the amounts computed by hand, on both engines', async () => {
    const simulation = await simulate(aPlanAtTheLimits(), march(1_000_000));
    if (simulation.kind !== 'incentive') throw new Error('an incentive plan simulates a period');
    const payee = simulation.result.payees[0]!;
    const amount = (component: string) => payee.lines.find((l) => l.component === component)?.amountMinor;
    expect(amount('Deep')).toBe(DEEP_MINOR);
    expect(amount('Bonus')).toBe(BONUS_MINOR);
    expect(payee.totalMinor).toBe(BONUS_MINOR + DEEP_MINOR);
    expect(IncentivePeriodResult.parse(simulation.result)).toEqual(simulation.result);
    expect(evaluateIncentiveSync(compileRuleGraph(aPlanAtTheLimits()), march(1_000_000))).toEqual(
      simulation.result,
    );
  });

  it('publishes, re-checks the published version and pays a period from it', async () => {
    const published = publishTheLimitPlan();
    // As stored and read back: canonical JSON text, parsed.
    const stored = RuleSetVersion.parse(JSON.parse(JSON.stringify(published)));
    expect(() => verifyRuleSetVersion(stored)).not.toThrow();
    const run = await evaluateIncentive(stored.compiled, march(1_000_000));
    expect(run.totalMinor).toBe(BONUS_MINOR + DEEP_MINOR);
    expect(evaluateIncentiveSync(stored.compiled, march(1_000_000))).toEqual(run);
  });

  it('previews the impact of a draft at the limits against the published one', async () => {
    const published = publishTheLimitPlan();
    // The draft halves Deep's rate: 50 x 1,000,000 = 50,000,000, so 50,000,000 less.
    const impact = await impactPreview(aPlanAtTheLimits({ deepRate: 50 }), published, march(1_000_000));
    expect(impact.totals).toMatchObject({
      publishedMinor: BONUS_MINOR + DEEP_MINOR,
      draftMinor: BONUS_MINOR + DEEP_MINOR / 2,
      deltaMinor: -DEEP_MINOR / 2,
      payeesDown: 1,
    });
  });

  it('answers facts that would overflow a payout with a coded error naming payee and component', async () => {
    const plan = anIncentiveGraph();
    const graph = {
      ...plan,
      nodes: [...plan.nodes, aNode('kicker', 'rateTimesBase', { component: 'Kicker', rate: 100 })],
      edges: [...plan.edges, anEdge('start', 'kicker'), anEdge('revenue', 'kicker')],
    };
    // 100 x 9,000,000,000,000,000 fen of revenue: no payout can hold it.
    await expect(simulate(graph, march(9_000_000_000_000_000))).rejects.toMatchObject({
      code: 'RULES_AMOUNT_OUT_OF_RANGE',
      message: expect.stringMatching(/payee rep: Kicker \(node kicker\)/) as string,
    });
  });
});
