import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImpactPreview, RuleGraph } from '@opscycle/domain';
import { recordPayeePeriods, upsertDeals } from '@opscycle/storage';
import { carryPlan } from '../payouts/carryPlan';
import { aDeal, aWonDeal } from './deals';
import { startHarness, type Harness } from './harness';
import { publishRuleGraph } from './publish';

const PLAN = 'impact-actuals-plan';
const url = `/api/rule-sets/${PLAN}/impact-actuals`;

/** The published plan with a richer commission (12%) and override (3%). */
function richerDraft(published: RuleGraph): RuleGraph {
  const rates: Record<string, number> = { commission: 0.12, override: 0.03 };
  return {
    ...published,
    nodes: published.nodes.map((n) =>
      n.kind === 'rateTimesBase' && rates[n.id] !== undefined
        ? { ...n, data: { ...n.data, rate: rates[n.id] } }
        : n,
    ) as RuleGraph['nodes'],
  };
}

describe('POST /api/rule-sets/:id/impact-actuals', () => {
  let h: Harness;
  let published: RuleGraph;

  beforeAll(async () => {
    h = await startHarness('api-impact-actuals');
    ({ draft: published } = await publishRuleGraph(h, { ...carryPlan(PLAN), name: 'Impact plan' }));
    await upsertDeals(h.db, [
      aWonDeal('q4-1', 'rep-1', 'east-1', 1_000_000, '2026-11-03'),
      aWonDeal('q4-2', 'rep-2', 'west-1', 2_000_000, '2026-12-20'),
      // Won in Q3 (paid then at 10%), refunded in Q4: clawed back in Q4.
      aDeal({
        ...aWonDeal('q3-1', 'rep-1', 'east-1', 500_000, '2026-08-10'),
        status: 'refunded',
        refundedOn: '2026-10-15',
      }),
      // Outside the period and open: neither counts.
      aWonDeal('q1-1', 'rep-1', 'east-1', 9_000_000, '2027-01-05'),
      aDeal({ dealId: 'open-1', repId: 'rep-2', teamId: 'west-1', amountMinor: 7_000_000 }),
    ]);
    await recordPayeePeriods(h.db, [
      {
        planId: PLAN,
        period: '2026-Q3',
        periodFrom: '2026-07-01',
        periodTo: '2026-09-30',
        payeeId: 'rep-1',
        revision: 1,
        runId: `${PLAN}-2026-Q3-r1`,
        paidDeals: [{ dealId: 'q3-1', rate: 0.1 }],
        drawBalanceMinor: 0,
      },
    ]);
  });
  afterAll(async () => h.close());

  it("compares the draft with the published version on the period's stored actuals, per payee and in total", async () => {
    const response = await h.call('ops', {
      method: 'POST',
      url,
      payload: { period: '2026-Q4', graph: richerDraft(published) },
    });
    expect(response.statusCode, response.body).toBe(200);
    const preview = response.json<ImpactPreview>();
    /*
     * rep-1: 10% x 1,000,000 = 100,000, clawback of q3-1 -500,000 x 10% = -50,000 -> 50,000;
     *        draft 12% -> 120,000 - 50,000 (paid at 10%, clawed back at 10%) = 70,000: +20,000.
     * rep-2: 200,000 -> 240,000: +40,000.
     * m-east-1: 2% of rep-1's 1,000,000 = 20,000 -> 3% = 30,000: +10,000.
     * m-west-1: 2% of rep-2's 2,000,000 = 40,000 -> 60,000: +20,000.
     * ceo, m-east, m-west: their direct reports are managers without revenue: 0 -> 0.
     */
    const rows = Object.fromEntries(
      preview.payees.map((p) => [p.payeeId, [p.publishedMinor, p.draftMinor, p.deltaMinor]]),
    );
    expect(rows).toEqual({
      'rep-1': [50_000, 70_000, 20_000],
      'rep-2': [200_000, 240_000, 40_000],
      'm-east-1': [20_000, 30_000, 10_000],
      'm-west-1': [40_000, 60_000, 20_000],
      ceo: [0, 0, 0],
      'm-east': [0, 0, 0],
      'm-west': [0, 0, 0],
    });
    expect(preview.periodId).toBe('2026-Q4');
    expect(preview.totals).toEqual({
      publishedMinor: 310_000,
      draftMinor: 400_000,
      deltaMinor: 90_000,
      payeesUp: 4,
      payeesDown: 0,
      payeesUnchanged: 3,
    });
    const rep1 = preview.payees.find((p) => p.payeeId === 'rep-1');
    expect(rep1?.components.find((c) => c.component === 'Refund clawback')).toEqual({
      component: 'Refund clawback',
      publishedMinor: -50_000,
      draftMinor: -50_000,
      deltaMinor: 0,
    });
  });

  it('uses the stored draft when no graph is sent', async () => {
    const response = await h.call('ops', { method: 'POST', url, payload: { period: '2026-Q4' } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<ImpactPreview>().totals).toMatchObject({ publishedMinor: 310_000, deltaMinor: 0 });
  });

  it('rejects a malformed period, naming the field', async () => {
    const response = await h.call('ops', { method: 'POST', url, payload: { period: 'Q4-2026' } });
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(/period/);
  });

  it('refuses a rule set without a published version', async () => {
    const response = await h.call('ops', {
      method: 'POST',
      url: '/api/rule-sets/nothing-here/impact-actuals',
      payload: { period: '2026-Q4' },
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.json()).toMatchObject({ code: 'RULE_SET_NOT_PUBLISHED' });
  });
});
