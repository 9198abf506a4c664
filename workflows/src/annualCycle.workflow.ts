import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  executeChild,
  makeContinueAsNewFunc,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { MISSING_ACKNOWLEDGMENTS_SHOWN } from '@opscycle/domain';
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
  planAcknowledgedSignal,
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
 * Runs started before this patch replay the first version: no continue-as-new, incentive
 * publication and year close recorded only (runCycleStep). Remove with the FY2027 cycles.
 */
export const ANNUAL_CYCLE_CONTINUE_AS_NEW_PATCH = 'annualCycle-continue-as-new-2026-11';

/** Where a step stopped when a run continued as new in its middle: the next run resumes it there. */
export type CycleResumePoint = 'signOffs' | 'acknowledgments' | 'reviews';

/** What one run of the cycle hands to the next when it continues as new. */
export interface AnnualCycleCarry {
  /** The step to run (or resume) first. */
  stepIndex: number;
  resume?: CycleResumePoint;
  progress: CycleProgress;
  units: UnitProgress[];
  signOffs: { approvalId: string; status: ApprovalStatus; orgUnitId: string }[];
  closedPeriods: string[];
  acknowledgment?: { repIds: string[]; acknowledgedIds: string[]; deadlineAt: string };
  /** Runs of this cycle before this one. */
  runs: number;
}

export type AnnualCycleWorkflowInput = AnnualCycleInput & { carry?: AnnualCycleCarry };

type StepOutcome = 'done' | 'halted' | 'continueAsNew';

/**
 * One fiscal year of one organisation: the template's steps in order, each for the company or
 * fanned out over the org units, each with its approval; performance reviews per period, each
 * followed by its payout run. Queries show the step, per-unit progress and pending approvals;
 * search attributes keep the cycle listable by FiscalYear, OrgUnit, CycleStep and CycleStatus.
 *
 * Each step runs in its own run (continue-as-new at every step boundary), and a run waiting on
 * sign-offs, acknowledgments or review periods continues as new when Temporal suggests it, so 500
 * units signing off or 5,000 reps acknowledging never fill one history. Everything that reaches the
 * cycle (approvals, fan-outs, the API) signals its workflow id, so it reaches the current run.
 */
export async function annualCycleWorkflow(input: AnnualCycleWorkflowInput): Promise<CycleProgress> {
  const { template, fiscalYear, orgId, carry } = input;
  const v2 = patched(ANNUAL_CYCLE_CONTINUE_AS_NEW_PATCH);
  const cycleId = workflowInfo().workflowId;
  // The top of the planned subtree: the company, or a region planned on its own.
  const known = new Set(input.orgUnits.map((u) => u.id));
  const roots = input.orgUnits.filter((u) => u.parentId === null || !known.has(u.parentId));
  const root = roots[0];
  if (!root || roots.length > 1)
    throw ApplicationFailure.nonRetryable(
      `the org of ${cycleId} needs exactly one top unit, found ${roots.map((r) => r.id).join(', ') || 'none'}`,
      'CYCLE_INVALID_ORG',
    );
  // The top unit first: fan-outs run its step alone before the others (it computes the org's result).
  const unitIds = v2
    ? [root.id, ...input.orgUnits.filter((u) => u.id !== root.id).map((u) => u.id)]
    : input.orgUnits.map((u) => u.id);
  const firstStep = template.steps[0]?.step ?? 'strategyAnalysis';

  const progress: CycleProgress = carry?.progress ?? {
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
  const stepEntry = (step: CycleStep) => progress.steps.find((s) => s.step === step);
  const unitIndex = new Map<string, UnitProgress>(carry?.units.map((u) => [u.orgUnitId, u]) ?? []);
  const closedPeriods = new Set<string>(carry?.closedPeriods ?? []);
  /** Status of every unit sign-off the cycle has heard of, by approval id. */
  const signOffs = new Map<string, { status: ApprovalStatus; orgUnitId: string }>(
    carry?.signOffs.map(({ approvalId, ...rest }) => [approvalId, rest]) ?? [],
  );
  /** The unit sign-offs a unit-scoped step with an approval waits for. */
  const signOffIdsOf = (step: CycleStepTemplate) => {
    const { approval } = step;
    return approval
      ? unitIds.map((unitId) => approvalIdFor(approval.subjectKind, `${cycleId}-${step.step}-${unitId}`))
      : [];
  };
  const resumedStep = carry?.resume === 'signOffs' ? template.steps[carry.stepIndex] : undefined;
  // Known before any handler runs: a sign-off may reach a resumed run before its step code does.
  let awaitedSignOffs = new Set<string>(resumedStep ? signOffIdsOf(resumedStep) : []);
  /** Incentive publication: the reps asked to acknowledge, who did, and until when they may. */
  let acknowledgment = carry?.acknowledgment
    ? { reps: new Set(carry.acknowledgment.repIds), deadlineAt: carry.acknowledgment.deadlineAt }
    : undefined;
  const acknowledged = new Set<string>(carry?.acknowledgment?.acknowledgedIds ?? []);
  const acknowledgedCount = () =>
    acknowledgment ? [...acknowledgment.reps].filter((id) => acknowledged.has(id)).length : 0;
  let acknowledgedReps = acknowledgedCount();
  const allAcknowledged = () => acknowledgment !== undefined && acknowledgedReps >= acknowledgment.reps.size;
  const acknowledgmentProgress = (): CycleProgress['acknowledgments'] => {
    if (!acknowledgment) return progress.acknowledgments;
    const missing: string[] = [];
    for (const id of acknowledgment.reps) if (!acknowledged.has(id)) missing.push(id);
    return {
      acknowledged: acknowledgedReps,
      total: acknowledgment.reps.size,
      missing: missing.sort().slice(0, MISSING_ACKNOWLEDGMENTS_SHOWN),
      deadlineAt: acknowledgment.deadlineAt,
    };
  };
  /** Only new runs continue as new; runs from before the patch replay as they ran. */
  const continueAsNewSuggested = () => v2 && workflowInfo().continueAsNewSuggested;
  const snapshot = (): CycleProgress => ({
    ...progress,
    units: [...unitIndex.values()],
    acknowledgments: acknowledgmentProgress(),
  });

  setHandler(cycleProgressQuery, snapshot);
  setHandler(unitProgressSignal, (changes) => {
    for (const change of changes) {
      const before = unitIndex.get(change.orgUnitId);
      unitIndex.set(change.orgUnitId, change);
      const step = stepEntry(change.step);
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
      const entry = stepEntry(step);
      if (entry && status === 'approved') entry.unitsDone++;
    }
  });
  // A signal, not an update: the acknowledgment is stored (and audited) by the API before it is
  // sent, so the rep need not wait on the workflow, it is accepted while no worker runs or while the
  // cycle continues as new, and a repeat is a no-op here (a set). The publication re-reads the
  // stored acknowledgments, so one given before the step's run started is counted too.
  setHandler(planAcknowledgedSignal, ({ personId }) => {
    if (acknowledged.has(personId)) return;
    acknowledged.add(personId);
    if (acknowledgment?.reps.has(personId)) {
      acknowledgedReps++;
      const entry = stepEntry('incentivePublication');
      if (entry) entry.unitsDone = acknowledgedReps;
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
    const entry = stepEntry(step);
    if (entry) entry.status = stepStatus;
    upsertSearchAttributes(cycleSearchAttributes(fiscalYear, orgId, step, status));
    await activities.saveCycleProgress(snapshot());
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
  const approved = async (...args: Parameters<typeof approveStep>): Promise<StepOutcome> =>
    (await approveStep(...args)) ? 'done' : 'halted';

  const runStep = async (step: CycleStepTemplate, resume?: CycleResumePoint): Promise<StepOutcome> => {
    if (step.step === 'performanceReview') return runReviews(step);
    if (v2 && step.step === 'incentivePublication') return runIncentivePublication(step, resume);
    if (v2 && step.step === 'yearClose') {
      const result = await activities.closeYear({
        cycleId,
        fiscalYear,
        orgId,
        orgUnits: input.orgUnits,
        incentivePlanId: template.payout.planId,
        currency: template.payout.currency,
        closedBy: step.ownerId,
        at: new Date(Date.now()).toISOString(),
      });
      const entry = stepEntry(step.step);
      if (entry) entry.unitsDone = 1;
      return approved(step, `${cycleId}-${step.step}`, result.facts, result.amountMinor);
    }
    if (step.scope === 'company') {
      const result = await activities.runCycleStep({
        cycleId,
        fiscalYear,
        orgId,
        step: step.step,
        orgUnitId: root.id,
      });
      const entry = stepEntry(step.step);
      if (entry) entry.unitsDone = 1;
      return approved(step, `${cycleId}-${step.step}`, result.facts, result.amountMinor);
    }
    const signOffIds = signOffIdsOf(step);
    awaitedSignOffs = new Set(signOffIds);
    const allFinal = () =>
      signOffIds.every((id) => FINAL_STATUSES.includes(signOffs.get(id)?.status ?? 'pending'));
    // A run resuming the sign-offs knows the fan-out halted no unit: it only waits when none halted.
    const halted: string[] = [];
    if (resume !== 'signOffs') {
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
      halted.push(...result.halted);
    }
    if (halted.length === 0 && signOffIds.length > 0) {
      if (resume !== 'signOffs') await publish(step.step, 'waitingForApproval', 'waitingForApproval');
      await condition(() => allFinal() || continueAsNewSuggested());
      if (!allFinal()) return continueCycle('signOffs');
      for (const id of signOffIds) {
        const signOff = signOffs.get(id);
        if (signOff && signOff.status !== 'approved') halted.push(signOff.orgUnitId);
      }
    }
    if (halted.length > 0) progress.haltedReason = `${step.step} halted for ${halted.join(', ')}`;
    return halted.length === 0 ? 'done' : 'halted';
  };

  /**
   * Pins the incentive rule-set version to every rep's plan, then waits until every rep has
   * acknowledged or the acknowledgment deadline passes (the reps still missing stay listed).
   */
  const runIncentivePublication = async (
    step: CycleStepTemplate,
    resume?: CycleResumePoint,
  ): Promise<StepOutcome> => {
    const entry = stepEntry(step.step);
    if (resume !== 'acknowledgments') {
      const published = await activities.publishIncentivePlans({
        cycleId,
        fiscalYear,
        orgId,
        orgUnitIds: unitIds,
        incentivePlanId: template.payout.planId,
        incentiveRuleSet: template.payout.incentiveRuleSet,
        currency: template.payout.currency,
        publishedBy: step.ownerId,
        at: new Date(Date.now()).toISOString(),
      });
      for (const id of published.acknowledgedIds) acknowledged.add(id);
      acknowledgment = {
        reps: new Set(published.repIds),
        deadlineAt: new Date(
          Date.now() + (template.acknowledgmentDeadlineMs ?? step.deadlineMs),
        ).toISOString(),
      };
      acknowledgedReps = acknowledgedCount();
      if (entry) {
        entry.unitsTotal = acknowledgment.reps.size;
        entry.unitsDone = acknowledgedReps;
      }
      await publish(step.step, 'running', 'running');
    }
    const remainingMs = Date.parse(acknowledgment?.deadlineAt ?? '') - Date.now();
    if (!allAcknowledged() && remainingMs > 0) {
      const stopped = await condition(() => allAcknowledged() || continueAsNewSuggested(), remainingMs);
      if (stopped && !allAcknowledged()) return continueCycle('acknowledgments');
    }
    progress.acknowledgments = acknowledgmentProgress();
    return approved(step, `${cycleId}-${step.step}`, {
      acknowledged: acknowledgedReps,
      reps: acknowledgment?.reps.size ?? 0,
    });
  };

  /** Each period closes on request or after `periodLengthMs`, is reviewed, then paid out. */
  const runReviews = async (step: CycleStepTemplate): Promise<StepOutcome> => {
    const entry = stepEntry(step.step);
    if (entry) entry.unitsTotal = template.reviewPeriods.length;
    for (const period of template.reviewPeriods) {
      if (progress.reviewedPeriods.includes(period)) continue; // reviewed by an earlier run
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
        return 'halted';
      }
      await publish(step.step, 'running', 'running');
      const more = template.reviewPeriods.some((p) => !progress.reviewedPeriods.includes(p));
      if (more && continueAsNewSuggested()) return continueCycle('reviews');
    }
    return 'done';
  };

  /** Set by continueCycle: where the next run starts. */
  let next: { stepIndex: number; resume?: CycleResumePoint } | undefined;
  let stepIndex = carry?.stepIndex ?? 0;
  const continueCycle = (resume?: CycleResumePoint): StepOutcome => {
    next = { stepIndex, resume };
    return 'continueAsNew';
  };

  let resume = carry?.resume;
  for (; stepIndex < template.steps.length; stepIndex++) {
    const step = template.steps[stepIndex]!;
    const entry = stepEntry(step.step);
    if (!resume) {
      if (v2 && entry) entry.deadlineAt = new Date(Date.now() + step.deadlineMs).toISOString();
      await publish(step.step, 'running', 'running');
    }
    // The step's deadline marks it late in progress; the work itself goes on (people are late, not wrong).
    let finished = false;
    const markLate = () => {
      if (entry && entry.status !== 'done') entry.status = 'late';
    };
    const remainingMs = entry?.deadlineAt ? Date.parse(entry.deadlineAt) - Date.now() : step.deadlineMs;
    const deadline =
      remainingMs > 0
        ? condition(() => finished, remainingMs).then((inTime) => {
            if (!inTime) markLate();
          })
        : Promise.resolve(markLate());
    const outcome = await runStep(step, resume);
    resume = undefined;
    finished = true;
    await deadline;
    if (outcome === 'continueAsNew') break;
    if (outcome === 'halted') {
      progress.haltedReason ??= `${step.step} was not approved`;
      await publish(step.step, 'halted', 'halted');
      break;
    }
    await publish(step.step, 'done', 'running');
    // Every step starts a fresh history; the work of the year is spread over seven short runs.
    if (v2 && stepIndex + 1 < template.steps.length) {
      next = { stepIndex: stepIndex + 1 };
      break;
    }
  }
  if (next) {
    await condition(allHandlersFinished);
    const carried: AnnualCycleCarry = {
      ...next,
      progress: { ...progress, units: [], acknowledgments: acknowledgmentProgress() },
      units: [...unitIndex.values()],
      // Final sign-offs of finished steps are history; the ones still open may report later.
      signOffs: [...signOffs]
        .filter(([id, s]) => awaitedSignOffs.has(id) || !FINAL_STATUSES.includes(s.status))
        .map(([approvalId, s]) => ({ approvalId, ...s })),
      closedPeriods: [...closedPeriods],
      acknowledgment: acknowledgment && {
        repIds: [...acknowledgment.reps],
        acknowledgedIds: [...acknowledged].filter((id) => acknowledgment?.reps.has(id)),
        deadlineAt: acknowledgment.deadlineAt,
      },
      runs: (carry?.runs ?? 0) + 1,
    };
    const continueAsNew = makeContinueAsNewFunc<typeof annualCycleWorkflow>({
      typedSearchAttributes: cycleSearchAttributes(fiscalYear, orgId, progress.currentStep, progress.status),
    });
    return continueAsNew({ ...input, carry: carried });
  }
  if (progress.status !== 'halted') await publish(progress.currentStep, 'done', 'completed');
  await condition(allHandlersFinished);
  return snapshot();
}
