import type { RuleGraph } from '@opscycle/domain';
import { aNode, anEdge, layOut } from './build';

/**
 * Inquiry (dispute) routing on the questioned line's amount: finance resolves every inquiry; a line
 * above 100,000 CNY goes to the regional director first, who knows the deals, and then to finance,
 * who confirms the amount. A level that does not answer in time escalates to the next.
 */
export const demoInquiryRouting: RuleGraph = {
  id: 'inquiry-routing',
  version: 1,
  kind: 'approvalRouting',
  name: 'Statement inquiry routing',
  effectiveFrom: '2026-01-01',
  effectiveTo: null,
  nodes: layOut([
    [aNode('start', 'start', { label: 'Each inquiry about a statement line' })],
    [
      aNode('over-100k', 'condition', {
        fact: 'amount',
        operator: 'greaterThan',
        value: 10_000_000,
        label: '> 100,000 CNY',
      }),
    ],
    [
      aNode('director', 'routeOutcome', {
        label: 'Regional director',
        priority: 1,
        approvers: [{ role: 'manager', orgLevel: 'region', label: 'Regional director' }],
      }),
      aNode('finance', 'routeOutcome', {
        label: 'Finance',
        priority: 2,
        approvers: [{ role: 'finance', label: 'Finance' }],
      }),
    ],
  ]),
  edges: [anEdge('start', 'finance'), anEdge('start', 'over-100k'), anEdge('over-100k', 'director')],
};
