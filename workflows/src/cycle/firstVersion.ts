import type { CycleVersion } from './version';

/**
 * Runs started before this patch replay the first version: one run for the year, fan-outs in the
 * org's order, no step deadlines recorded, incentive publication and year close only recorded
 * (runCycleStep, like a planning step). Delete this file and its branch with the FY2027 cycles.
 */
export const ANNUAL_CYCLE_CONTINUE_AS_NEW_PATCH = 'annualCycle-continue-as-new-2026-11';

export const FIRST_CYCLE_VERSION: CycleVersion = {
  topUnitFirst: false,
  continuesAsNew: false,
  recordsDeadlines: false,
  runnerOf: (step) => (step === 'performanceReview' ? 'periodReviews' : 'planning'),
};
