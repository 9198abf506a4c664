import { condition } from '@temporalio/workflow';
import { cycleActivities } from '../activities';
import type { RunStep } from '../run';

/**
 * Pins the incentive rule-set version to every rep's plan, then waits until every rep has
 * acknowledged or the acknowledgment deadline passes (the reps still missing stay listed).
 */
export const runPlanPublication: RunStep = async (run, step, resume) => {
  const { state, template } = run;
  if (resume !== 'acknowledgments') {
    const published = await cycleActivities.publishIncentivePlans({
      ...run.cycleKey,
      orgUnitIds: run.unitIds,
      incentivePlanId: template.payout.planId,
      incentiveRuleSet: template.payout.incentiveRuleSet,
      currency: template.payout.currency,
      publishedBy: step.ownerId,
      at: new Date(Date.now()).toISOString(),
    });
    const deadlineMs = template.acknowledgmentDeadlineMs ?? step.deadlineMs;
    state.awaitAcknowledgments(published, new Date(Date.now() + deadlineMs).toISOString());
    await run.publish(step.step, 'running', 'running');
  }
  const remainingMs = Date.parse(state.acknowledgment?.deadlineAt ?? '') - Date.now();
  if (!state.allAcknowledged() && remainingMs > 0) {
    const stopped = await condition(
      () => state.allAcknowledged() || run.continueAsNewSuggested(),
      remainingMs,
    );
    if (stopped && !state.allAcknowledged()) return run.continueAt('acknowledgments');
  }
  state.progress.acknowledgments = state.acknowledgmentProgress();
  return run.approve(step, {
    acknowledged: state.acknowledgedReps,
    reps: state.acknowledgment?.reps.size ?? 0,
  });
};
