import { STEP_KINDS, type CycleStep, type StepRunner } from '@opscycle/domain';

/**
 * What differs between versions of the cycle. The workflow picks one with a single `patched()` at
 * the top of each run, so the old behaviour lives in one object (firstVersion.ts) and retiring it
 * is deleting that file and its branch.
 */
export interface CycleVersion {
  /** Fan-outs list the top unit first: it runs alone and computes the org's result once. */
  topUnitFirst: boolean;
  /** Continue as new at every step boundary, and mid-step when Temporal suggests it. */
  continuesAsNew: boolean;
  /** Record each step's `deadlineAt` in progress when it starts. */
  recordsDeadlines: boolean;
  runnerOf(step: CycleStep): StepRunner;
}

export const CURRENT_CYCLE_VERSION: CycleVersion = {
  topUnitFirst: true,
  continuesAsNew: true,
  recordsDeadlines: true,
  runnerOf: (step) => STEP_KINDS[step].runner,
};
