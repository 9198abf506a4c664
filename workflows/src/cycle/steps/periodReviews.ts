import { condition, executeChild } from '@temporalio/workflow';
import { payoutRunWorkflowId } from '../../messages';
import { payoutRunWorkflow } from '../../payoutRun.workflow';
import { cycleActivities } from '../activities';
import type { RunStep } from '../run';

/** Each period closes on request or after `periodLengthMs`, is reviewed, then paid out. */
export const runPeriodReviews: RunStep = async (run, step) => {
  const { state, template } = run;
  const { progress } = state;
  const entry = state.stepEntry(step.step);
  if (entry) entry.unitsTotal = template.reviewPeriods.length;
  for (const period of template.reviewPeriods) {
    if (progress.reviewedPeriods.includes(period)) continue; // reviewed by an earlier run
    await condition(() => state.closedPeriods.has(period), template.periodLengthMs);
    await cycleActivities.runCycleStep({ ...run.cycleKey, step: step.step, orgUnitId: run.root.id, period });
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
          orgUnitId: run.root.id,
          approval: template.payout.approval,
          notifyWorkflowId: run.cycleId,
        },
      ],
    });
    progress.reviewedPeriods.push(period);
    if (entry) entry.unitsDone++;
    if (payout.status !== 'exported') {
      progress.haltedReason = `payout ${payout.runId} was ${payout.status}`;
      return 'halted';
    }
    await run.publish(step.step, 'running', 'running');
    const more = template.reviewPeriods.some((p) => !progress.reviewedPeriods.includes(p));
    if (more && run.continueAsNewSuggested()) return run.continueAt('reviews');
  }
  return 'done';
};
