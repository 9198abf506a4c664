import { DEAL_CSV_COLUMNS, type Deal } from '@opscycle/domain';

/** A valid open deal on team east-1; override any field. */
export function aDeal(overrides: Partial<Deal> = {}): Deal {
  return {
    dealId: 'd-1',
    repId: 'rep-1',
    teamId: 'east-1',
    customerId: 'c-1',
    customerSize: 'smb',
    customerValue: 'normal',
    isNewCustomer: true,
    productLine: 'core',
    channel: 'direct',
    stage: 'proposal',
    status: 'open',
    amountMinor: 120_000,
    currency: 'CNY',
    discountPct: 5,
    createdOn: '2027-02-01',
    wonOn: null,
    invoicedMinor: 0,
    collectedMinor: 0,
    collectedOn: null,
    refundedOn: null,
    leadSource: 'inbound',
    budgetConfirmed: true,
    decisionMakerMet: false,
    needIdentified: true,
    proposalSubmittedOn: '2027-02-10',
    proposalAccepted: false,
    ...overrides,
  };
}

/** Rows as a CRM exports them: a header of the Deal fields, empty cells for nulls. Raw cells may override. */
const cell = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';

/** Rows as a CRM exports them: a header of the Deal fields, empty cells for nulls. Raw cells may override. */
export function dealsCsv(rows: readonly (Deal | Record<string, string>)[]): string {
  const lines = rows.map((row) =>
    DEAL_CSV_COLUMNS.map((column) => cell((row as Record<string, unknown>)[column])).join(','),
  );
  return [DEAL_CSV_COLUMNS.join(','), ...lines].join('\n') + '\n';
}

/** A deal of `repId` won on `wonOn`, invoiced and collected in full that day; override any field. */
export function aWonDeal(
  dealId: string,
  repId: string,
  teamId: string,
  amountMinor: number,
  wonOn: string,
  overrides: Partial<Deal> = {},
): Deal {
  return aDeal({
    dealId,
    repId,
    teamId,
    amountMinor,
    status: 'won',
    stage: 'paymentFollowUp',
    createdOn: '2026-06-01',
    wonOn,
    invoicedMinor: amountMinor,
    collectedMinor: amountMinor,
    collectedOn: wonOn,
    ...overrides,
  });
}
