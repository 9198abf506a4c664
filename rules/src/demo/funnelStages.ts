import type { RuleGraph } from '@opscycle/domain';
import { aNode, anEdge, layOut } from './build';

/**
 * The articles' funnel with a standard per stage: lead screening -> needs research -> proposal/quote
 * -> contract negotiation -> payment follow-up. A deal is in the furthest stage whose standard, and
 * every earlier one, it meets.
 */
export const demoFunnelStages: RuleGraph = {
  id: 'funnel-stage-criteria',
  version: 1,
  kind: 'funnelStage',
  name: 'Funnel stage criteria',
  effectiveFrom: '2027-01-01',
  effectiveTo: null,
  nodes: layOut([
    [aNode('start', 'start', { label: 'Each deal' })],
    [
      aNode('worth-pursuing', 'condition', {
        fact: 'amountMinor',
        operator: 'greaterThanInclusive',
        value: 1_000_000,
        label: 'Deal ≥ 10,000 CNY',
      }),
      aNode('need-identified', 'condition', {
        fact: 'needIdentified',
        operator: 'equal',
        value: true,
        label: 'Need identified',
      }),
      aNode('decision-maker', 'condition', {
        fact: 'decisionMakerMet',
        operator: 'equal',
        value: true,
        label: 'Decision maker met',
      }),
      aNode('budget', 'condition', {
        fact: 'budgetConfirmed',
        operator: 'equal',
        value: true,
        label: 'Budget confirmed',
      }),
      aNode('proposal-sent', 'condition', {
        fact: 'proposalSubmitted',
        operator: 'equal',
        value: true,
        label: 'Proposal submitted',
      }),
      aNode('proposal-accepted', 'condition', {
        fact: 'proposalAccepted',
        operator: 'equal',
        value: true,
        label: 'Proposal accepted',
      }),
      aNode('discount-in-policy', 'condition', {
        fact: 'discountPct',
        operator: 'lessThanInclusive',
        value: 20,
        label: 'Discount ≤ 20%',
      }),
      aNode('signed', 'condition', {
        fact: 'contractSigned',
        operator: 'equal',
        value: true,
        label: 'Contract signed',
      }),
      aNode('invoiced', 'condition', {
        fact: 'invoicedMinor',
        operator: 'greaterThan',
        value: 0,
        label: 'Invoice issued',
      }),
    ],
    [
      aNode('research-standard', 'all', { label: 'Needs research standard' }),
      aNode('proposal-standard', 'all', { label: 'Proposal standard' }),
      aNode('negotiation-standard', 'all', { label: 'Negotiation standard' }),
      aNode('payment-standard', 'all', { label: 'Payment follow-up standard' }),
    ],
    [
      aNode('lead-screening', 'stageOutcome', { stage: 'leadScreening', order: 1, label: 'Lead screening' }),
      aNode('needs-research', 'stageOutcome', { stage: 'needsResearch', order: 2, label: 'Needs research' }),
      aNode('proposal', 'stageOutcome', { stage: 'proposal', order: 3, label: 'Proposal / quote' }),
      aNode('negotiation', 'stageOutcome', { stage: 'negotiation', order: 4, label: 'Contract negotiation' }),
      aNode('payment-follow-up', 'stageOutcome', {
        stage: 'paymentFollowUp',
        order: 5,
        label: 'Payment follow-up',
      }),
    ],
  ]),
  edges: [
    ...[
      'worth-pursuing',
      'need-identified',
      'decision-maker',
      'budget',
      'proposal-sent',
      'proposal-accepted',
      'discount-in-policy',
      'signed',
      'invoiced',
    ].map((c) => anEdge('start', c)),
    anEdge('worth-pursuing', 'lead-screening'),
    anEdge('need-identified', 'research-standard'),
    anEdge('decision-maker', 'research-standard'),
    anEdge('research-standard', 'needs-research'),
    anEdge('budget', 'proposal-standard'),
    anEdge('proposal-sent', 'proposal-standard'),
    anEdge('proposal-standard', 'proposal'),
    anEdge('proposal-accepted', 'negotiation-standard'),
    anEdge('discount-in-policy', 'negotiation-standard'),
    anEdge('negotiation-standard', 'negotiation'),
    anEdge('signed', 'payment-standard'),
    anEdge('invoiced', 'payment-standard'),
    anEdge('payment-standard', 'payment-follow-up'),
  ],
};
