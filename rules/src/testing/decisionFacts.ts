/** A deal through proposal, not yet accepted: the demo funnel places it at `proposal`. */
export const aProposalDeal = () => ({
  leadSource: 'inbound',
  customerSize: 'key',
  budgetConfirmed: true,
  decisionMakerMet: true,
  needIdentified: true,
  proposalSubmitted: true,
  proposalAccepted: false,
  contractSigned: false,
  invoicedMinor: 0,
  collectedRatio: 0,
  amountMinor: 5_000_000,
  discountPct: 10,
});

/** A key account that has not ordered for 8 months: keyAccount, normal value, atRisk in the demo. */
export const aKeyAccount = () => ({
  annualRevenue: 120_000_000,
  employeeCount: 50,
  lifetimeValue: 10_000_000,
  wonDeals: 6,
  monthsSinceLastOrder: 8,
  openComplaints: 0,
  productLines: ['erp'],
  customerSize: 'key',
});
