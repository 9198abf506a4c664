import type { RuleGraph } from '@opscycle/domain';
import { aNode, anEdge, layOut } from './build';

/**
 * The field-sales plan of a fiscal year (10 rules): commission on revenue in marginal tiers by attainment
 * (5% to 100% of quota, 8% to 150%, 12% beyond: the accelerators), paid only from 50% attainment,
 * reduced to 80% when collections lag, capped at 200% of target incentive; an over-target bonus;
 * a weighted KPI bonus; a cloud kicker; a Q1 new-logo SPIF; manager override; clawback of refunds;
 * a recoverable draw for new hires. Effective for the calendar (= fiscal) year.
 */
export const fieldSalesPlan = (fiscalYear: number): RuleGraph => ({
  id: `plan-fy${fiscalYear}-field-sales`,
  version: 1,
  kind: 'incentive',
  name: `FY${fiscalYear} field sales commission`,
  currency: 'CNY',
  effectiveFrom: `${fiscalYear}-01-01`,
  effectiveTo: `${fiscalYear}-12-31`,
  nodes: layOut([
    [
      aNode('start', 'start', { label: 'Each payee, each month' }),
      aNode('revenue', 'factInput', { fact: 'revenue', label: 'Credited revenue' }),
      aNode('attainment', 'factInput', { fact: 'attainment', label: 'Attainment' }),
      aNode('team-revenue', 'factInput', { fact: 'teamRevenue', label: "Team's revenue" }),
      aNode('cloud-bookings', 'factInput', {
        fact: 'bookingsByProductLine',
        path: '$.cloud',
        label: 'Cloud bookings',
      }),
    ],
    [
      aNode('at-least-half', 'condition', {
        fact: 'attainment',
        operator: 'greaterThanInclusive',
        value: 0.5,
        label: 'Attainment ≥ 50%',
      }),
      aNode('collections-lag', 'condition', {
        fact: 'collectionRate',
        operator: 'lessThan',
        value: 0.7,
        label: 'Collection rate < 70%',
      }),
      aNode('over-target', 'condition', {
        fact: 'attainment',
        operator: 'greaterThanInclusive',
        value: 1.2,
        label: 'Attainment ≥ 120%',
      }),
      aNode('leads-a-team', 'condition', {
        fact: 'teamRevenue',
        operator: 'greaterThan',
        value: 0,
        label: 'Has a team',
      }),
      aNode('new-hire', 'condition', {
        fact: 'tenureMonths',
        operator: 'lessThan',
        value: 6,
        label: 'Hired < 6 months ago',
      }),
      aNode('direct-seller', 'condition', {
        fact: 'salesRole',
        operator: 'equal',
        value: 'direct',
        label: 'Direct sales',
      }),
    ],
    [aNode('threshold', 'gate', { label: 'Threshold: 50% of quota' })],
    [
      aNode('commission', 'tierTable', {
        component: 'Commission',
        mode: 'marginal',
        bands: [
          { from: 0, to: 1, rate: 0.05 },
          { from: 1, to: 1.5, rate: 0.08 },
          { from: 1.5, to: null, rate: 0.12 },
        ],
      }),
      aNode('over-target-bonus', 'fixedAmount', { component: 'Over-target bonus', amountMinor: 500_000 }),
      aNode('kpi-bonus', 'weightedMeasures', {
        component: 'KPI bonus',
        measures: [
          { fact: 'attainment', weight: 0.6, floor: 0.5, cap: 1.5 },
          { fact: 'collectionRate', weight: 0.4, floor: 0.6, cap: 1 },
        ],
      }),
      aNode('cloud-kicker', 'rateTimesBase', { component: 'Cloud kicker', rate: 0.02 }),
      aNode('new-logo-spif', 'spif', {
        component: 'Q1 new-logo SPIF',
        window: { from: `${fiscalYear}-01-01`, to: `${fiscalYear}-03-31` },
        newCustomersOnly: true,
        amountMinorPerDeal: 200_000,
      }),
      aNode('override', 'rateTimesBase', { component: 'Manager override', rate: 0.01 }),
      aNode('refund-clawback', 'clawback', { component: 'Refund clawback' }),
      aNode('new-hire-draw', 'draw', {
        component: 'New-hire draw',
        drawType: 'recoverable',
        amountMinor: 800_000,
      }),
    ],
    [aNode('collection-penalty', 'multiplier', { factor: 0.8, label: 'Collections below 70%: × 0.8' })],
    [aNode('commission-cap', 'cap', { pctOfTargetIncentive: 2, label: 'Cap: 200% of target incentive' })],
  ]),
  edges: [
    anEdge('start', 'at-least-half'),
    anEdge('start', 'collections-lag'),
    anEdge('start', 'over-target'),
    anEdge('start', 'leads-a-team'),
    anEdge('start', 'new-hire'),
    anEdge('start', 'direct-seller'),
    anEdge('at-least-half', 'threshold'),
    anEdge('threshold', 'commission'),
    anEdge('attainment', 'commission'),
    anEdge('revenue', 'commission', 'base'),
    anEdge('commission', 'collection-penalty'),
    anEdge('collections-lag', 'collection-penalty'),
    anEdge('collection-penalty', 'commission-cap'),
    anEdge('over-target', 'over-target-bonus'),
    anEdge('threshold', 'kpi-bonus'),
    anEdge('cloud-bookings', 'cloud-kicker'),
    anEdge('direct-seller', 'cloud-kicker'),
    anEdge('start', 'new-logo-spif'),
    anEdge('team-revenue', 'override'),
    anEdge('leads-a-team', 'override'),
    anEdge('start', 'refund-clawback'),
    anEdge('new-hire', 'new-hire-draw'),
  ],
});

/** The demo's current plan, pinned by the FY2027 cycle. */
export const demoIncentivePlan: RuleGraph = fieldSalesPlan(2027);

/** Last year's plan: what the demo's last closed period (2026-Q4) is paid by. */
export const demoIncentivePlanFy2026: RuleGraph = fieldSalesPlan(2026);
