import type { RuleGraph } from '@opscycle/domain';
import { aNode, anEdge, layOut } from '@opscycle/rules';

/**
 * A small plan whose numbers can be checked by hand: 10% commission on revenue, a 2% manager
 * override on the direct reports' revenue, refunds clawed back at the rate paid, and a recoverable
 * draw of 300,000 a month for reps hired less than six months ago.
 */
export const carryPlan = (id: string): RuleGraph => ({
  id,
  version: 1,
  kind: 'incentive',
  name: 'Carry test plan',
  currency: 'CNY',
  effectiveFrom: '2027-01-01',
  effectiveTo: '2027-12-31',
  nodes: layOut([
    [
      aNode('start', 'start', {}),
      aNode('revenue', 'factInput', { fact: 'revenue' }),
      aNode('team-revenue', 'factInput', { fact: 'teamRevenue' }),
    ],
    [
      aNode('leads-a-team', 'condition', { fact: 'teamRevenue', operator: 'greaterThan', value: 0 }),
      aNode('new-hire', 'condition', { fact: 'tenureMonths', operator: 'lessThan', value: 6 }),
    ],
    [
      aNode('commission', 'rateTimesBase', { component: 'Commission', rate: 0.1 }),
      aNode('override', 'rateTimesBase', { component: 'Manager override', rate: 0.02 }),
      aNode('refund-clawback', 'clawback', { component: 'Refund clawback' }),
      aNode('new-hire-draw', 'draw', {
        component: 'New-hire draw',
        drawType: 'recoverable',
        amountMinor: 300_000,
      }),
    ],
  ]),
  edges: [
    anEdge('start', 'leads-a-team'),
    anEdge('start', 'new-hire'),
    anEdge('revenue', 'commission'),
    anEdge('team-revenue', 'override'),
    anEdge('leads-a-team', 'override'),
    anEdge('start', 'refund-clawback'),
    anEdge('new-hire', 'new-hire-draw'),
  ],
});
