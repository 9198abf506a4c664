import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  currentUpdateInfo,
  getExternalWorkflowHandle,
  log,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type {
  ApprovalDecision,
  ApprovalDecisionInput,
  ApprovalDecisionKind,
  ApprovalErrorCode,
  ApprovalOutcome,
  ApprovalState,
  ApprovalWorkflowInput,
  FinalApprovalStatus,
  Role,
} from '@opscycle/domain';
import type { ApprovalActivities } from './activityContracts';
import {
  approvalChangedSignal,
  approvalStateQuery,
  approveUpdate,
  delegateUpdate,
  rejectUpdate,
  requestChangesUpdate,
  resubmitUpdate,
} from './messages';

const activities = proxyActivities<ApprovalActivities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '30 seconds',
    nonRetryableErrorTypes: ['DomainError'],
  },
});

/** Thrown from a validator: the Update is refused before anything is written to history. */
function refuse(code: ApprovalErrorCode, message: string): never {
  throw ApplicationFailure.create({ type: code, message, nonRetryable: true });
}

const FINAL: readonly string[] = ['approved', 'closedRejected', 'expired'] satisfies FinalApprovalStatus[];
const DECIDING_KINDS = ['approve', 'reject', 'requestChanges'] as const;

/**
 * One approval mechanism for quota, staffing, budget, plan and payout approvals. The chain comes from
 * routing rules (evaluated by an activity), each level waits `levelDeadlineMs` with reminders and then
 * escalates to the next level; a rejection or a change request waits for the submitter's resubmission,
 * which re-routes the chain on the revised facts.
 */
export async function approvalWorkflow(input: ApprovalWorkflowInput): Promise<ApprovalOutcome> {
  const { request } = input;
  const state: ApprovalState = {
    approvalId: request.approvalId,
    subject: request.subject,
    submittedBy: request.submittedBy,
    orgUnitId: request.orgUnitId,
    status: 'resolvingChain',
    round: 1,
    currentLevel: 0,
    assigneeIds: [],
    escalations: [],
    remindersSent: 0,
    decisions: [],
    facts: request.facts,
    amountMinor: request.amountMinor,
  };
  /** Decisions accepted by a handler but not yet audited (handlers are synchronous; the loop writes). */
  const unaudited: ApprovalDecision[] = [];
  let levelDecision: ApprovalDecision | undefined;
  /** Decisions whose effect is applied and audited: an Update returns only then, with the new state. */
  const settled = new Set<string>();
  const settledState = async (decisionId: string) => {
    await condition(() => settled.has(decisionId));
    return state;
  };
  let resubmission: ApprovalDecision | undefined;

  const levelRole = (): Role => state.chain?.levels[state.currentLevel]?.role ?? 'opsAdmin';
  const alreadyDecided = (decisionId: string) => state.decisions.some((d) => d.decisionId === decisionId);

  const validateCommon = (input: ApprovalDecisionInput) => {
    const updateId = currentUpdateInfo()?.id;
    if (updateId !== undefined && updateId !== input.decisionId)
      refuse(
        'APPROVAL_DECISION_ID_MISMATCH',
        `update id ${updateId} must equal decisionId ${input.decisionId}`,
      );
  };
  const validateDecider = (input: ApprovalDecisionInput, kind: ApprovalDecisionKind) => {
    validateCommon(input);
    if (input.actorId === state.submittedBy)
      refuse(
        'APPROVAL_SELF_APPROVAL',
        `${input.actorId} submitted ${state.approvalId} and cannot ${kind} it`,
      );
    if (state.status !== 'pending' || levelDecision)
      refuse('APPROVAL_NOT_PENDING', `${state.approvalId} is ${state.status}, not waiting for a decision`);
    if (!state.assigneeIds.includes(input.actorId))
      refuse(
        'APPROVAL_NOT_ASSIGNEE',
        `${input.actorId} is not an approver of ${state.approvalId} at level ${state.currentLevel}`,
      );
    if ((kind === 'reject' || kind === 'requestChanges') && !input.reason?.trim())
      refuse('APPROVAL_REASON_REQUIRED', `${kind} of ${state.approvalId} needs a reason`);
    if (kind === 'delegate') {
      if (!input.delegateTo) refuse('APPROVAL_INVALID_DELEGATE', 'delegate needs delegateTo');
      if (input.delegateTo === state.submittedBy || input.delegateTo === input.actorId)
        refuse(
          'APPROVAL_INVALID_DELEGATE',
          `${state.approvalId} cannot be delegated to ${input.delegateTo}: the submitter or the delegating approver`,
        );
    }
  };
  const record = (input: ApprovalDecisionInput, kind: ApprovalDecisionKind): ApprovalDecision => {
    const decision: ApprovalDecision = {
      ...input,
      kind,
      round: state.round,
      level: state.currentLevel,
      at: new Date().toISOString(),
    };
    state.decisions.push(decision);
    unaudited.push(decision);
    return decision;
  };

  // A repeated decision id (a double click, a retried request) is accepted and changes nothing: the
  // server deduplicates by update id, and this check covers a retry after that window.
  for (const kind of DECIDING_KINDS) {
    const update = { approve: approveUpdate, reject: rejectUpdate, requestChanges: requestChangesUpdate }[
      kind
    ];
    setHandler(
      update,
      async (input) => {
        if (!alreadyDecided(input.decisionId)) levelDecision = record(input, kind);
        return settledState(input.decisionId);
      },
      {
        validator: (input: ApprovalDecisionInput) =>
          alreadyDecided(input.decisionId) ? undefined : validateDecider(input, kind),
      },
    );
  }
  setHandler(
    delegateUpdate,
    async (input) => {
      if (!alreadyDecided(input.decisionId)) {
        record(input, 'delegate');
        const delegateTo = input.delegateTo ?? input.actorId;
        state.assigneeIds = [
          ...new Set(state.assigneeIds.map((id) => (id === input.actorId ? delegateTo : id))),
        ];
      }
      return settledState(input.decisionId);
    },
    {
      validator: (input: ApprovalDecisionInput) =>
        alreadyDecided(input.decisionId) ? undefined : validateDecider(input, 'delegate'),
    },
  );
  setHandler(
    resubmitUpdate,
    async (input) => {
      if (!alreadyDecided(input.decisionId)) resubmission = record(input, 'resubmit');
      return settledState(input.decisionId);
    },
    {
      validator: (input: ApprovalDecisionInput) => {
        if (alreadyDecided(input.decisionId)) return;
        validateCommon(input);
        if (input.actorId !== state.submittedBy)
          refuse('APPROVAL_NOT_SUBMITTER', `only ${state.submittedBy} can resubmit ${state.approvalId}`);
        if ((state.status !== 'rejected' && state.status !== 'changesRequested') || resubmission)
          refuse('APPROVAL_NOT_PENDING', `${state.approvalId} is ${state.status}: nothing to resubmit`);
      },
    },
  );
  setHandler(approvalStateQuery, () => state);

  const publish = async () => {
    await activities.saveApprovalState(state);
    if (!input.notifyWorkflowId) return;
    try {
      await getExternalWorkflowHandle(input.notifyWorkflowId).signal(approvalChangedSignal, {
        approvalId: state.approvalId,
        workflowId: workflowInfo().workflowId,
        subjectKind: state.subject.kind,
        orgUnitId: state.orgUnitId,
        level: state.currentLevel,
        assigneeIds: state.assigneeIds,
        final: FINAL.includes(state.status),
        status: state.status,
      });
    } catch (error) {
      // The cycle may have ended (or never existed for an ad-hoc request); the approval goes on.
      log.warn('could not notify', { notifyWorkflowId: input.notifyWorkflowId, error: String(error) });
    }
  };
  const audit = (
    id: string,
    action: 'approval.submitted' | 'approval.decided' | 'approval.escalated',
    userId: string,
    role: Role | 'system',
    details: Record<string, unknown>,
  ) =>
    activities.recordAudit({
      id: `${state.approvalId}:${id}`,
      at: new Date().toISOString(),
      actor: { userId, role },
      action,
      object: { type: `approval.${state.subject.kind}`, id: state.subject.id },
      orgUnitId: state.orgUnitId,
      details: { approvalId: state.approvalId, round: state.round, level: state.currentLevel, ...details },
    });
  const auditDecisions = async () => {
    while (unaudited.length > 0) {
      const decision = unaudited.shift();
      if (!decision) break;
      const role = decision.kind === 'resubmit' ? request.submittedByRole : levelRole();
      const { decisionId, kind, reason, delegateTo, round, level } = decision;
      await audit(decisionId, 'approval.decided', decision.actorId, role, {
        decisionId,
        kind,
        reason,
        delegateTo,
        round,
        level,
      });
      if (kind === 'delegate') settled.add(decisionId);
    }
    await publish();
  };
  /**
   * Waits until `done()` or `deadlineAt`, writing the audit of every decision as it arrives and
   * calling `onWake` when the optional `wakeAt()` time (a reminder) comes first.
   */
  const waitFor = async (
    done: () => boolean,
    deadlineAt: number,
    wakeAt: () => number = () => deadlineAt,
    onWake: () => Promise<void> = async () => {},
  ): Promise<boolean> => {
    for (;;) {
      if (done()) return true;
      const now = Date.now();
      if (now >= deadlineAt) return false;
      await condition(
        () => done() || unaudited.length > 0,
        Math.max(1, Math.min(deadlineAt, wakeAt()) - now),
      );
      if (unaudited.length > 0) await auditDecisions();
      const woken = Date.now();
      if (!done() && woken >= wakeAt() && woken < deadlineAt) await onWake();
    }
  };

  /** Moves to `level`, skipping levels left without approvers (the submitter alone, say). */
  const enterLevel = (level: number): boolean => {
    const levels = state.chain?.levels ?? [];
    for (let index = level; index < levels.length; index++) {
      const approverIds = levels[index]?.approverIds.filter((id) => id !== state.submittedBy) ?? [];
      if (approverIds.length > 0) {
        state.currentLevel = index;
        state.assigneeIds = approverIds;
        return true;
      }
    }
    return false;
  };

  const resolveChain = async () => {
    state.status = 'resolvingChain';
    state.chain = await activities.resolveApprovalChain({
      approvalId: state.approvalId,
      round: state.round,
      subjectKind: state.subject.kind,
      routing: request.routing,
      facts: state.facts,
      amountMinor: state.amountMinor,
      orgUnitId: state.orgUnitId,
      submittedBy: state.submittedBy,
    });
    state.status = 'pending';
    return enterLevel(0);
  };
  let final: FinalApprovalStatus | undefined = (await resolveChain()) ? undefined : 'expired';
  await audit(
    `submitted:${state.round}`,
    'approval.submitted',
    request.submittedBy,
    request.submittedByRole,
    {
      facts: state.facts,
      chain: state.chain,
    },
  );
  let finalReason: string | undefined;

  /** Applied decisions, settled (their Updates answered) once the new state is published. */
  let applied: string[] = [];
  const settleApplied = () => {
    applied.forEach((id) => settled.add(id));
    applied = [];
  };
  while (!final) {
    await publish();
    settleApplied();
    if (state.status === 'pending') {
      const levelStartedAt = Date.now();
      const deadlineAt = levelStartedAt + input.levelDeadlineMs;
      const every = input.reminderEveryMs;
      let nextReminderAt = every ? levelStartedAt + every : deadlineAt;
      const decided = await waitFor(
        () => levelDecision !== undefined,
        deadlineAt,
        () => nextReminderAt,
        async () => {
          state.remindersSent++;
          await activities.sendApprovalReminder({
            approvalId: state.approvalId,
            round: state.round,
            level: state.currentLevel,
            reminder: state.remindersSent,
            assigneeIds: state.assigneeIds,
          });
          nextReminderAt += every ?? input.levelDeadlineMs;
        },
      );
      const decision = levelDecision;
      levelDecision = undefined;
      if (decision) applied.push(decision.decisionId);
      if (!decided || !decision) {
        const fromLevel = state.currentLevel;
        state.escalations.push({ round: state.round, fromLevel, at: new Date().toISOString() });
        await audit(`escalated:${state.round}:${fromLevel}`, 'approval.escalated', 'system', 'system', {
          fromLevel,
          assigneeIds: state.assigneeIds,
        });
        if (!enterLevel(fromLevel + 1)) final = 'expired';
        continue;
      }
      if (decision.kind === 'approve') {
        if (!enterLevel(state.currentLevel + 1)) final = 'approved';
        continue;
      }
      state.status = decision.kind === 'reject' ? 'rejected' : 'changesRequested';
      finalReason = decision.reason;
      continue;
    }
    // Rejected or returned: the submitter may revise and resubmit until the deadline.
    const resubmitted = await waitFor(
      () => resubmission !== undefined,
      Date.now() + input.resubmitDeadlineMs,
    );
    const revision = resubmission;
    resubmission = undefined;
    if (revision) applied.push(revision.decisionId);
    if (!resubmitted || !revision) {
      final = 'closedRejected';
      continue;
    }
    state.round++;
    if (revision.facts) state.facts = revision.facts;
    if (revision.amountMinor !== undefined) state.amountMinor = revision.amountMinor;
    finalReason = undefined;
    if (!(await resolveChain())) final = 'expired';
  }

  state.status = final;
  state.assigneeIds = [];
  await auditDecisions();
  settleApplied();
  await condition(allHandlersFinished);
  return {
    approvalId: state.approvalId,
    status: final,
    rounds: state.round,
    decidedBy: state.decisions
      .filter((d) => d.kind === 'approve' && d.round === state.round)
      .map((d) => d.actorId),
    reason: final === 'approved' ? undefined : finalReason,
  };
}
