import type mongoose from 'mongoose';
import { DomainError, type CycleStep } from '@opscycle/domain';
import { evaluateApprovalRouting } from '@opscycle/rules';
import { loadRuleSetVersion } from '@opscycle/storage';
import { createApprovalActivities, type EvaluateApprovalRouting } from './approval.activities';
import { createCycleActivities, type CycleStepRunner } from './cycle.activities';
import { createPayoutActivities, type ComputePartitionPayouts, type ExportTarget } from './payout.activities';
import { computePartitionPayoutsFromRules } from './payoutComputation';
import { createInquiryActivities } from './inquiry.activities';
import { createPlanningStepRunners } from './planning/planning.steps';
import type { SignedWebhook } from './webhook';

/** approvalRouting rule sets as published by @opscycle/rules, pinned by id and version. */
export function routingFromPublishedRuleSets(connection: mongoose.Connection): EvaluateApprovalRouting {
  return async (ruleSet, facts) => {
    const version = await loadRuleSetVersion(connection, ruleSet.ruleSetId, ruleSet.version);
    if (!version)
      throw new DomainError(
        'APPROVAL_ROUTING_UNAVAILABLE',
        `approval routing rule set ${ruleSet.ruleSetId}@${ruleSet.version} is not published`,
      );
    const decision = await evaluateApprovalRouting(version.compiled, facts);
    return {
      levels: decision.approvers.map((a) => ({
        role: a.role,
        position: a.position,
        orgLevel: a.orgLevel,
        label: a.label,
      })),
      explanation: decision.explanation,
    };
  };
}

/** Steps with no computation of their own: the run is recorded (cycle_step_runs) and the cycle moves on. */
const recordOnly =
  (what: string): CycleStepRunner =>
  (input) =>
    Promise.resolve({
      facts: { orgUnitId: input.orgUnitId },
      summary: `${what} recorded for ${input.orgUnitId}`,
    });

/** Every activity the worker registers. */
export function createActivities(deps: {
  connection: mongoose.Connection;
  exportTarget: ExportTarget;
  /** Approval reminders' notification webhook; without a url they are only recorded. */
  reminderTarget?: SignedWebhook;
  computePartitionPayouts?: ComputePartitionPayouts;
}) {
  const { connection } = deps;
  const runners = {
    ...createPlanningStepRunners({ connection }),
    incentivePublication: recordOnly('incentive plan publication'),
    yearClose: recordOnly('year close'),
  } satisfies Record<CycleStep, CycleStepRunner>;
  return {
    ...createApprovalActivities({
      connection,
      evaluateApprovalRouting: routingFromPublishedRuleSets(connection),
      reminderTarget: deps.reminderTarget,
    }),
    ...createCycleActivities({ connection, runners }),
    ...createPayoutActivities({
      connection,
      computePartitionPayouts: deps.computePartitionPayouts ?? computePartitionPayoutsFromRules(connection),
      exportTarget: deps.exportTarget,
    }),
    ...createInquiryActivities({ connection }),
  };
}
