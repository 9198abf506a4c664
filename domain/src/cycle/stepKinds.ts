import type { CycleStep, StepScope } from './template';

/**
 * How the annual cycle runs a step: the workflow keeps one runner per entry, so a step's behaviour
 * is looked up here instead of being picked by its name in the workflow.
 * - `planning`: the step's computation (`runCycleStep`) once for the company, then its approval; or
 *   fanned out over the org units, each unit signing off.
 * - `planPublication`: pins the incentive rule set to every rep's plan, waits for acknowledgments.
 * - `periodReviews`: each review period's review, then its payout run (approved as `payout.approval`).
 * - `yearClose`: stores each unit's year summary and locks the year's plans.
 */
export const STEP_RUNNERS = ['planning', 'planPublication', 'periodReviews', 'yearClose'] as const;
export type StepRunner = (typeof STEP_RUNNERS)[number];

export interface StepKind {
  /** The scopes the runner honours; a template asking for another is refused. */
  scopes: readonly StepScope[];
  /** Whether the step may carry an approval of its own (a runner that ignores it refuses one). */
  approval: boolean;
  runner: StepRunner;
}

export const STEP_KINDS = {
  strategyAnalysis: { scopes: ['company', 'unit'], approval: true, runner: 'planning' },
  targetSetting: { scopes: ['company', 'unit'], approval: true, runner: 'planning' },
  staffing: { scopes: ['company', 'unit'], approval: true, runner: 'planning' },
  budgetApproval: { scopes: ['company', 'unit'], approval: true, runner: 'planning' },
  incentivePublication: { scopes: ['company'], approval: true, runner: 'planPublication' },
  // Each period's payout run is approved as the template's `payout.approval`, not as the step's.
  performanceReview: { scopes: ['company'], approval: false, runner: 'periodReviews' },
  yearClose: { scopes: ['company'], approval: true, runner: 'yearClose' },
} as const satisfies Record<CycleStep, StepKind>;

export const CYCLE_TEMPLATE_ERROR_CODES = {
  scopeNotHonoured: 'CYCLE_STEP_SCOPE_UNSUPPORTED',
  approvalNotHonoured: 'CYCLE_STEP_APPROVAL_UNSUPPORTED',
  duplicateStep: 'CYCLE_STEP_DUPLICATE',
  stepOrder: 'CYCLE_STEP_ORDER',
} as const;
export type CycleTemplateErrorCode =
  (typeof CYCLE_TEMPLATE_ERROR_CODES)[keyof typeof CYCLE_TEMPLATE_ERROR_CODES];

/** A reason a template's step cannot run as written, or undefined when its runner honours it. */
export function stepKindProblem(step: {
  step: CycleStep;
  scope: StepScope;
  approval?: unknown;
}): { code: CycleTemplateErrorCode; field: 'scope' | 'approval'; message: string } | undefined {
  const kind: StepKind = STEP_KINDS[step.step];
  if (!kind.scopes.includes(step.scope))
    return {
      code: CYCLE_TEMPLATE_ERROR_CODES.scopeNotHonoured,
      field: 'scope',
      message: `step ${step.step} runs for ${kind.scopes.join(' or ')} only, not scope ${step.scope}`,
    };
  if (step.approval !== undefined && !kind.approval)
    return {
      code: CYCLE_TEMPLATE_ERROR_CODES.approvalNotHonoured,
      field: 'approval',
      message: `step ${step.step} takes no approval of its own`,
    };
  return undefined;
}
