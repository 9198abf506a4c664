import { ApplicationFailure } from '@temporalio/activity';
import type mongoose from 'mongoose';
import type { ApprovalChain, ApprovalFacts, PinnedRuleSet } from '@opscycle/domain';
import {
  appendAudit,
  loadOrgUnits,
  personModel,
  recordApprovalReminder,
  saveApprovalState,
} from '@opscycle/storage';
import type { ApprovalActivities, WorkflowAuditEntry } from '@opscycle/workflows/activityContracts';
import { resolveApprovers, type RoutedLevel } from './approvers';

/** The approvalRouting evaluation of @opscycle/rules: pinned rule set + facts -> ordered levels. */
export type EvaluateApprovalRouting = (
  ruleSet: PinnedRuleSet,
  facts: ApprovalFacts,
) => Promise<{ levels: RoutedLevel[]; explanation: string }>;

export function createAuditActivity(connection: mongoose.Connection) {
  return {
    async recordAudit(entry: WorkflowAuditEntry): Promise<void> {
      await appendAudit(connection, { ...entry, at: new Date(entry.at) });
    },
  };
}

export function createApprovalActivities(deps: {
  connection: mongoose.Connection;
  evaluateApprovalRouting?: EvaluateApprovalRouting;
}): ApprovalActivities {
  const { connection, evaluateApprovalRouting } = deps;
  return {
    ...createAuditActivity(connection),
    async resolveApprovalChain(input): Promise<ApprovalChain> {
      let levels: RoutedLevel[];
      const explanation: string[] = [];
      if (input.routing.kind === 'roles') {
        levels = input.routing.roles.map((role) => ({ role }));
        explanation.push(`fixed chain: ${input.routing.roles.join(' -> ')}`);
      } else {
        if (!evaluateApprovalRouting)
          throw ApplicationFailure.nonRetryable(
            `approval routing rule set ${input.routing.ruleSet.ruleSetId}@${input.routing.ruleSet.version} cannot be evaluated: no routing evaluator is configured`,
            'APPROVAL_ROUTING_UNAVAILABLE',
          );
        const routed = await evaluateApprovalRouting(input.routing.ruleSet, input.facts);
        levels = routed.levels;
        explanation.push(routed.explanation);
      }
      const roles = [...new Set(levels.map((l) => l.role))];
      const [units, people] = await Promise.all([
        loadOrgUnits(connection),
        personModel(connection)
          .find({ role: { $in: roles } }, { _id: 0 })
          .lean(),
      ]);
      const chain = resolveApprovers(levels, input.orgUnitId, units, people, input.submittedBy);
      if (chain.levels.every((l) => l.approverIds.length === 0))
        throw ApplicationFailure.nonRetryable(
          `nobody but the submitter can approve ${input.approvalId}: ${chain.explanation.join('; ')}`,
          'APPROVAL_NO_APPROVERS',
        );
      return { levels: chain.levels, explanation: [...explanation, ...chain.explanation] };
    },
    async saveApprovalState(state) {
      // The mirror and the inbox rows, written in the order that keeps the inbox honest (see storage).
      await saveApprovalState(connection, state);
    },
    async sendApprovalReminder(reminder) {
      await recordApprovalReminder(connection, reminder);
    },
  };
}
