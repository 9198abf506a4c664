import { WorkflowNotFoundError } from '@temporalio/client';
import { DomainError, type AuthUser, type RepPlan } from '@opscycle/domain';
import { acknowledgeRepPlan, appendAudit } from '@opscycle/storage';
import { planAcknowledgedSignal } from '@opscycle/workflows/messages';
import type { AppDeps } from '../context';

export const repPlanNotFound = (planId: string) =>
  new DomainError('PLAN_NOT_FOUND', `no plan ${planId}`, { planId });

/**
 * A rep acknowledges their plan of the year: stored once (a repeat answers the same), audited, then
 * reported to the cycle that waits for it. The caller checked that the plan is the rep's own.
 */
export async function acknowledgeOwnRepPlan(
  { connection, temporal }: Pick<AppDeps, 'connection' | 'temporal'>,
  user: AuthUser,
  planId: string,
): Promise<RepPlan> {
  const outcome = await acknowledgeRepPlan(connection, planId, new Date());
  if (outcome.kind === 'notFound') throw repPlanNotFound(planId);
  if (outcome.kind === 'locked')
    throw new DomainError('PLAN_ALREADY_LOCKED', `plan ${planId} is locked: its year is closed`, {
      planId,
    });
  const { plan } = outcome;
  await appendAudit(connection, {
    id: `plan.acknowledged:${planId}`,
    at: plan.acknowledgedAt ?? new Date(),
    actor: { userId: user.id, role: user.role },
    action: 'plan.acknowledged',
    object: { type: 'plan', id: planId },
    orgUnitId: plan.orgUnitId,
    details: { cycleId: plan.cycleId, incentiveRuleSet: plan.incentiveRuleSet },
  });
  // Sent on every call, so a signal lost after storing (a crash in between) goes out on a retry.
  try {
    await temporal.workflow
      .getHandle(plan.cycleId)
      .signal(planAcknowledgedSignal, { planId, personId: plan.personId });
  } catch (error) {
    // A closed cycle no longer waits; the acknowledgment is stored and audited all the same.
    if (!(error instanceof WorkflowNotFoundError)) throw error;
  }
  return plan;
}
