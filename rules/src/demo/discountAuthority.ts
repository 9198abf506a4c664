import type { RuleGraph } from '@opscycle/domain';
import { aNode, anEdge, layOut } from './build';

/**
 * Discount authority (the articles' example): a rep may give up to 5% on their own; more needs the
 * sales manager; above 15%, or on a deal of 1,000,000 CNY or more, the director and finance too;
 * non-standard contract terms add sales ops.
 */
export const demoDiscountAuthority: RuleGraph = {
  id: 'discount-authority',
  version: 1,
  kind: 'discountAuthority',
  name: 'Discount authority',
  effectiveFrom: '2027-01-01',
  effectiveTo: null,
  nodes: layOut([
    [aNode('start', 'start', { label: 'Each quote' })],
    [
      aNode('within-5', 'condition', {
        fact: 'discountPct',
        operator: 'lessThanInclusive',
        value: 5,
        label: 'Discount ≤ 5%',
      }),
      aNode('over-5', 'condition', {
        fact: 'discountPct',
        operator: 'greaterThan',
        value: 5,
        label: 'Discount > 5%',
      }),
      aNode('over-15', 'condition', {
        fact: 'discountPct',
        operator: 'greaterThan',
        value: 15,
        label: 'Discount > 15%',
      }),
      aNode('large-deal', 'condition', {
        fact: 'dealAmount',
        operator: 'greaterThanInclusive',
        value: 100_000_000,
        label: 'Deal ≥ 1,000,000 CNY',
      }),
      aNode('non-standard', 'condition', {
        fact: 'nonStandardTerms',
        operator: 'equal',
        value: true,
        label: 'Non-standard terms',
      }),
    ],
    [aNode('deep-or-large', 'any', { label: 'Deep discount or large deal' })],
    [
      aNode('rep-authority', 'routeOutcome', {
        label: "Rep's own authority",
        priority: 1,
        approvers: [{ role: 'rep', label: 'Rep (own authority)' }],
      }),
      aNode('manager-approval', 'routeOutcome', {
        label: 'Sales manager',
        priority: 2,
        approvers: [{ role: 'manager', orgLevel: 'team', label: 'Sales manager' }],
      }),
      aNode('director-finance', 'routeOutcome', {
        label: 'Director and finance',
        priority: 3,
        approvers: [
          { role: 'manager', orgLevel: 'team', label: 'Sales manager' },
          { role: 'manager', orgLevel: 'region', label: 'Sales director' },
          { role: 'finance', label: 'Finance' },
        ],
      }),
      aNode('ops-terms', 'routeOutcome', {
        label: 'Contract terms review',
        priority: 4,
        approvers: [{ role: 'opsAdmin', label: 'Sales ops' }],
      }),
    ],
  ]),
  edges: [
    anEdge('start', 'within-5'),
    anEdge('start', 'over-5'),
    anEdge('start', 'over-15'),
    anEdge('start', 'large-deal'),
    anEdge('start', 'non-standard'),
    anEdge('within-5', 'rep-authority'),
    anEdge('over-5', 'manager-approval'),
    anEdge('over-15', 'deep-or-large'),
    anEdge('large-deal', 'deep-or-large'),
    anEdge('deep-or-large', 'director-finance'),
    anEdge('non-standard', 'ops-terms'),
  ],
};
