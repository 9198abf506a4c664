import type { RuleGraph } from '@opscycle/domain';
import { aNode, anEdge, layOut } from './build';

/**
 * Budget approval routing by amount and category: the line manager always; the regional director
 * above 50,000 CNY; finance above 500,000 CNY or for any capex; the sales VP above 2,000,000 CNY;
 * above 100,000 CNY, the head of marketing (the org position, wherever its holder sits) for marketing
 * and sales ops for channel commission.
 */
export const demoBudgetRouting: RuleGraph = {
  id: 'budget-approval-routing',
  version: 1,
  kind: 'approvalRouting',
  name: 'Budget approval routing',
  effectiveFrom: '2027-01-01',
  effectiveTo: null,
  nodes: layOut([
    [aNode('start', 'start', { label: 'Each budget request' })],
    [
      aNode('over-50k', 'condition', {
        fact: 'amount',
        operator: 'greaterThan',
        value: 5_000_000,
        label: '> 50,000 CNY',
      }),
      aNode('over-500k', 'condition', {
        fact: 'amount',
        operator: 'greaterThan',
        value: 50_000_000,
        label: '> 500,000 CNY',
      }),
      aNode('capex', 'condition', { fact: 'category', operator: 'equal', value: 'capex', label: 'Capex' }),
      aNode('over-2m', 'condition', {
        fact: 'amount',
        operator: 'greaterThan',
        value: 200_000_000,
        label: '> 2,000,000 CNY',
      }),
      aNode('marketing', 'condition', {
        fact: 'category',
        operator: 'equal',
        value: 'marketing',
        label: 'Marketing',
      }),
      aNode('channel', 'condition', {
        fact: 'category',
        operator: 'equal',
        value: 'channelCommission',
        label: 'Channel commission',
      }),
      aNode('over-100k', 'condition', {
        fact: 'amount',
        operator: 'greaterThan',
        value: 10_000_000,
        label: '> 100,000 CNY',
      }),
    ],
    [
      aNode('finance-needed', 'any', { label: 'Large or capex' }),
      aNode('marketing-review-needed', 'all', { label: 'Large marketing spend' }),
      aNode('ops-review-needed', 'all', { label: 'Large channel commission' }),
    ],
    [
      aNode('line-manager', 'routeOutcome', {
        label: 'Line manager',
        priority: 1,
        approvers: [{ role: 'manager', orgLevel: 'team', label: 'Line manager' }],
      }),
      aNode('director', 'routeOutcome', {
        label: 'Regional director',
        priority: 2,
        approvers: [{ role: 'manager', orgLevel: 'region', label: 'Regional director' }],
      }),
      aNode('finance', 'routeOutcome', {
        label: 'Finance',
        priority: 3,
        approvers: [{ role: 'finance', label: 'Finance' }],
      }),
      aNode('vp', 'routeOutcome', {
        label: 'Sales VP',
        priority: 4,
        approvers: [{ role: 'manager', orgLevel: 'company', label: 'Sales VP' }],
      }),
      aNode('ops-review', 'routeOutcome', {
        label: 'Sales ops review',
        priority: 5,
        approvers: [{ role: 'opsAdmin', label: 'Sales ops' }],
      }),
      aNode('marketing-review', 'routeOutcome', {
        label: 'Marketing head review',
        priority: 6,
        approvers: [{ position: 'marketingHead', label: 'Marketing head' }],
      }),
    ],
  ]),
  edges: [
    anEdge('start', 'line-manager'),
    anEdge('start', 'over-50k'),
    anEdge('start', 'over-500k'),
    anEdge('start', 'capex'),
    anEdge('start', 'over-2m'),
    anEdge('start', 'marketing'),
    anEdge('start', 'channel'),
    anEdge('start', 'over-100k'),
    anEdge('over-50k', 'director'),
    anEdge('over-500k', 'finance-needed'),
    anEdge('capex', 'finance-needed'),
    anEdge('finance-needed', 'finance'),
    anEdge('over-2m', 'vp'),
    anEdge('marketing', 'marketing-review-needed'),
    anEdge('over-100k', 'marketing-review-needed'),
    anEdge('marketing-review-needed', 'marketing-review'),
    anEdge('channel', 'ops-review-needed'),
    anEdge('over-100k', 'ops-review-needed'),
    anEdge('ops-review-needed', 'ops-review'),
  ],
};
