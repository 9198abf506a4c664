import type { RuleGraph } from '@opscycle/domain';
import { aNode, anEdge, layOut } from './build';

/**
 * Customer segmentation along the articles' three axes, each with its treatment: size (key account
 * / SMB), value (high / normal) and stage (at risk / new / existing).
 */
export const demoCustomerSegments: RuleGraph = {
  id: 'customer-segments',
  version: 1,
  kind: 'customerSegment',
  name: 'Customer segments',
  effectiveFrom: '2027-01-01',
  effectiveTo: null,
  nodes: layOut([
    [aNode('start', 'start', { label: 'Each customer' })],
    [
      aNode('big-revenue', 'condition', {
        fact: 'annualRevenue',
        operator: 'greaterThanInclusive',
        value: 100_000_000,
        label: 'Revenue ≥ 1,000,000 CNY',
      }),
      aNode('big-company', 'condition', {
        fact: 'employeeCount',
        operator: 'greaterThanInclusive',
        value: 1000,
        label: '≥ 1,000 employees',
      }),
      aNode('high-ltv', 'condition', {
        fact: 'lifetimeValue',
        operator: 'greaterThanInclusive',
        value: 50_000_000,
        label: 'LTV ≥ 500,000 CNY',
      }),
      aNode('dormant', 'condition', {
        fact: 'monthsSinceLastOrder',
        operator: 'greaterThan',
        value: 6,
        label: 'No order for 6 months',
      }),
      aNode('complaints', 'condition', {
        fact: 'openComplaints',
        operator: 'greaterThanInclusive',
        value: 3,
        label: '≥ 3 open complaints',
      }),
      aNode('first-deal', 'condition', {
        fact: 'wonDeals',
        operator: 'lessThanInclusive',
        value: 1,
        label: 'At most one won deal',
      }),
    ],
    [
      aNode('key-criteria', 'any', { label: 'Large customer' }),
      aNode('risk-signals', 'any', { label: 'Risk signals' }),
    ],
    [
      aNode('key-account', 'segmentOutcome', {
        dimension: 'size',
        segment: 'keyAccount',
        priority: 1,
        treatment: 'Named account manager, quarterly business review',
      }),
      aNode('smb', 'segmentOutcome', {
        dimension: 'size',
        segment: 'smb',
        priority: 2,
        treatment: 'Inside sales and self-service',
      }),
      aNode('high-value', 'segmentOutcome', {
        dimension: 'value',
        segment: 'high',
        priority: 1,
        treatment: 'Cross-sell plays, executive sponsor',
      }),
      aNode('normal-value', 'segmentOutcome', { dimension: 'value', segment: 'normal', priority: 2 }),
      aNode('at-risk', 'segmentOutcome', {
        dimension: 'stage',
        segment: 'atRisk',
        priority: 1,
        treatment: 'Retention call within 2 weeks',
      }),
      aNode('new', 'segmentOutcome', {
        dimension: 'stage',
        segment: 'new',
        priority: 2,
        treatment: 'Onboarding programme',
      }),
      aNode('existing', 'segmentOutcome', { dimension: 'stage', segment: 'existing', priority: 3 }),
    ],
  ]),
  edges: [
    ...[
      'big-revenue',
      'big-company',
      'high-ltv',
      'dormant',
      'complaints',
      'first-deal',
      'smb',
      'normal-value',
      'existing',
    ].map((n) => anEdge('start', n)),
    anEdge('big-revenue', 'key-criteria'),
    anEdge('big-company', 'key-criteria'),
    anEdge('key-criteria', 'key-account'),
    anEdge('high-ltv', 'high-value'),
    anEdge('dormant', 'risk-signals'),
    anEdge('complaints', 'risk-signals'),
    anEdge('risk-signals', 'at-risk'),
    anEdge('first-deal', 'new'),
  ],
};
