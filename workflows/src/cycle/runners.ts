import type { StepRunner } from '@opscycle/domain';
import type { RunStep } from './run';
import { runPeriodReviews } from './steps/periodReviews';
import { runPlanPublication } from './steps/planPublication';
import { runPlanningStep } from './steps/planning';
import { runYearClose } from './steps/yearClose';

/** The code of each runner STEP_KINDS names: a new runner does not compile until it has one. */
export const STEP_RUNNER_CODE = {
  planning: runPlanningStep,
  planPublication: runPlanPublication,
  periodReviews: runPeriodReviews,
  yearClose: runYearClose,
} satisfies Record<StepRunner, RunStep>;
