import { z } from 'zod';
import { DomainError } from '../errors';
import { CurrencyCode, MinorUnits } from '../money';
import { Id, Role } from '../org';
import { RuleGraph } from '../rules/graph';
import type { RuleSetVersion } from '../rules/ruleSetVersion';
import { PinnedRuleSet, ReviewPeriod, StepApproval } from './template';

export const PayoutRunInput = z.object({
  planId: Id,
  period: ReviewPeriod,
  /** 1 for a period's first run; a re-run of a closed period carries the next revision. */
  revision: z.number().int().min(1),
  incentiveRuleSet: PinnedRuleSet,
  currency: CurrencyCode,
  partitionCount: z.number().int().min(1).max(256),
  submittedBy: Id,
  /** The starter's role, for the approval's audit; runs started before it were the ops admin's. */
  submittedByRole: Role.optional(),
  orgUnitId: Id,
  approval: StepApproval,
  notifyWorkflowId: z.string().min(1).optional(),
});
export type PayoutRunInput = z.infer<typeof PayoutRunInput>;

/** One line of a statement; `explanation` says why the amount is what it is (rule, tier, inputs). */
export const PayoutLine = z.object({
  lineKey: z.string().min(1),
  amountMinor: MinorUnits,
  currency: CurrencyCode,
  explanation: z.array(z.string()).min(1),
});
export type PayoutLine = z.infer<typeof PayoutLine>;

/**
 * What a payee's period leaves for later periods once it is exported: the deals it paid with the
 * effective rate (a later refund is clawed back at it) and the recoverable draw still owed.
 */
export const PayeeCarry = z.object({
  paidDeals: z.array(z.object({ dealId: z.string().min(1), rate: z.number().finite() })),
  drawBalanceMinor: MinorUnits.min(0),
});
export type PayeeCarry = z.infer<typeof PayeeCarry>;

/** What the incentive evaluation yields for one payee in one period (before comparing to past runs). */
export const PayeePayout = z.object({
  payeeId: Id,
  lines: z.array(PayoutLine),
  carry: PayeeCarry.optional(),
});
export type PayeePayout = z.infer<typeof PayeePayout>;

export const STATEMENT_LINE_KINDS = ['payout', 'adjustment'] as const;
export const StatementLineKind = z.enum(STATEMENT_LINE_KINDS);

/**
 * A payee's statement for one run. Revision 1 carries the payouts; a later revision carries only
 * adjustments (this run's amount minus what earlier revisions exported), so nothing is paid twice.
 */
export const PayoutStatement = z.object({
  runId: z.string().min(1),
  planId: Id,
  period: ReviewPeriod,
  revision: z.number().int().min(1),
  payeeId: Id,
  partition: z.number().int().min(0),
  lines: z.array(PayoutLine.extend({ kind: StatementLineKind })),
  totalMinor: MinorUnits,
  currency: CurrencyCode,
  /** Recorded in the payee-period ledger when the statement is exported. */
  carry: PayeeCarry.optional(),
});
export type PayoutStatement = z.infer<typeof PayoutStatement>;

/**
 * The payee-period ledger: one record per (plan, period, payee), written when the period is exported
 * (a re-run's export replaces it). Later periods read the deals paid (clawbacks) and the draw
 * balance (recovery) from it.
 */
export const PayeePeriodRecord = z.object({
  planId: Id,
  period: ReviewPeriod,
  periodFrom: z.iso.date(),
  periodTo: z.iso.date(),
  payeeId: Id,
  revision: z.number().int().min(1),
  runId: z.string().min(1),
  ...PayeeCarry.shape,
});
export type PayeePeriodRecord = z.infer<typeof PayeePeriodRecord>;

const lastDayOf = (year: number, month: number) =>
  new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

/** The inclusive dates of a review period (`2027-03` a month, `2027-Q1` a quarter). */
export function reviewPeriodRange(period: string): { from: string; to: string } {
  const parsed = ReviewPeriod.parse(period);
  const year = Number(parsed.slice(0, 4));
  const part = parsed.slice(5);
  const [first, last] = part.startsWith('Q')
    ? [Number(part.slice(1)) * 3 - 2, Number(part.slice(1)) * 3]
    : [Number(part), Number(part)];
  return { from: `${year}-${String(first).padStart(2, '0')}-01`, to: lastDayOf(year, last) };
}

export const EXPORT_STATUSES = ['pending', 'delivered'] as const;
export const ExportStatus = z.enum(EXPORT_STATUSES);

/** The exactly-once ledger: one record per (plan, period, payee, revision); its id is the webhook's idempotency key. */
export const ExportRecord = z.object({
  exportId: z.string().min(1),
  runId: z.string().min(1),
  planId: Id,
  period: ReviewPeriod,
  revision: z.number().int().min(1),
  payeeId: Id,
  totalMinor: MinorUnits,
  currency: CurrencyCode,
  status: ExportStatus,
  csvFile: z.string().min(1),
});
export type ExportRecord = z.infer<typeof ExportRecord>;

export const PAYOUT_RUN_STATUSES = [
  'computing',
  'waitingForApproval',
  'exporting',
  'exported',
  'rejected',
] as const;
export const PayoutRunStatus = z.enum(PAYOUT_RUN_STATUSES);
export type PayoutRunStatus = z.infer<typeof PayoutRunStatus>;

export const PartitionSummary = z.object({
  partition: z.number().int().min(0),
  payees: z.number().int().min(0),
  lines: z.number().int().min(0),
  totalMinor: MinorUnits,
});
export type PartitionSummary = z.infer<typeof PartitionSummary>;

export const PayoutRunProgress = z.object({
  runId: z.string().min(1),
  planId: Id,
  period: ReviewPeriod,
  revision: z.number().int().min(1),
  status: PayoutRunStatus,
  partitionsComputed: z.number().int().min(0),
  partitionsExported: z.number().int().min(0),
  partitionCount: z.number().int().min(1),
  payees: z.number().int().min(0),
  /** Deal lines of the period the run read (once, before computing partitions). */
  dealLines: z.number().int().min(0).optional(),
  totalMinor: MinorUnits,
  exported: z.number().int().min(0),
  /** Payees whose statement the export left out because finance holds them (paid once released). */
  held: z.number().int().min(0).optional(),
  approvalWorkflowId: z.string().optional(),
});
export type PayoutRunProgress = z.infer<typeof PayoutRunProgress>;

/**
 * An impact preview on a closed period's stored actuals: the draft (`graph`, else the stored draft)
 * and the published version both evaluated on the period's evaluator input as a payout run builds it.
 */
export const ImpactOnActualsRequest = z.object({
  graph: RuleGraph.optional(),
  period: ReviewPeriod,
});
export type ImpactOnActualsRequest = z.infer<typeof ImpactOnActualsRequest>;

/**
 * A plan pays a period only with a version in force for all of it: paying 2026-Q4 with a plan
 * effective from 2027 would pay last year's deals by next year's rules.
 */
export function assertEffectiveFor(
  ruleSet: Pick<RuleSetVersion, 'ruleSetId' | 'version' | 'effectiveFrom' | 'effectiveTo'>,
  planId: string,
  period: { id: string; from: string; to: string },
): void {
  const { effectiveFrom, effectiveTo } = ruleSet;
  if (effectiveFrom <= period.from && (effectiveTo === null || period.to <= effectiveTo)) return;
  throw new DomainError(
    'PAYOUT_RULE_SET_NOT_EFFECTIVE',
    `plan ${planId}: rule set ${ruleSet.ruleSetId} version ${ruleSet.version} is effective ${effectiveFrom} to ${effectiveTo ?? 'open-ended'}, which does not cover period ${period.id} (${period.from} to ${period.to})`,
    {
      planId,
      ruleSetId: ruleSet.ruleSetId,
      version: ruleSet.version,
      period: period.id,
      effectiveFrom,
      effectiveTo,
    },
  );
}

/**
 * Finance holds a payee's pay for one (plan, period): the run's export leaves the payee out, and the
 * next revision of the period pays what was held, once (nothing of it was exported). One record per
 * (plan, period, payee) with its latest state; every hold and release is also in the audit trail.
 */
export const PayoutHold = z.object({
  planId: Id,
  period: ReviewPeriod,
  payeeId: Id,
  active: z.boolean(),
  reason: z.string().min(1).max(500),
  heldBy: Id,
  heldAt: z.coerce.date(),
  releasedBy: Id.optional(),
  releasedAt: z.coerce.date().optional(),
  releaseReason: z.string().min(1).max(500).optional(),
});
export type PayoutHold = z.infer<typeof PayoutHold>;
