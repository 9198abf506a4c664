import type mongoose from 'mongoose';
import { repPlanId } from '@opscycle/domain';
import {
  acknowledgedRepIds,
  appendAudit,
  loadPeople,
  publishRepPlans,
  quotaAllocationId,
  quotaAllocationModel,
  recordCycleStepRun,
} from '@opscycle/storage';
import type {
  PublishIncentivePlansInput,
  PublishIncentivePlansResult,
} from '@opscycle/workflows/activityContracts';

/**
 * Incentive publication: every rep in the cycle's units gets a plan for the year with the pinned
 * incentive rule-set version and their quota; the publication is audited once per cycle. A retry
 * adds nothing twice and keeps acknowledgments already given.
 */
export async function publishIncentivePlans(
  connection: mongoose.Connection,
  input: PublishIncentivePlansInput,
): Promise<PublishIncentivePlansResult> {
  const units = new Set(input.orgUnitIds);
  const reps = (await loadPeople(connection))
    .filter((p) => p.role === 'rep' && units.has(p.orgUnitId))
    .sort((a, b) => a.id.localeCompare(b.id));
  const quotas = new Map<string, number>();
  const allocationIds = reps.map((r) => quotaAllocationId(input.cycleId, r.id));
  for (let start = 0; start < allocationIds.length; start += 5_000)
    for (const a of await quotaAllocationModel(connection)
      .find({ _id: { $in: allocationIds.slice(start, start + 5_000) } }, { unitId: 1, amountMinor: 1 })
      .lean())
      quotas.set(a.unitId, a.amountMinor);
  const at = new Date(input.at);
  const counts = await publishRepPlans(
    connection,
    reps.map((rep) => ({
      planId: repPlanId(input.cycleId, rep.id),
      cycleId: input.cycleId,
      fiscalYear: input.fiscalYear,
      orgId: input.orgId,
      personId: rep.id,
      orgUnitId: rep.orgUnitId,
      incentivePlanId: input.incentivePlanId,
      incentiveRuleSet: input.incentiveRuleSet,
      quotaMinor: quotas.get(rep.id) ?? null,
      currency: input.currency,
      publishedAt: at,
    })),
  );
  await appendAudit(connection, {
    id: `incentivePlan.published:${input.cycleId}`,
    at,
    actor: { userId: input.publishedBy, role: 'system' },
    action: 'incentivePlan.published',
    object: { type: 'cycle', id: input.cycleId },
    orgUnitId: input.orgId,
    details: {
      incentivePlanId: input.incentivePlanId,
      ruleSetId: input.incentiveRuleSet.ruleSetId,
      version: input.incentiveRuleSet.version,
      reps: reps.length,
    },
  });
  await recordCycleStepRun(connection, {
    cycleId: input.cycleId,
    step: 'incentivePublication',
    orgUnitId: input.orgId,
    period: null,
    summary: `${input.incentiveRuleSet.ruleSetId}@${input.incentiveRuleSet.version} pinned to ${reps.length} plans (${counts.created} new)`,
    facts: { reps: reps.length, created: counts.created },
    amountMinor: null,
  });
  return {
    repIds: reps.map((r) => r.id),
    acknowledgedIds: await acknowledgedRepIds(connection, input.cycleId),
  };
}
