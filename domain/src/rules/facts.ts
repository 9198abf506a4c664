import { z } from 'zod';
import { ORG_UNIT_KINDS, ROLES, SALES_ROLES } from '../org';
import { CUSTOMER_SIZES, CUSTOMER_VALUES, LEAD_SOURCES } from '../planning';
import type { FactType, RuleSetKind } from './kinds';

/**
 * A fact a rule may read. Money facts are integer minor units in the plan's currency; ratios are
 * plain fractions (1.2 = 120%). `moneyByKey` facts are read with a path such as `$.hardware`.
 */
export interface FactDefinition {
  readonly type: FactType;
  readonly label: string;
  readonly values?: readonly string[];
  /** Optional facts may be absent from the input; every other fact is required. */
  readonly optional?: boolean;
}
export type FactCatalog = Readonly<Record<string, FactDefinition>>;

export const BUDGET_CATEGORIES = [
  'salaries',
  'travel',
  'channelCommission',
  'marketing',
  'training',
  'capex',
  'other',
] as const;

/**
 * Per-payee incentive facts. revenue, attainment, bookingsByProductLine, newCustomers, dealCount,
 * averageDiscount and teamRevenue are derived from the period's deal lines; the rest come with
 * the payee (quota sign-off, HR, finance).
 */
const incentive = {
  revenue: { type: 'money', label: 'Credited revenue in the period' },
  quota: { type: 'money', label: 'Quota for the period' },
  attainment: { type: 'ratio', label: 'Attainment (revenue / quota)' },
  bookingsByProductLine: { type: 'moneyByKey', label: 'Credited bookings by product line' },
  newCustomers: { type: 'integer', label: 'New customers (first won deal in the period)' },
  dealCount: { type: 'integer', label: 'Won deals credited in the period' },
  collectionRate: { type: 'ratio', label: 'Collection rate (collected / invoiced)' },
  averageDiscountPct: { type: 'number', label: 'Average discount % off list, weighted by amount' },
  teamRevenue: { type: 'money', label: "Direct reports' credited revenue (manager overrides)" },
  targetIncentive: { type: 'money', label: 'Target incentive for the period' },
  salesRole: { type: 'string', label: 'Sales role', values: SALES_ROLES },
  tenureMonths: { type: 'integer', label: 'Months since hire', optional: true },
} as const satisfies FactCatalog;

const approvalRouting = {
  amount: { type: 'money', label: 'Requested amount' },
  // Optional: an inquiry about a statement line is routed on the line's amount and has no category.
  category: { type: 'string', label: 'Budget category', values: BUDGET_CATEGORIES, optional: true },
  unitId: { type: 'string', label: 'Requesting org unit' },
  unitKind: { type: 'string', label: 'Requesting unit level', values: ORG_UNIT_KINDS },
  requesterRole: { type: 'string', label: "Requester's role", values: ROLES },
  overBudget: { type: 'boolean', label: 'Exceeds the remaining budget line', optional: true },
} as const satisfies FactCatalog;

const discountAuthority = {
  discountPct: { type: 'number', label: 'Discount off list price, in percent (0..100)' },
  dealAmount: { type: 'money', label: 'Deal amount after discount' },
  productLine: { type: 'string', label: 'Product line' },
  customerSize: { type: 'string', label: 'Customer size', values: CUSTOMER_SIZES },
  requesterRole: { type: 'string', label: "Requester's role", values: ROLES },
  nonStandardTerms: { type: 'boolean', label: 'Deviates from standard contract terms', optional: true },
} as const satisfies FactCatalog;

/** A deal's qualification facts (named as on the CRM's Deal), one group per funnel stage's standard. */
const funnelStage = {
  leadSource: { type: 'string', label: 'Lead source', values: LEAD_SOURCES },
  customerSize: { type: 'string', label: 'Customer size', values: CUSTOMER_SIZES },
  budgetConfirmed: { type: 'boolean', label: 'Customer budget confirmed' },
  decisionMakerMet: { type: 'boolean', label: 'Decision maker met' },
  needIdentified: { type: 'boolean', label: 'Need identified and documented' },
  proposalSubmitted: { type: 'boolean', label: 'Proposal or quote submitted' },
  proposalAccepted: { type: 'boolean', label: 'Proposal accepted by the customer' },
  contractSigned: { type: 'boolean', label: 'Contract signed' },
  invoicedMinor: { type: 'money', label: 'Amount invoiced' },
  collectedRatio: { type: 'ratio', label: 'Share of the invoice collected' },
  amountMinor: { type: 'money', label: 'Deal amount' },
  discountPct: { type: 'number', label: 'Discount off list price, in percent' },
} as const satisfies FactCatalog;

const customerSegment = {
  annualRevenue: { type: 'money', label: "Customer's revenue with us in the last 12 months" },
  employeeCount: { type: 'integer', label: 'Employees' },
  lifetimeValue: { type: 'money', label: 'Expected lifetime value (margin)' },
  wonDeals: { type: 'integer', label: 'Won deals, all time' },
  firstWonOn: { type: 'date', label: 'First won deal', optional: true },
  monthsSinceLastOrder: { type: 'integer', label: 'Months since the last order' },
  openComplaints: { type: 'integer', label: 'Open complaints' },
  productLines: { type: 'stringList', label: 'Product lines bought' },
  customerSize: { type: 'string', label: 'Customer size (from CRM)', values: CUSTOMER_SIZES },
  customerValue: {
    type: 'string',
    label: 'Customer value (from CRM)',
    values: CUSTOMER_VALUES,
    optional: true,
  },
} as const satisfies FactCatalog;

export const FACT_CATALOGS = {
  incentive,
  approvalRouting,
  discountAuthority,
  funnelStage,
  customerSegment,
} as const satisfies Record<RuleSetKind, FactCatalog>;

export type FactsOf<K extends RuleSetKind> = {
  [F in keyof (typeof FACT_CATALOGS)[K]]: unknown;
};

const ISO_DATE = z.iso.date();

function factValueSchema(def: FactDefinition): z.ZodType {
  switch (def.type) {
    case 'money':
      return z.number().int().refine(Number.isSafeInteger, 'amount exceeds the safe integer range');
    case 'integer':
      return z.number().int();
    case 'number':
    case 'ratio':
      return z.number().finite();
    case 'string':
      return def.values ? z.enum(def.values as [string, ...string[]]) : z.string();
    case 'boolean':
      return z.boolean();
    case 'date':
      return ISO_DATE;
    case 'stringList':
      return z.array(z.string());
    case 'moneyByKey':
      return z.record(z.string(), z.number().finite());
  }
}

/**
 * The zod schema of the facts a rule set of this kind reads: what the API accepts for simulation
 * and what evaluation checks before it runs (so a function or a stray key never reaches the engine).
 */
export function factsSchema(kind: RuleSetKind): z.ZodObject {
  const catalog: FactCatalog = FACT_CATALOGS[kind];
  const shape: Record<string, z.ZodType> = {};
  for (const [name, def] of Object.entries(catalog)) {
    const schema = factValueSchema(def);
    shape[name] = def.optional ? schema.optional() : schema;
  }
  return z.strictObject(shape);
}

const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function factValueProblem(def: FactDefinition, value: unknown): string | null {
  switch (def.type) {
    case 'money':
      return Number.isSafeInteger(value) ? null : 'must be an integer amount of minor units';
    case 'integer':
      return Number.isInteger(value) ? null : 'must be an integer';
    case 'number':
    case 'ratio':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a finite number';
    case 'string':
      if (typeof value !== 'string') return 'must be a string';
      return !def.values || def.values.includes(value) ? null : `must be one of ${def.values.join(', ')}`;
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'date':
      return typeof value === 'string' && ISO_DATE_PATTERN.test(value) ? null : 'must be a date (YYYY-MM-DD)';
    case 'stringList':
      return Array.isArray(value) && value.every((v) => typeof v === 'string')
        ? null
        : 'must be a list of strings';
    case 'moneyByKey':
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        return 'must be an object of amounts';
      return Object.values(value).every((v) => typeof v === 'number' && Number.isFinite(v))
        ? null
        : 'must hold finite amounts only';
  }
}

/**
 * The same rules as `factsSchema`, checked without copying: evaluation runs it once per payee, so
 * it must cost far less than the evaluation itself. Returns the first problem, naming the fact.
 */
export function findFactsProblem(kind: RuleSetKind, facts: unknown): string | null {
  if (facts === null || typeof facts !== 'object' || Array.isArray(facts)) return 'facts must be an object';
  const catalog: FactCatalog = FACT_CATALOGS[kind];
  const record = facts as Record<string, unknown>;
  for (const key in record) {
    if (!Object.hasOwn(catalog, key)) return `fact ${key}: not a fact of ${kind} rule sets`;
  }
  for (const name in catalog) {
    const def = catalog[name]!;
    const value = Object.hasOwn(record, name) ? record[name] : undefined;
    if (value === undefined) {
      if (def.optional) continue;
      return `fact ${name}: is required`;
    }
    const problem = factValueProblem(def, value);
    if (problem) return `fact ${name}: ${problem}`;
  }
  return null;
}
