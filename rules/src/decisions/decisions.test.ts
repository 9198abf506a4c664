import { describe, expect, it } from 'vitest';
import {
  compileRuleGraph,
  demoBudgetRouting,
  demoCustomerSegments,
  demoDiscountAuthority,
  demoFunnelStages,
  evaluateApprovalRouting,
  evaluateApprovalRoutingSync,
  evaluateCustomerSegment,
  evaluateDiscountAuthority,
  evaluateFunnelStage,
} from '..';
import { aKeyAccount, aProposalDeal } from '../testing/decisionFacts';

const budget = compileRuleGraph(demoBudgetRouting);
const discount = compileRuleGraph(demoDiscountAuthority);
const funnel = compileRuleGraph(demoFunnelStages);
const segments = compileRuleGraph(demoCustomerSegments);

const request = (amount: number, category = 'travel') => ({
  amount,
  category,
  unitId: 'team-east-1',
  unitKind: 'team',
  requesterRole: 'manager',
});
const labels = (steps: { label?: string | undefined }[]) => steps.map((s) => s.label);

describe('budget approval routing', () => {
  it('routes a small request to the line manager only', async () => {
    expect(labels((await evaluateApprovalRouting(budget, request(1_000_000))).approvers)).toEqual([
      'Line manager',
    ]);
  });

  it('adds the director, finance and the VP as the amount grows, in priority order', async () => {
    expect(labels((await evaluateApprovalRouting(budget, request(60_000_000))).approvers)).toEqual([
      'Line manager',
      'Regional director',
      'Finance',
    ]);
    expect(labels((await evaluateApprovalRouting(budget, request(300_000_000))).approvers)).toEqual([
      'Line manager',
      'Regional director',
      'Finance',
      'Sales VP',
    ]);
  });

  it('sends any capex to finance, large marketing spend to the marketing head and large channel commission to sales ops', async () => {
    expect(labels((await evaluateApprovalRouting(budget, request(1_000_000, 'capex'))).approvers)).toEqual([
      'Line manager',
      'Finance',
    ]);
    // 200,000 CNY: above 50,000 (director) and above 100,000 (the category's extra step).
    expect(
      labels((await evaluateApprovalRouting(budget, request(20_000_000, 'marketing'))).approvers),
    ).toEqual(['Line manager', 'Regional director', 'Marketing head']);
    expect(
      labels((await evaluateApprovalRouting(budget, request(20_000_000, 'channelCommission'))).approvers),
    ).toEqual(['Line manager', 'Regional director', 'Sales ops']);
    // 100,000 CNY exactly is not above 100,000: no extra step.
    expect(
      labels((await evaluateApprovalRouting(budget, request(10_000_000, 'marketing'))).approvers),
    ).toEqual(['Line manager', 'Regional director']);
  });

  it('routes to an org position as such and names it in the explanation, identically on the fast path', async () => {
    const decision = await evaluateApprovalRouting(budget, request(20_000_000, 'marketing'));
    expect(decision.approvers[2]).toEqual({ position: 'marketingHead', label: 'Marketing head' });
    expect(decision.approvers[2]).not.toHaveProperty('role');
    expect(decision.explanation).toContain(
      'Marketing head review (priority 6): Marketing head [position marketingHead], because',
    );
    expect(evaluateApprovalRoutingSync(budget, request(20_000_000, 'marketing'))).toEqual(decision);
  });

  it('explains the route with the fact values that decided it, identically on the fast path', async () => {
    const decision = await evaluateApprovalRouting(budget, request(60_000_000));
    expect(decision.explanation).toContain(
      'Finance (priority 3): Finance, because (category "travel" equal "capex" ✗ or amount 60000000 greaterThan 50000000 ✓) ✓',
    );
    expect(evaluateApprovalRoutingSync(budget, request(60_000_000))).toEqual(decision);
  });

  it('refuses facts the catalog does not know, or of the wrong type, naming the fact', async () => {
    await expect(evaluateApprovalRouting(budget, { ...request(1), amount: '12' })).rejects.toMatchObject({
      code: 'RULES_INVALID_FACTS',
      message: 'fact amount: must be an integer amount of minor units',
    });
    await expect(evaluateApprovalRouting(budget, { ...request(1), shoeSize: 42 })).rejects.toMatchObject({
      code: 'RULES_INVALID_FACTS',
    });
    await expect(evaluateApprovalRouting(discount, request(1))).rejects.toMatchObject({
      code: 'RULES_KIND_MISMATCH',
    });
  });
});

describe('discount authority', () => {
  const quote = (discountPct: number, dealAmount = 10_000_000) => ({
    discountPct,
    dealAmount,
    productLine: 'erp',
    customerSize: 'smb',
    requesterRole: 'rep',
  });

  it('lets the rep give up to 5% on their own', async () => {
    expect(labels((await evaluateDiscountAuthority(discount, quote(5))).approvers)).toEqual([
      'Rep (own authority)',
    ]);
  });
  it('needs the sales manager above 5%', async () => {
    expect(labels((await evaluateDiscountAuthority(discount, quote(5.5))).approvers)).toEqual([
      'Sales manager',
    ]);
  });
  it('needs the director and finance above 15% or on a large deal', async () => {
    const chain = ['Sales manager', 'Sales director', 'Finance'];
    expect(labels((await evaluateDiscountAuthority(discount, quote(16))).approvers)).toEqual(chain);
    expect(labels((await evaluateDiscountAuthority(discount, quote(8, 150_000_000))).approvers)).toEqual(
      chain,
    );
    expect(labels((await evaluateDiscountAuthority(discount, quote(3, 150_000_000))).approvers)).toEqual([
      'Rep (own authority)',
      'Sales manager',
      'Sales director',
      'Finance',
    ]);
  });
});

describe('funnel stages', () => {
  const deal = aProposalDeal();

  it('finds the furthest stage passed in order, and what the next stage still needs', async () => {
    const decision = await evaluateFunnelStage(funnel, deal);
    expect(decision.stage).toBe('proposal');
    expect(decision.next?.stage).toBe('negotiation');
    expect(decision.next?.failing.map((f) => [f.nodeId, f.factValue])).toEqual([
      ['proposal-accepted', false],
    ]);
  });

  it('stops at the first stage that fails even when later criteria hold', async () => {
    const decision = await evaluateFunnelStage(funnel, {
      ...deal,
      decisionMakerMet: false,
      proposalAccepted: true,
      contractSigned: true,
      invoicedMinor: 5,
    });
    expect(decision.stage).toBe('leadScreening');
    expect(decision.stages.filter((s) => s.passed).map((s) => s.stage)).toEqual([
      'leadScreening',
      'proposal',
      'negotiation',
      'paymentFollowUp',
    ]);
  });

  it('reaches no stage when lead screening fails', async () => {
    expect((await evaluateFunnelStage(funnel, { ...deal, amountMinor: 1 })).stage).toBeNull();
  });
});

describe('customer segments', () => {
  const customer = aKeyAccount();

  it('segments by size, value and stage, each with its treatment', async () => {
    const decision = await evaluateCustomerSegment(segments, customer);
    expect(Object.fromEntries(Object.entries(decision.segments).map(([d, s]) => [d, s.segment]))).toEqual({
      size: 'keyAccount',
      value: 'normal',
      stage: 'atRisk',
    });
    expect(decision.segments.stage?.treatment).toBe('Retention call within 2 weeks');
  });

  it('falls back to the default segment of a dimension', async () => {
    const decision = await evaluateCustomerSegment(segments, {
      ...customer,
      annualRevenue: 1,
      monthsSinceLastOrder: 1,
      wonDeals: 1,
    });
    expect(decision.segments.size?.segment).toBe('smb');
    expect(decision.segments.stage?.segment).toBe('new');
  });
});
