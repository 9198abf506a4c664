import { ApplicationFailure, Context } from '@temporalio/activity';
import type mongoose from 'mongoose';
import type { ApprovalChain, ApprovalFacts, ApprovalState, PinnedRuleSet } from '@opscycle/domain';
import {
  appendAudit,
  loadApprovalState,
  loadOrgUnits,
  loadPositionHolders,
  markApprovalReminderDelivered,
  markApprovalReminderUndeliverable,
  personModel,
  recordApprovalReminder,
  saveApprovalState,
  type ApprovalReminderRecord,
} from '@opscycle/storage';
import type { ApprovalActivities, WorkflowAuditEntry } from '@opscycle/workflows/activityContracts';
import { resolveApprovers, type RoutedLevel } from './approvers';
import { postSignedJson, type SignedWebhook } from './webhook';

/** The approvalRouting evaluation of @opscycle/rules: pinned rule set + facts -> ordered levels. */
export type EvaluateApprovalRouting = (
  ruleSet: PinnedRuleSet,
  facts: ApprovalFacts,
) => Promise<{ levels: RoutedLevel[]; explanation: string }>;

/** What the notification webhook receives for each reminder (JSON, signed like every OpsCycle webhook). */
export interface ApprovalReminderNotification {
  kind: 'approval.reminder';
  /** `<approvalId>:<round>:<level>:<reminder>`, also the `idempotency-key` header. */
  reminderId: string;
  approvalId: string;
  /**
   * The request's own title is known only to the workflow (its input), not stored: this one is made
   * from the subject. Null subject: the approval's stored state was not found.
   */
  title: string;
  subject: ApprovalState['subject'] | null;
  orgUnitId: string | null;
  round: number;
  level: number;
  reminder: number;
  /** When the reminder was first recorded: the same in every re-sent body. */
  at: string;
  /** The level's approvers who are to be told; ids without a stored person are listed apart. */
  assignees: { id: string; name: string; email: string }[];
  unknownAssigneeIds: string[];
}

/**
 * A failing endpoint is retried this many attempts, then the reminder is marked undeliverable and the
 * activity completes: the workflow awaits the reminder inside its level wait and retries activities
 * without limit, so a webhook down for good would otherwise hold every waiting approval (decisions
 * and escalations included) until it came back.
 */
export const REMINDER_DELIVERY_ATTEMPTS = 5;
/** Well inside the workflow's 30 s start-to-close timeout, leaving time to record the outcome. */
const REMINDER_POST_TIMEOUT_MS = 10_000;

async function reminderNotification(
  connection: mongoose.Connection,
  record: ApprovalReminderRecord,
): Promise<ApprovalReminderNotification> {
  const [state, people] = await Promise.all([
    loadApprovalState(connection, record.approvalId),
    // Few ids (one level's approvers): a short $in list is cheap even where it scans.
    personModel(connection)
      .find({ id: { $in: record.assigneeIds } }, { _id: 0, id: 1, name: 1, email: 1 })
      .lean(),
  ]);
  const byId = new Map(people.map((p) => [p.id, p]));
  const assignees = record.assigneeIds.flatMap((id) => {
    const person = byId.get(id);
    return person ? [{ id, name: person.name, email: person.email }] : [];
  });
  // ApprovalState has no level deadline (the workflow keeps it in its input): the body carries none.
  return {
    kind: 'approval.reminder',
    reminderId: record.id,
    approvalId: record.approvalId,
    title: state ? `${state.subject.kind} approval ${state.subject.id}` : record.approvalId,
    subject: state ? state.subject : null,
    orgUnitId: state?.orgUnitId ?? null,
    round: record.round,
    level: record.level,
    reminder: record.reminder,
    at: record.at.toISOString(),
    assignees,
    unknownAssigneeIds: record.assigneeIds.filter((id) => !byId.has(id)),
  };
}

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
  /** Where reminders are delivered; without a url they are only recorded. */
  reminderTarget?: SignedWebhook;
}): ApprovalActivities {
  const { connection, evaluateApprovalRouting } = deps;
  const reminderTarget = deps.reminderTarget?.url ? deps.reminderTarget : undefined;
  // Refused at worker start: found out later, every reminder would fail and hold its approval.
  if (reminderTarget && !reminderTarget.secret)
    throw new Error('OPSCYCLE_NOTIFY_WEBHOOK_URL is set without OPSCYCLE_NOTIFY_WEBHOOK_SECRET');
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
      const roles = [...new Set(levels.flatMap((l) => (l.position || !l.role ? [] : [l.role])))];
      const positions = [...new Set(levels.flatMap((l) => (l.position ? [l.position] : [])))];
      const [units, holders] = await Promise.all([
        loadOrgUnits(connection),
        positions.length ? loadPositionHolders(connection, positions) : [],
      ]);
      // Holders are few (one per unit and position): a short $in list.
      const holderIds = [...new Set(holders.map((h) => h.personId))];
      const people = await personModel(connection)
        .find({ $or: [{ role: { $in: roles } }, { id: { $in: holderIds } }] }, { _id: 0 })
        .lean();
      const chain = resolveApprovers(levels, input.orgUnitId, units, people, input.submittedBy, holders);
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
      const record = await recordApprovalReminder(connection, reminder);
      // No webhook configured: the reminder is only recorded (the approval_reminders collection).
      if (!reminderTarget || record.deliveredAt) return;
      const body = JSON.stringify(await reminderNotification(connection, record));
      const context = Context.current();
      try {
        await postSignedJson(reminderTarget, body, {
          idempotencyKey: record.id,
          // A worker shutting down aborts the call; the record stays undelivered and the retry re-sends.
          signal: AbortSignal.any([
            context.cancellationSignal,
            AbortSignal.timeout(REMINDER_POST_TIMEOUT_MS),
          ]),
        });
      } catch (error) {
        if (context.info.attempt < REMINDER_DELIVERY_ATTEMPTS || context.cancellationSignal.aborted)
          throw error;
        const message = error instanceof Error ? error.message : String(error);
        await markApprovalReminderUndeliverable(connection, record.id, message);
        context.log.warn('approval reminder given up', { reminderId: record.id, error: message });
        return;
      }
      await markApprovalReminderDelivered(connection, record.id);
    },
  };
}
