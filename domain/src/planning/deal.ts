import { z } from 'zod';
import { CurrencyCode, MinorUnits } from '../money';
import { Id, SalesRole } from '../org';

/** A calendar date as CRMs export it (`2026-03-31`). Fiscal years are calendar years in OpsCycle. */
export const IsoDate = z.iso.date();
export type IsoDate = z.infer<typeof IsoDate>;

/** Customer size as the articles segment it: key accounts (大客户) and small/medium businesses. */
export const CUSTOMER_SIZES = ['key', 'smb'] as const;
export const CustomerSize = z.enum(CUSTOMER_SIZES);
export type CustomerSize = z.infer<typeof CustomerSize>;

export const CUSTOMER_VALUES = ['high', 'normal'] as const;
export const CustomerValue = z.enum(CUSTOMER_VALUES);
export type CustomerValue = z.infer<typeof CustomerValue>;

/**
 * The funnel stages of the articles, in order: lead screening -> needs research -> proposal/quote
 * -> contract negotiation -> payment follow-up. A deal's `stage` is the furthest stage it reached.
 */
export const FUNNEL_STAGES = [
  'leadScreening',
  'needsResearch',
  'proposal',
  'negotiation',
  'paymentFollowUp',
] as const;
export const FunnelStage = z.enum(FUNNEL_STAGES);
export type FunnelStage = z.infer<typeof FunnelStage>;

export const DEAL_STATUSES = ['open', 'won', 'lost', 'refunded'] as const;
export const DealStatus = z.enum(DEAL_STATUSES);
export type DealStatus = z.infer<typeof DealStatus>;

export const LEAD_SOURCES = ['inbound', 'outbound', 'partner', 'event'] as const;
export const LeadSource = z.enum(LEAD_SOURCES);
export type LeadSource = z.infer<typeof LeadSource>;

/**
 * One actuals line as a CRM exports it: one lead that became an opportunity, with the furthest
 * funnel stage it reached, its outcome, and its money. Flat (no nesting) so it maps 1:1 to a CSV row.
 * `amountMinor` is the contract amount after discount; it is invoiced when won (invoice date = wonOn).
 * A refunded deal was won and later fully refunded: it counts as neither revenue nor a won customer.
 */
export const Deal = z
  .object({
    dealId: Id,
    repId: Id,
    teamId: Id,
    customerId: Id,
    customerSize: CustomerSize,
    customerValue: CustomerValue,
    /** The CRM's own flag; KPIs recompute "new" from the first won deal (domain.md's definition). */
    isNewCustomer: z.boolean(),
    productLine: Id,
    channel: SalesRole,
    stage: FunnelStage,
    status: DealStatus,
    amountMinor: MinorUnits.nonnegative(),
    currency: CurrencyCode,
    /** Discount off list price, in percent (0..100). */
    discountPct: z.number().min(0).max(100),
    createdOn: IsoDate,
    wonOn: IsoDate.nullable(),
    invoicedMinor: MinorUnits.nonnegative(),
    collectedMinor: MinorUnits.nonnegative(),
    collectedOn: IsoDate.nullable(),
    refundedOn: IsoDate.nullable(),
    leadSource: LeadSource,
    /** Qualification facts the funnel-stage criteria rule sets test. */
    budgetConfirmed: z.boolean(),
    decisionMakerMet: z.boolean(),
    needIdentified: z.boolean(),
    proposalSubmittedOn: IsoDate.nullable(),
    proposalAccepted: z.boolean(),
  })
  .superRefine((deal, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const won = deal.status === 'won' || deal.status === 'refunded';
    if (won && deal.wonOn === null) issue('wonOn', `a ${deal.status} deal needs wonOn`);
    if (!won && deal.wonOn !== null) issue('wonOn', `a ${deal.status} deal has no wonOn`);
    if (deal.wonOn !== null && deal.wonOn < deal.createdOn) issue('wonOn', 'wonOn is before createdOn');
    if (deal.status === 'refunded' && deal.refundedOn === null)
      issue('refundedOn', 'a refunded deal needs refundedOn');
    if (deal.status !== 'refunded' && deal.refundedOn !== null)
      issue('refundedOn', 'only a refunded deal has refundedOn');
    if (deal.collectedMinor > deal.invoicedMinor) issue('collectedMinor', 'collected exceeds invoiced');
    if (deal.collectedMinor > 0 && deal.collectedOn === null)
      issue('collectedOn', 'a collection needs collectedOn');
    if (won && deal.stage !== 'paymentFollowUp') issue('stage', 'a won deal has reached paymentFollowUp');
    if (deal.proposalAccepted && deal.proposalSubmittedOn === null)
      issue('proposalAccepted', 'an accepted proposal needs proposalSubmittedOn');
  });
export type Deal = z.infer<typeof Deal>;

/** The CSV header of a deal export: exactly the Deal fields, in this order. */
export const DEAL_CSV_COLUMNS = [
  'dealId',
  'repId',
  'teamId',
  'customerId',
  'customerSize',
  'customerValue',
  'isNewCustomer',
  'productLine',
  'channel',
  'stage',
  'status',
  'amountMinor',
  'currency',
  'discountPct',
  'createdOn',
  'wonOn',
  'invoicedMinor',
  'collectedMinor',
  'collectedOn',
  'refundedOn',
  'leadSource',
  'budgetConfirmed',
  'decisionMakerMet',
  'needIdentified',
  'proposalSubmittedOn',
  'proposalAccepted',
] as const satisfies readonly (keyof Deal)[];

const BOOLEAN_COLUMNS = new Set<string>([
  'isNewCustomer',
  'budgetConfirmed',
  'decisionMakerMet',
  'needIdentified',
  'proposalAccepted',
]);
const NUMBER_COLUMNS = new Set<string>(['amountMinor', 'discountPct', 'invoicedMinor', 'collectedMinor']);
const NULLABLE_COLUMNS = new Set<string>(['wonOn', 'collectedOn', 'refundedOn', 'proposalSubmittedOn']);

/**
 * Turns one CSV record (every value a string) into Deal input: `true`/`false` booleans, numbers,
 * and an empty cell as null for the optional dates. Anything else is left for `Deal` to reject,
 * so the error names the field (a cell "yes" is an error, not a silent false).
 */
export function dealInputFromCsvRecord(record: Readonly<Record<string, string>>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const column of DEAL_CSV_COLUMNS) {
    const raw = record[column]?.trim();
    if (raw === undefined) continue;
    if (NULLABLE_COLUMNS.has(column) && raw === '') input[column] = null;
    else if (BOOLEAN_COLUMNS.has(column))
      input[column] = raw === 'true' ? true : raw === 'false' ? false : raw;
    else if (NUMBER_COLUMNS.has(column))
      input[column] = raw === '' || Number.isNaN(Number(raw)) ? raw : Number(raw);
    else input[column] = raw;
  }
  return input;
}
