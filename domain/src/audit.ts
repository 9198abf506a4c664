import { z } from 'zod';
import { Id, Role } from './org';

/** What the audit trail records. Approval decisions, rule-set publications and payouts at least. */
export const AUDIT_ACTIONS = [
  'approval.submitted',
  'approval.decided',
  'approval.escalated',
  'ruleSet.published',
  'payoutRun.approved',
  'payout.exported',
  'actuals.imported',
  'cycle.started',
  'target.signedOff',
  'incentivePlan.published',
  'plan.acknowledged',
  'cycle.yearClosed',
  'user.login',
  'user.logout',
  'target.adjusted',
  'payoutRun.started',
  'payout.held',
  'payout.released',
  'payout.withheld',
  'inquiry.raised',
  'inquiry.resolved',
  'user.saved',
  'user.passwordChanged',
  'position.assigned',
  'position.unassigned',
] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditActor = z.object({ userId: z.string().min(1), role: Role.or(z.literal('system')) });

export const AuditEntry = z.object({
  /** Idempotency key: writing the same event twice (a retried activity) records it once. */
  id: z.string().min(1),
  at: z.coerce.date(),
  actor: AuditActor,
  action: AuditAction,
  object: z.object({ type: z.string().min(1), id: z.string().min(1) }),
  orgUnitId: Id.optional(),
  details: z.record(z.string(), z.unknown()).default({}),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
