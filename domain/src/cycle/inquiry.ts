import { z } from 'zod';
import { CurrencyCode, MinorUnits } from '../money';
import { Id, Role } from '../org';
import { ApprovalFacts } from './approval';
import { ApprovalRouting, DurationMs, ReviewPeriod } from './template';

/**
 * The statement line an inquiry questions, as it was when the inquiry was raised: the run, the payee
 * and the line key identify it; the amount and currency are copied so the answer stays readable
 * after a re-run replaces the statement.
 */
export const InquiryLine = z.object({
  runId: z.string().min(1),
  planId: Id,
  period: ReviewPeriod,
  revision: z.number().int().min(1),
  payeeId: Id,
  lineKey: z.string().min(1),
  amountMinor: MinorUnits,
  currency: CurrencyCode,
});
export type InquiryLine = z.infer<typeof InquiryLine>;

export const INQUIRY_STATUSES = ['open', 'accepted', 'rejected', 'expired'] as const;
export const InquiryStatus = z.enum(INQUIRY_STATUSES);
export type InquiryStatus = z.infer<typeof InquiryStatus>;

/** The resolver's answer: an accepted amount becomes a manual adjustment paid in a later run. */
export const InquiryResolution = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('accepted'),
    /** Integer minor units in the line's currency; negative takes money back. */
    amountMinor: MinorUnits,
    comment: z.string().max(2000).optional(),
    resolvedBy: Id,
    at: z.iso.datetime(),
  }),
  z.object({ kind: z.literal('rejected'), reason: z.string().min(1), resolvedBy: Id, at: z.iso.datetime() }),
  z.object({ kind: z.literal('expired'), at: z.iso.datetime() }),
]);
export type InquiryResolution = z.infer<typeof InquiryResolution>;

export const InquiryWorkflowInput = z.object({
  inquiryId: Id,
  line: InquiryLine,
  comment: z.string().min(1).max(2000),
  raisedBy: Id,
  raisedByRole: Role,
  /** The payee's unit: routing finds resolvers there or above, and scope checks use it. */
  orgUnitId: Id,
  /** The inquiry routing rule set (an approvalRouting kind) or, when none is published, finance. */
  routing: ApprovalRouting,
  /** What the routing rules see: the line's amount, the payee's unit and its level, the raiser's role. */
  routingFacts: ApprovalFacts,
  /** Time each level of resolvers has before the inquiry escalates to the next level. */
  levelDeadlineMs: DurationMs,
  reminderEveryMs: DurationMs.optional(),
});
export type InquiryWorkflowInput = z.infer<typeof InquiryWorkflowInput>;

/** What the inquiry workflow knows and publishes to its record (the rep's and resolvers' lists read it). */
export const InquiryState = z.object({
  inquiryId: Id,
  approvalId: Id,
  status: InquiryStatus,
  /** Who may resolve now (the routed level's resolvers with delegations applied). */
  assigneeIds: z.array(Id),
  level: z.number().int().min(0),
  resolution: InquiryResolution.optional(),
});
export type InquiryState = z.infer<typeof InquiryState>;

/** An inquiry as stored and listed: what was asked, where it is, and the answer. */
export const InquiryRecord = InquiryState.extend({
  line: InquiryLine,
  comment: z.string(),
  raisedBy: Id,
  raisedByRole: Role,
  orgUnitId: Id,
  raisedAt: z.iso.datetime(),
  /** The run that pays the accepted amount, once a run has taken it. */
  paidIn: z.object({ planId: Id, period: ReviewPeriod, runId: z.string().min(1) }).optional(),
});
export type InquiryRecord = z.infer<typeof InquiryRecord>;

/**
 * A manual adjustment owed to a payee, keyed by its source (the inquiry id). A payout run of the
 * plan takes the pending ones of its payees as `adjustment` lines and claims them for its period, so
 * only runs (and re-runs) of that period carry the line, and the re-run difference pays it once.
 */
export const ManualAdjustment = z.object({
  adjustmentId: Id,
  planId: Id,
  payeeId: Id,
  amountMinor: MinorUnits,
  currency: CurrencyCode,
  /** Why, for the statement line's explanation. */
  reason: z.string().min(1),
  approvedBy: Id,
  approvedAt: z.iso.datetime(),
  /** The period whose runs carry it; absent until a run takes it. */
  claimedFor: z.object({ period: ReviewPeriod, runId: z.string().min(1) }).optional(),
});
export type ManualAdjustment = z.infer<typeof ManualAdjustment>;

/** The statement line key of a manual adjustment: stable, so a re-run's difference never pays it twice. */
export const manualAdjustmentLineKey = (adjustmentId: string) => `manual-adjustment:${adjustmentId}`;

export const INQUIRY_ERROR_CODES = [
  'INQUIRY_NOT_FOUND',
  'INQUIRY_LINE_NOT_FOUND',
  /** Nobody resolves an inquiry about their own statement or one they raised. */
  'INQUIRY_SELF_RESOLUTION_FORBIDDEN',
  'INQUIRY_ALREADY_RESOLVED',
  /** An inquiry's approval is decided through the inquiry routes, which check the payee and take the amount. */
  'INQUIRY_DECIDE_ON_INQUIRY_ROUTES',
] as const;
export type InquiryErrorCode = (typeof INQUIRY_ERROR_CODES)[number];
