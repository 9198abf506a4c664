import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  executeChild,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type {
  AnnualCycleInput,
  ApprovalStatus,
  CycleProgress,
  CycleStatus,
  CycleStep,
  CycleStepTemplate,
  StepStatus,
  UnitProgress,
} from '@opscycle/domain';
import type { CycleActivities } from './activityContracts';
import { approvalWorkflow } from './approval.workflow';
import {
  approvalChangedSignal,
  approvalIdFor,
  approvalWorkflowId,
  closeReviewPeriodUpdate,
  cycleProgressQuery,
  cycleSearchAttributes,
  payoutRunWorkflowId,
  unitFanOutWorkflowId,
  unitProgressSignal,
} from './messages';
import { payoutRunWorkflow } from './payoutRun.workflow';
import { unitFanOutWorkflow } from './unitFanOut.workflow';

const FINAL_STATUSES: readonly ApprovalStatus[] = ['approved', 'closedRejected', 'expired'];

const activities = proxyActivities<CycleActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Fan-out children started per run of unitFanOutWorkflow before it continues as new. */
const FAN_OUT_STARTS_PER_RUN = 200;

/**
 * One fiscal year of one organisation: the template's steps in order, each for the company or
 * fanned out over the org units, each with its approval; performance reviews per period, each
 * followed by its payout run. Queries show the step, per-unit progress and pending approvals;
 * search attributes keep the cycle listable by FiscalYear, OrgUnit, CycleStep and CycleStatus.
 */
export async function annualCycleWorkflow(input: AnnualCycleInput): Promise<CycleProgress> {
  const { template, fiscalYear, orgId } = input;
  const cycleId = workflowInfo().workflowId;
  const roots = input.orgUnits.filter((u) => u.parentId === null);
  const root = roots[0];
  if (!root || roots.length > 1)
    throw ApplicationFailure.nonRetryable(
      `the org of ${cycleId} needs exactly one top unit, found ${roots.map((r) => r.id).join(', ') || 'none'}`,
      'CYCLE_INVALID_ORG',
    );
  const unitIds = input.orgUnits.map((u) => u.id);
  const firstStep = template.steps[0]?.step ?? 'strategyAnalysis';

  const progress: CycleProgress = {
    cycleId,
    fiscalYear,
    orgId,
    status: 'running',
    currentStep: firstStep,
    steps: template.steps.map((s) => ({
      step: s.step,
      status: 'pending',
      unitsDone: 0,
      unitsTotal: s.scope === 'unit' ? unitIds.length : 1,
    })),
    units: [],
    pendingApprovals: [],
    reviewedPeriods: [],
  };
  const unitIndex = new Map<string, UnitProgress>();
  const closedPeriods = new Set<string>();
  /** Status of every unit sign-off the cycle has heard of, by approval id. */
  const signOffs = new Map<string, { status: ApprovalStatus; orgUnitId: string }>();
  let awaitedSignOffs = new Set<string>();

  setHandler(cycleProgressQuery, () => ({ ...progress, units: [...unitIndex.values()] }));
  setHandler(unitProgressSignal, (changes) => {
    for (const change of changes) {
      const before = unitIndex.get(change.orgUnitId);
      unitIndex.set(change.orgUnitId, change);
      const step = progress.steps.find((s) => s.step === change.step);
      if (step && change.status === 'done' && !(before?.step === change.step && before.status === 'done'))
        step.unitsDone++;
    }
  });
  setHandler(approvalChangedSignal, ({ final, status, ...approval }) => {
    progress.pendingApprovals = progress.pendingApprovals.filter((a) => a.approvalId !== approval.approvalId);
    if (!final) progress.pendingApprovals.push(approval);
    signOffs.set(approval.approvalId, { status, orgUnitId: approval.orgUnitId });
    if (final && awaitedSignOffs.has(approval.approvalId)) {
      const step = progress.currentStep;
      unitIndex.set(approval.orgUnitId, {
        orgUnitId: approval.orgUnitId,
        step,
        status: status === 'approved' ? 'done' : 'halted',
      });
      const entry = progress.steps.find((s) => s.step === step);
      if (entry && status === 'approved') entry.unitsDone++;
    }
  });
  setHandler(
    closeReviewPeriodUpdate,
    ({ period }) => {
      closedPeriods.add(period);
      return [...progress.reviewedPeriods];
    },
    {
      validator: ({ period, actorId }: { period: string; actorId: string }) => {
        if (!actorId)
          throw ApplicationFailure.nonRetryable('closeReviewPeriod needs actorId', 'CYCLE_INVALID_INPUT');
        if (!template.reviewPeriods.includes(period))
          throw ApplicationFailure.nonRetryable(
            `period ${period} is not a review period of ${cycleId} (${template.reviewPeriods.join(', ')})`,
            'CYCLE_UNKNOWN_PERIOD',
          );
        if (progress.reviewedPeriods.includes(period))
          throw ApplicationFailure.nonRetryable(
            `period ${period} is already reviewed`,
            'CYCLE_PERIOD_REVIEWED',
          );
      },
    },
  );

  const publish = async (step: CycleStep, stepStatus: StepStatus, status: CycleStatus = progress.status) => {
    progress.currentStep = step;
    progress.status = status;
    const entry = progress.steps.find((s) => s.step === step);
    if (entry) entry.status = stepStatus;
    upsertSearchAttributes(cycleSearchAttributes(fiscalYear, orgId, step, status));
    await activities.saveCycleProgress({ ...progress, units: [...unitIndex.values()] });
  };

  /** Company-scoped approval of a step; true when approved. */
  const approveStep = async (
    step: CycleStepTemplate,
    subjectId: string,
    facts: Record<string, string | number | boolean | null>,
    amountMinor?: number,
  ) => {
    if (!step.approval) return true;
    await publish(step.step, 'waitingForApproval', 'waitingForApproval');
    const approvalId = approvalIdFor(step.approval.subjectKind, subjectId);
    const outcome = await executeChild(approvalWorkflow, {
      workflowId: approvalWorkflowId(approvalId),
      args: [
        {
          request: {
            approvalId,
            subject: { kind: step.approval.subjectKind, id: subjectId },
            title: `${step.step} of ${orgId} FY${fiscalYear}`,
            submittedBy: step.ownerId,
            submittedByRole: step.ownerRole,
            orgUnitId: root.id,
            amountMinor,
            facts,
            routing: step.approval.routing,
          },
          levelDeadlineMs: step.approval.levelDeadlineMs,
          reminderEveryMs: step.approval.reminderEveryMs,
          resubmitDeadlineMs: step.approval.resubmitDeadlineMs,
          notifyWorkflowId: cycleId,
        },
      ],
    });
    return outcome.status === 'approved';
  };

  const runStep = async (step: CycleStepTemplate): Promise<boolean> => {
    if (step.step === 'performanceReview') return runReviews(step);
    if (step.scope === 'company') {
      const result = await activities.runCycleStep({
        cycleId,
        fiscalYear,
        orgId,
        step: step.step,
        orgUnitId: root.id,
      });
      const entry = progress.steps.find((s) => s.step === step.step);
      if (entry) entry.unitsDone = 1;
      return approveStep(step, `${cycleId}-${step.step}`, result.facts, result.amountMinor);
    }
    const { approval } = step;
    const signOffIds = approval
      ? unitIds.map((unitId) => approvalIdFor(approval.subjectKind, `${cycleId}-${step.step}-${unitId}`))
      : [];
    awaitedSignOffs = new Set(signOffIds);
    const result = await executeChild(unitFanOutWorkflow, {
      workflowId: unitFanOutWorkflowId(cycleId, step.step),
      args: [
        {
          cycleId,
          fiscalYear,
          orgId,
          step: step.step,
          ownerId: step.ownerId,
          ownerRole: step.ownerRole,
          approval: step.approval,
          notifyWorkflowId: cycleId,
          unitIds,
          window: template.fanOutWindow,
          startsPerRun: FAN_OUT_STARTS_PER_RUN,
          cursor: 0,
          done: 0,
          halted: [],
        },
      ],
    });
    const halted = [...result.halted];
    if (halted.length === 0 && signOffIds.length > 0) {
      await publish(step.step, 'waitingForApproval', 'waitingForApproval');
      await condition(() =>
        signOffIds.every((id) => FINAL_STATUSES.includes(signOffs.get(id)?.status ?? 'pending')),
      );
      for (const id of signOffIds) {
        const signOff = signOffs.get(id);
        if (signOff && signOff.status !== 'approved') halted.push(signOff.orgUnitId);
      }
    }
    if (halted.length > 0) progress.haltedReason = `${step.step} halted for ${halted.join(', ')}`;
    return halted.length === 0;
  };

  /** Each period closes on request or after `periodLengthMs`, is reviewed, then paid out. */
  const runReviews = async (step: CycleStepTemplate): Promise<boolean> => {
    const entry = progress.steps.find((s) => s.step === step.step);
    if (entry) entry.unitsTotal = template.reviewPeriods.length;
    for (const period of template.reviewPeriods) {
      await condition(() => closedPeriods.has(period), template.periodLengthMs);
      await activities.runCycleStep({
        cycleId,
        fiscalYear,
        orgId,
        step: step.step,
        orgUnitId: root.id,
        period,
      });
      const payout = await executeChild(payoutRunWorkflow, {
        workflowId: payoutRunWorkflowId(template.payout.planId, period, 1),
        args: [
          {
            planId: template.payout.planId,
            period,
            revision: 1,
            incentiveRuleSet: template.payout.incentiveRuleSet,
            currency: template.payout.currency,
            partitionCount: template.payout.partitionCount,
            submittedBy: step.ownerId,
            orgUnitId: root.id,
            approval: template.payout.approval,
            notifyWorkflowId: cycleId,
          },
        ],
      });
      progress.reviewedPeriods.push(period);
      if (entry) entry.unitsDone++;
      if (payout.status !== 'exported') {
        progress.haltedReason = `payout ${payout.runId} was ${payout.status}`;
        return false;
      }
      await publish(step.step, 'running', 'running');
    }
    return true;
  };

  for (const step of template.steps) {
    await publish(step.step, 'running', 'running');
    // The step's deadline marks it late in progress; the work itself goes on (people are late, not wrong).
    let finished = false;
    const deadline = condition(() => finished, step.deadlineMs).then((inTime) => {
      const entry = progress.steps.find((s) => s.step === step.step);
      if (!inTime && entry && entry.status !== 'done') entry.status = 'late';
    });
    const ok = await runStep(step);
    finished = true;
    await deadline;
    if (!ok) {
      progress.haltedReason ??= `${step.step} was not approved`;
      await publish(step.step, 'halted', 'halted');
      break;
    }
    await publish(step.step, 'done', 'running');
  }
  if (progress.status !== 'halted') await publish(progress.currentStep, 'done', 'completed');
  await condition(allHandlersFinished);
  return { ...progress, units: [...unitIndex.values()] };
}
