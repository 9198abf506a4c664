import { cycleActivities } from '../activities';
import type { RunStep } from '../run';

/** Stores each unit's year summary along the org the cycle pinned, then the step's approval. */
export const runYearClose: RunStep = async (run, step) => {
  const { template } = run;
  const result = await cycleActivities.closeYear({
    ...run.cycleKey,
    orgUnits: run.input.orgUnits,
    incentivePlanId: template.payout.planId,
    currency: template.payout.currency,
    closedBy: step.ownerId,
    at: new Date(Date.now()).toISOString(),
  });
  return run.approveCompanyStep(step, result);
};
