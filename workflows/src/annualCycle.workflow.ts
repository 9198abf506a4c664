import { allHandlersFinished, condition, makeContinueAsNewFunc, patched } from '@temporalio/workflow';
import type { CycleProgress } from '@opscycle/domain';
import { cycleSearchAttributes } from './messages';
import type { AnnualCycleWorkflowInput } from './cycle/carry';
import { ANNUAL_CYCLE_CONTINUE_AS_NEW_PATCH, FIRST_CYCLE_VERSION } from './cycle/firstVersion';
import { withStepDeadline } from './cycle/deadline';
import { registerCycleHandlers } from './cycle/handlers';
import { CycleRun } from './cycle/run';
import { STEP_RUNNER_CODE } from './cycle/runners';
import { CURRENT_CYCLE_VERSION } from './cycle/version';

export type { AnnualCycleCarry, AnnualCycleWorkflowInput, CycleResumePoint } from './cycle/carry';
export { ANNUAL_CYCLE_CONTINUE_AS_NEW_PATCH } from './cycle/firstVersion';

/**
 * One fiscal year of one organisation: the template's steps in order, each run by the runner its
 * kind names (STEP_KINDS in the domain); performance reviews per period, each followed by its
 * payout run. Queries show the step, per-unit progress and pending approvals; search attributes
 * keep the cycle listable by FiscalYear, OrgUnit, CycleStep and CycleStatus.
 *
 * Each step runs in its own run (continue-as-new at every step boundary), and a run waiting on
 * sign-offs, acknowledgments or review periods continues as new when Temporal suggests it, so 500
 * units signing off or 5,000 reps acknowledging never fill one history. Everything that reaches the
 * cycle (approvals, fan-outs, the API) signals its workflow id, so it reaches the current run.
 */
export async function annualCycleWorkflow(input: AnnualCycleWorkflowInput): Promise<CycleProgress> {
  const version = patched(ANNUAL_CYCLE_CONTINUE_AS_NEW_PATCH) ? CURRENT_CYCLE_VERSION : FIRST_CYCLE_VERSION;
  const run = new CycleRun(input, version);
  const { state, template } = run;
  registerCycleHandlers(state, template, run.cycleId);

  let resume = input.carry?.resume;
  for (; run.stepIndex < template.steps.length; run.stepIndex++) {
    const step = template.steps[run.stepIndex]!;
    const entry = state.stepEntry(step.step);
    if (!resume) {
      if (version.recordsDeadlines && entry)
        entry.deadlineAt = new Date(Date.now() + step.deadlineMs).toISOString();
      await run.publish(step.step, 'running', 'running');
    }
    const runStep = STEP_RUNNER_CODE[version.runnerOf(step.step)];
    const outcome = await withStepDeadline(entry, step.deadlineMs, () => runStep(run, step, resume));
    resume = undefined;
    if (outcome === 'continueAsNew') break;
    if (outcome === 'halted') {
      state.progress.haltedReason ??= `${step.step} was not approved`;
      await run.publish(step.step, 'halted', 'halted');
      break;
    }
    await run.publish(step.step, 'done', 'running');
    // Every step starts a fresh history; the work of the year is spread over seven short runs.
    if (version.continuesAsNew && run.stepIndex + 1 < template.steps.length) {
      run.next = { stepIndex: run.stepIndex + 1 };
      break;
    }
  }
  if (run.next) {
    await condition(allHandlersFinished);
    const continueAsNew = makeContinueAsNewFunc<typeof annualCycleWorkflow>({
      typedSearchAttributes: cycleSearchAttributes(
        input.fiscalYear,
        input.orgId,
        state.progress.currentStep,
        state.progress.status,
      ),
    });
    return continueAsNew({ ...input, carry: state.carry(run.next, input.carry?.runs ?? 0) });
  }
  if (state.progress.status !== 'halted') await run.publish(state.progress.currentStep, 'done', 'completed');
  await condition(allHandlersFinished);
  return state.snapshot();
}
