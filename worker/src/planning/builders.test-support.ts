import type { ActualsLine, Deal, HistoricalActuals, KpiSet } from '@opscycle/domain';

/** Typed builders for the planning tests: a valid default, overridden per test. */
export function anActualsLine(overrides: Partial<ActualsLine> = {}): ActualsLine {
  return {
    fiscalYear: 2025,
    month: 1,
    regionId: 'r1',
    teamId: 't1',
    repId: 'rep1',
    productLine: 'p1',
    customerSize: 'smb',
    channel: 'direct',
    revenueMinor: 0,
    wonDeals: 1,
    ...overrides,
  };
}

export function actuals(lines: ActualsLine[]): HistoricalActuals {
  return { currency: 'CNY', lines };
}

export function aDeal(overrides: Partial<Deal> = {}): Deal {
  return {
    dealId: 'D1',
    repId: 'rep1',
    teamId: 't1',
    customerId: 'C1',
    customerSize: 'smb',
    customerValue: 'normal',
    isNewCustomer: false,
    productLine: 'p1',
    channel: 'direct',
    stage: 'paymentFollowUp',
    status: 'won',
    amountMinor: 1000,
    currency: 'CNY',
    discountPct: 0,
    createdOn: '2026-01-01',
    wonOn: '2026-01-15',
    invoicedMinor: 1000,
    collectedMinor: 1000,
    collectedOn: '2026-01-20',
    refundedOn: null,
    leadSource: 'inbound',
    budgetConfirmed: true,
    decisionMakerMet: true,
    needIdentified: true,
    proposalSubmittedOn: null,
    proposalAccepted: false,
    ...overrides,
  };
}

export function aKpiSet(overrides: Partial<KpiSet> = {}): KpiSet {
  return {
    unitId: 'u1',
    period: { from: '2026-01-01', to: '2026-03-31' },
    currency: 'CNY',
    revenueMinor: 0,
    targetMinor: null,
    achievement: null,
    invoicedMinor: 0,
    collectedMinor: 0,
    collectionRate: null,
    refundedMinor: 0,
    newCustomers: 0,
    leadsCreated: 0,
    leadsWon: 0,
    leadConversion: null,
    stageConversion: [],
    proposalsSubmitted: 0,
    proposalsAccepted: 0,
    proposalPassRate: null,
    wonDeals: 0,
    averageDealMinor: null,
    averageSalesCycleDays: null,
    averageHeadcount: null,
    salesPerHeadMinor: null,
    salesAndMarketingSpendMinor: 0,
    cacMinor: null,
    ltvMinor: null,
    roiByLine: [],
    ...overrides,
  };
}
