import { condition, executeChild } from '@temporalio/workflow';
import { unitFanOutWorkflowId } from '../../messages';
import { unitFanOutWorkflow } from '../../unitFanOut.workflow';
import { cycleActivities } from '../activities';
import type { RunStep } from '../run';
import { FINAL_STATUSES } from '../state';

/** Fan-out children started per run of unitFanOutWorkflow before it continues as new. */
const FAN_OUT_STARTS_PER_RUN = 200;

/**
 * A planning step: computed once for the company and approved as a whole, or fanned out over the
 * units, each unit's sign-off awaited here (the fan-out reports units as they finish).
 */
export const runPlanningStep: RunStep = async (run, step, resume) => {
  const { state, template } = run;
  if (step.scope === 'company') {
    const result = await cycleActivities.runCycleStep({
      ...run.cycleKey,
      step: step.step,
      orgUnitId: run.root.id,
    });
    return run.approveCompanyStep(step, result);
  }
  const signOffIds = run.signOffIdsOf(step);
  state.awaitedSignOffs = new Set(signOffIds);
  const allFinal = () =>
    signOffIds.every((id) => FINAL_STATUSES.includes(state.signOffs.get(id)?.status ?? 'pending'));
  // A run resuming the sign-offs knows the fan-out halted no unit: it only waits when none halted.
  const halted: string[] = [];
  if (resume !== 'signOffs') {
    const result = await executeChild(unitFanOutWorkflow, {
      workflowId: unitFanOutWorkflowId(run.cycleId, step.step),
      args: [
        {
          ...run.cycleKey,
          step: step.step,
          ownerId: step.ownerId,
          ownerRole: step.ownerRole,
          approval: step.approval,
          notifyWorkflowId: run.cycleId,
          unitIds: run.unitIds,
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
    if (resume !== 'signOffs') await run.publish(step.step, 'waitingForApproval', 'waitingForApproval');
    await condition(() => allFinal() || run.continueAsNewSuggested());
    if (!allFinal()) return run.continueAt('signOffs');
    for (const id of signOffIds) {
      const signOff = state.signOffs.get(id);
      if (signOff && signOff.status !== 'approved') halted.push(signOff.orgUnitId);
    }
  }
  if (halted.length > 0) state.progress.haltedReason = `${step.step} halted for ${halted.join(', ')}`;
  return halted.length === 0 ? 'done' : 'halted';
};
