import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IncentivePeriodInput, RuleGraph, TierBand } from '@opscycle/domain';
import { compileRuleGraph, evaluateIncentiveSync, payTiers } from '..';
import { demoIncentivePlan } from '../demo';

/** Ordered, contiguous bands with non-negative rates: what the validator accepts. */
const marginalBands = fc
  .array(
    fc.record({
      width: fc.integer({ min: 1, max: 1_000_000 }),
      rate: fc.double({ min: 0, max: 0.5, noNaN: true }),
    }),
    {
      minLength: 1,
      maxLength: 6,
    },
  )
  .map((parts) => {
    let from = 0;
    return parts.map(({ width, rate }, i): TierBand => {
      const band = { from, to: i === parts.length - 1 ? null : from + width, rate };
      from += width;
      return band;
    });
  });

describe('marginal tiers', () => {
  it('pay more (never less) as revenue grows', () => {
    fc.assert(
      fc.property(
        marginalBands,
        fc.double({ min: 0, max: 10_000_000, noNaN: true }),
        fc.double({ min: 0, max: 1_000_000, noNaN: true }),
        (bands, revenue, more) => {
          expect(payTiers(bands, 'marginal', revenue + more, revenue + more).amount).toBeGreaterThanOrEqual(
            payTiers(bands, 'marginal', revenue, revenue).amount - 1e-6,
          );
        },
      ),
    );
  });

  it('are continuous at every band edge', () => {
    fc.assert(
      fc.property(marginalBands, (bands) => {
        for (const band of bands.slice(1)) {
          const below = payTiers(bands, 'marginal', band.from - 1e-6, band.from - 1e-6).amount;
          const at = payTiers(bands, 'marginal', band.from, band.from).amount;
          expect(Math.abs(at - below)).toBeLessThan(1e-5);
        }
      }),
    );
  });
});

const plan = compileRuleGraph(demoIncentivePlan);
const payees = fc.array(
  fc.record({
    revenue: fc.integer({ min: 0, max: 1_000_000_000 }),
    quota: fc.integer({ min: 1, max: 300_000_000 }),
    target: fc.integer({ min: 0, max: 20_000_000 }),
    collectionRate: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  { minLength: 1, maxLength: 6 },
);
function period(
  reps: { revenue: number; quota: number; target: number; collectionRate: number }[],
): IncentivePeriodInput {
  return {
    period: { id: '2027-05', from: '2027-05-01', to: '2027-05-31' },
    payees: reps.map((r, i) => ({
      payeeId: `r${i}`,
      quotaMinor: r.quota,
      targetIncentiveMinor: r.target,
      collectionRate: r.collectionRate,
    })),
    dealLines: reps
      .filter((r) => r.revenue > 0)
      .map((r) => ({
        dealId: `d-${reps.indexOf(r)}`,
        amountMinor: r.revenue,
        currency: 'CNY',
        productLine: 'erp',
        customerId: 'c',
        newCustomer: false,
        closedOn: '2027-05-10',
        status: 'won' as const,
        credits: [{ payeeId: `r${reps.indexOf(r)}`, share: 1 }],
      })),
  };
}

describe('the demo plan', () => {
  it('never pays commission above its cap (200% of target incentive)', () => {
    fc.assert(
      fc.property(payees, (reps) => {
        const result = evaluateIncentiveSync(plan, period(reps));
        reps.forEach((r, i) => {
          const commission = result.payees[i]!.lines.find((l) => l.component === 'Commission')!;
          expect(commission.amountMinor).toBeLessThanOrEqual(Math.round(2 * r.target));
        });
      }),
      { numRuns: 200 },
    );
  });

  it('pays the same whatever the order of nodes and edges and whatever the node ids', () => {
    const renamed = (graph: RuleGraph, order: number[], edgeOrder: number[]): RuleGraph => {
      const rename = (id: string) => `x-${[...id].reverse().join('')}`;
      const nodes = order
        .map((i) => graph.nodes[i % graph.nodes.length]!)
        .filter((n, i, all) => all.indexOf(n) === i);
      for (const n of graph.nodes) if (!nodes.includes(n)) nodes.push(n);
      const edges = edgeOrder
        .map((i) => graph.edges[i % graph.edges.length]!)
        .filter((e, i, all) => all.indexOf(e) === i);
      for (const e of graph.edges) if (!edges.includes(e)) edges.push(e);
      return {
        ...graph,
        nodes: nodes.map((n) => ({ ...n, id: rename(n.id) })),
        edges: edges.map((e) => ({
          ...e,
          id: rename(e.id),
          sourceId: rename(e.sourceId),
          targetId: rename(e.targetId),
        })),
      };
    };
    const amounts = (compiled: ReturnType<typeof compileRuleGraph>, input: IncentivePeriodInput) =>
      evaluateIncentiveSync(compiled, input).payees.map((p) =>
        p.lines.map((l) => [l.component, l.amountMinor]).sort(),
      );
    fc.assert(
      fc.property(
        payees,
        fc.array(fc.nat(), { maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        (reps, order, edgeOrder) => {
          const shuffled = compileRuleGraph(renamed(demoIncentivePlan, order, edgeOrder));
          expect(amounts(shuffled, period(reps))).toEqual(amounts(plan, period(reps)));
        },
      ),
      { numRuns: 100 },
    );
  });
});
