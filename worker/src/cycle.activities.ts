import type mongoose from 'mongoose';
import type { CycleStep } from '@opscycle/domain';
import { recordCycleStepRun, saveCycleProgress } from '@opscycle/storage';
import type { CycleActivities, CycleStepInput, CycleStepResult } from '@opscycle/workflows/activityContracts';
import { publishIncentivePlans } from './incentivePublication';
import { closeYear } from './yearClose';

/** The computation of one step for one unit (planning activities: strategy, decomposition, staffing...). */
export type CycleStepRunner = (input: CycleStepInput) => Promise<CycleStepResult>;

/**
 * `runners` names the computation of every step; a new step does not compile until it has one.
 * Each run is recorded per (cycle, step, unit, period), so a retried activity replaces its record.
 */
export function createCycleActivities(deps: {
  connection: mongoose.Connection;
  runners: Record<CycleStep, CycleStepRunner>;
}): CycleActivities {
  const { connection, runners } = deps;
  return {
    async runCycleStep(input) {
      const result = await runners[input.step](input);
      await recordCycleStepRun(connection, {
        cycleId: input.cycleId,
        step: input.step,
        orgUnitId: input.orgUnitId,
        period: input.period ?? null,
        summary: result.summary,
        facts: result.facts,
        amountMinor: result.amountMinor ?? null,
      });
      return result;
    },
    async saveCycleProgress(progress) {
      await saveCycleProgress(connection, progress);
    },
    publishIncentivePlans: (input) => publishIncentivePlans(connection, input),
    closeYear: (input) => closeYear(connection, input),
  };
}
