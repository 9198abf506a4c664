import { z } from 'zod';
import { CurrencyCode, MinorUnits } from '../money';
import { Id, SalesRole } from '../org';
import { ApproverStep } from './nodeData';
import { DealStatus } from '../planning';
import { NodeKind } from './kinds';

/**
 * The explanation of one condition as evaluated: the fact value read, the value compared with and
 * the result. `nodeId` points back to the graph node (absent for the rule's implicit "all inputs").
 */
export interface ConditionTrace {
  nodeId?: string;
  op: 'all' | 'any' | 'not' | 'fact';
  result: boolean;
  fact?: string;
  path?: string;
  operator?: string;
  value?: unknown;
  factValue?: unknown;
  compareValue?: unknown;
  children?: ConditionTrace[];
}
export const ConditionTrace: z.ZodType<ConditionTrace> = z.lazy(() =>
  z.object({
    nodeId: z.string().optional(),
    op: z.enum(['all', 'any', 'not', 'fact']),
    result: z.boolean(),
    fact: z.string().optional(),
    path: z.string().optional(),
    operator: z.string().optional(),
    value: z.unknown().optional(),
    factValue: z.unknown().optional(),
    compareValue: z.unknown().optional(),
    children: z.array(ConditionTrace).optional(),
  }),
);

/** One json-rules-engine rule (= one decision node) as evaluated. */
export const RuleTrace = z.object({
  nodeId: Id,
  kind: NodeKind,
  fired: z.boolean(),
  conditions: ConditionTrace,
});
export type RuleTrace = z.infer<typeof RuleTrace>;

export const RoutingDecision = z.object({
  /** Ordered approval chain; empty when no outcome fired (nobody beyond the requester). */
  approvers: z.array(ApproverStep),
  matched: z.array(z.object({ nodeId: Id, label: z.string().optional(), priority: z.number().int() })),
  explanation: z.string(),
  trace: z.array(RuleTrace),
});
export type RoutingDecision = z.infer<typeof RoutingDecision>;

export const StageDecision = z.object({
  /** The furthest stage whose criteria, and those of every earlier stage, hold; null if none. */
  stage: z.string().nullable(),
  stageNodeId: Id.nullable(),
  /** The next stage and the criteria (condition traces) that still fail for it. */
  next: z.object({ stage: z.string(), nodeId: Id, failing: z.array(ConditionTrace) }).nullable(),
  stages: z.array(z.object({ nodeId: Id, stage: z.string(), order: z.number().int(), passed: z.boolean() })),
  explanation: z.string(),
  trace: z.array(RuleTrace),
});
export type StageDecision = z.infer<typeof StageDecision>;

export const SegmentDecision = z.object({
  segments: z.record(
    z.string(),
    z.object({ segment: z.string(), nodeId: Id, treatment: z.string().optional() }),
  ),
  explanation: z.string(),
  trace: z.array(RuleTrace),
});
export type SegmentDecision = z.infer<typeof SegmentDecision>;

// ---- incentive input --------------------------------------------------------------------------

export const IncentivePeriod = z
  .object({ id: z.string().min(1), from: z.iso.date(), to: z.iso.date() })
  .refine((p) => p.from <= p.to, 'period.from must not be after period.to');
export type IncentivePeriod = z.infer<typeof IncentivePeriod>;

export const DealCredit = z.object({ payeeId: Id, share: z.number().gt(0).max(1) });

/**
 * A deal as incentive crediting sees it (one CRM Deal, possibly split between payees: shares sum to 1).
 * Only won and refunded deals pay or claw back; open and lost ones are ignored.
 */
export const IncentiveDealLine = z.object({
  dealId: z.string().min(1),
  amountMinor: MinorUnits,
  currency: CurrencyCode,
  productLine: z.string().min(1),
  customerId: z.string().min(1),
  /** The customer's first won deal (counts toward newCustomers and new-logo SPIFs). */
  newCustomer: z.boolean(),
  closedOn: z.iso.date(),
  status: DealStatus,
  refundedOn: z.iso.date().optional(),
  /** Partial refunds; the whole amount when absent. */
  refundAmountMinor: MinorUnits.optional(),
  discountPct: z.number().min(0).max(100).optional(),
  credits: z.array(DealCredit).min(1),
});
export type IncentiveDealLine = z.infer<typeof IncentiveDealLine>;

/** The effective commission rate a deal was paid at: what a later refund claws back. */
export const PaidDeal = z.object({
  dealId: z.string().min(1),
  payeeId: Id,
  periodId: z.string().min(1),
  rate: z.number().finite(),
});
export type PaidDeal = z.infer<typeof PaidDeal>;

/** State carried from one period to the next, passed in explicitly (payouts are re-runnable). */
export const PayeeCarryState = z.object({
  /** Recoverable draw paid but not yet earned back. */
  drawBalanceMinor: MinorUnits.min(0).default(0),
});
export type PayeeCarryState = z.infer<typeof PayeeCarryState>;

export const IncentivePayee = z.object({
  payeeId: Id,
  managerId: Id.optional(),
  quotaMinor: MinorUnits,
  targetIncentiveMinor: MinorUnits,
  collectionRate: z.number().min(0).default(1),
  salesRole: SalesRole.default('direct'),
  tenureMonths: z.number().int().min(0).optional(),
  priorState: PayeeCarryState.optional(),
});
export type IncentivePayee = z.input<typeof IncentivePayee>;

export const IncentivePeriodInput = z.object({
  period: IncentivePeriod,
  payees: z.array(IncentivePayee),
  dealLines: z.array(IncentiveDealLine).default([]),
  /** Deals paid in earlier periods with their rate; needed to claw back refunds. */
  paidDeals: z.array(PaidDeal).default([]),
});
export type IncentivePeriodInput = z.input<typeof IncentivePeriodInput>;

// ---- incentive output -------------------------------------------------------------------------

export const PAYOUT_LINE_KINDS = ['component', 'spif', 'clawback', 'drawTopUp', 'drawRecovery'] as const;

/**
 * One step of a payout line's calculation, in the order applied, as numbers (the line's
 * `explanation` says it in words). `amount` is the running or contributed unrounded amount.
 */
export const PayoutStep = z.object({
  nodeId: Id,
  op: z.enum(['tier', 'rate', 'fixed', 'measure', 'deal', 'multiplier', 'cap', 'clawback', 'draw']),
  amount: z.number(),
  /** What the step applied to: the portion of a tier, a base, a measure's value, a refund. */
  quantity: z.number().optional(),
  /** The rate, factor or weight applied. */
  rate: z.number().optional(),
  /** A cap's limit. */
  limit: z.number().optional(),
  dealId: z.string().optional(),
});
export type PayoutStep = z.infer<typeof PayoutStep>;

export const IncentivePayoutLine = z.object({
  /** Stable within a payee's period: componentId, or componentId:dealId for per-deal lines. */
  lineKey: z.string().min(1),
  payeeId: Id,
  componentId: Id,
  component: z.string(),
  lineKind: z.enum(PAYOUT_LINE_KINDS),
  /** Rounded once, here, with roundMinor (half away from zero). */
  amountMinor: MinorUnits,
  currency: CurrencyCode,
  /** False when the component's conditions did not hold (the line explains why it pays nothing). */
  earned: z.boolean(),
  dealId: z.string().optional(),
  /** Human-readable, one sentence per step: what a statement shows. */
  explanation: z.array(z.string()).min(1),
  trace: z.object({ rules: z.array(RuleTrace), steps: z.array(PayoutStep) }),
});
export type IncentivePayoutLine = z.infer<typeof IncentivePayoutLine>;

export const PayeeIncentiveResult = z.object({
  payeeId: Id,
  currency: CurrencyCode,
  lines: z.array(IncentivePayoutLine),
  totalMinor: MinorUnits,
  facts: z.record(z.string(), z.unknown()),
  /** Record these: a refund in a later period is clawed back at this rate. */
  paidDeals: z.array(PaidDeal),
  nextState: PayeeCarryState,
});
export type PayeeIncentiveResult = z.infer<typeof PayeeIncentiveResult>;

export const IncentivePeriodResult = z.object({
  ruleSetId: Id,
  graphVersion: z.number().int(),
  periodId: z.string(),
  currency: CurrencyCode,
  payees: z.array(PayeeIncentiveResult),
  totalMinor: MinorUnits,
});
export type IncentivePeriodResult = z.infer<typeof IncentivePeriodResult>;

export const PayeeImpact = z.object({
  payeeId: Id,
  publishedMinor: MinorUnits,
  draftMinor: MinorUnits,
  deltaMinor: MinorUnits,
  components: z.array(
    z.object({
      component: z.string(),
      publishedMinor: MinorUnits,
      draftMinor: MinorUnits,
      deltaMinor: MinorUnits,
    }),
  ),
});
export type PayeeImpact = z.infer<typeof PayeeImpact>;

export const ImpactPreview = z.object({
  periodId: z.string(),
  currency: CurrencyCode,
  payees: z.array(PayeeImpact),
  totals: z.object({
    publishedMinor: MinorUnits,
    draftMinor: MinorUnits,
    deltaMinor: MinorUnits,
    payeesUp: z.number().int(),
    payeesDown: z.number().int(),
    payeesUnchanged: z.number().int(),
  }),
});
export type ImpactPreview = z.infer<typeof ImpactPreview>;
