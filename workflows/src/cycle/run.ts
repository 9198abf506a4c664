import { ApplicationFailure, executeChild, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type {
  ApprovalFacts,
  CycleStatus,
  CycleStep,
  CycleStepTemplate,
  CycleTemplate,
  OrgUnit,
  StepStatus,
} from '@opscycle/domain';
import type { CycleStepResult } from '../activityContracts';
import { approvalWorkflow } from '../approval.workflow';
import { approvalIdFor, approvalWorkflowId, cycleSearchAttributes } from '../messages';
import { cycleActivities } from './activities';
import type { AnnualCycleWorkflowInput, CycleResumePoint } from './carry';
import { CycleState, signOffIdsOf } from './state';
import type { CycleVersion } from './version';

export type StepOutcome = 'done' | 'halted' | 'continueAsNew';

/** One step kind's behaviour (STEP_KINDS' runner), given the run and where to resume. */
export type RunStep = (
  run: CycleRun,
  step: CycleStepTemplate,
  resume?: CycleResumePoint,
) => Promise<StepOutcome>;

/** The top of the planned subtree: the company, or a region planned on its own. */
function topUnitOf(cycleId: string, orgUnits: readonly OrgUnit[]): OrgUnit {
  const known = new Set(orgUnits.map((u) => u.id));
  const roots = orgUnits.filter((u) => u.parentId === null || !known.has(u.parentId));
  const root = roots[0];
  if (!root || roots.length > 1)
    throw ApplicationFailure.nonRetryable(
      `the org of ${cycleId} needs exactly one top unit, found ${roots.map((r) => r.id).join(', ') || 'none'}`,
      'CYCLE_INVALID_ORG',
    );
  return root;
}

/** One run of the cycle: its input, state and version, and what its steps share. */
export class CycleRun {
  readonly cycleId = workflowInfo().workflowId;
  readonly root: OrgUnit;
  /** The units fan-outs run over. */
  readonly unitIds: string[];
  readonly state: CycleState;
  /** The index of the step running. */
  stepIndex: number;
  /** Set by continueAt: where the next run starts. */
  next: { stepIndex: number; resume?: CycleResumePoint } | undefined;

  constructor(
    readonly input: AnnualCycleWorkflowInput,
    readonly version: CycleVersion,
  ) {
    this.root = topUnitOf(this.cycleId, input.orgUnits);
    const { root } = this;
    this.unitIds = version.topUnitFirst
      ? [root.id, ...input.orgUnits.filter((u) => u.id !== root.id).map((u) => u.id)]
      : input.orgUnits.map((u) => u.id);
    this.stepIndex = input.carry?.stepIndex ?? 0;
    this.state = new CycleState({
      cycleId: this.cycleId,
      fiscalYear: input.fiscalYear,
      orgId: input.orgId,
      template: input.template,
      unitIds: this.unitIds,
      carry: input.carry,
    });
  }

  get template(): CycleTemplate {
    return this.input.template;
  }

  /** The common fields of every step activity's input. */
  get cycleKey() {
    return { cycleId: this.cycleId, fiscalYear: this.input.fiscalYear, orgId: this.input.orgId };
  }

  signOffIdsOf(step: CycleStepTemplate): string[] {
    return signOffIdsOf(this.cycleId, this.unitIds, step);
  }

  /** Only versions that continue as new ask; runs of the first version replay as they ran. */
  continueAsNewSuggested(): boolean {
    return this.version.continuesAsNew && workflowInfo().continueAsNewSuggested;
  }

  /** Ends this run in the middle of the current step; the next resumes it at `resume`. */
  continueAt(resume?: CycleResumePoint): StepOutcome {
    this.next = { stepIndex: this.stepIndex, resume };
    return 'continueAsNew';
  }

  /** Records the step and status in progress, search attributes and Mongo. */
  async publish(step: CycleStep, stepStatus: StepStatus, status: CycleStatus = this.state.progress.status) {
    const { progress } = this.state;
    progress.currentStep = step;
    progress.status = status;
    const entry = this.state.stepEntry(step);
    if (entry) entry.status = stepStatus;
    upsertSearchAttributes(cycleSearchAttributes(this.input.fiscalYear, this.input.orgId, step, status));
    await cycleActivities.saveCycleProgress(this.state.snapshot());
  }

  /** A company-scoped step computed once: it counts as one unit done, then goes to its approval. */
  async approveCompanyStep(step: CycleStepTemplate, result: CycleStepResult): Promise<StepOutcome> {
    const entry = this.state.stepEntry(step.step);
    if (entry) entry.unitsDone = 1;
    return this.approve(step, result.facts, result.amountMinor);
  }

  /** The step's company-scoped approval (a child workflow); done at once when it has none. */
  async approve(step: CycleStepTemplate, facts: ApprovalFacts, amountMinor?: number): Promise<StepOutcome> {
    if (!step.approval) return 'done';
    const { orgId, fiscalYear } = this.input;
    const subjectId = `${this.cycleId}-${step.step}`;
    await this.publish(step.step, 'waitingForApproval', 'waitingForApproval');
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
            orgUnitId: this.root.id,
            amountMinor,
            facts,
            routing: step.approval.routing,
          },
          levelDeadlineMs: step.approval.levelDeadlineMs,
          reminderEveryMs: step.approval.reminderEveryMs,
          resubmitDeadlineMs: step.approval.resubmitDeadlineMs,
          notifyWorkflowId: this.cycleId,
        },
      ],
    });
    return outcome.status === 'approved' ? 'done' : 'halted';
  }
}
