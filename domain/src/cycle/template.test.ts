import { describe, expect, it } from 'vitest';
import {
  CYCLE_STEPS,
  CycleTemplate,
  type CycleStep,
  type CycleStepTemplate,
  type StepScope,
} from './template';
import { CYCLE_TEMPLATE_ERROR_CODES, STEP_KINDS, type StepKind } from './stepKinds';

const approval = {
  subjectKind: 'quota' as const,
  routing: { kind: 'roles' as const, roles: ['manager' as const] },
  levelDeadlineMs: 60_000,
  resubmitDeadlineMs: 60_000,
};

function aStep(step: CycleStep, scope: StepScope = 'company', extra: Partial<CycleStepTemplate> = {}) {
  return { step, scope, ownerId: 'ops', ownerRole: 'opsAdmin' as const, deadlineMs: 60_000, ...extra };
}

function aTemplate(steps: ReturnType<typeof aStep>[]) {
  return {
    id: 'standard',
    name: 'Standard annual cycle',
    steps,
    reviewPeriods: ['2027-Q1'],
    periodLengthMs: 60_000,
    payout: {
      planId: 'plan',
      incentiveRuleSet: { ruleSetId: 'incentive', version: 1 },
      partitionCount: 1,
      approval: { ...approval, subjectKind: 'payout' as const },
      currency: 'CNY',
    },
  };
}

/** The issues a template is refused with, as the API reports them: path, domain code, step. */
function refusals(steps: ReturnType<typeof aStep>[]) {
  const result = CycleTemplate.safeParse(aTemplate(steps));
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    path: issue.path.join('.'),
    ...(issue.code === 'custom' ? (issue.params as { code: string; step: string }) : {}),
  }));
}

describe('CycleTemplate and the step kinds', () => {
  it('accepts the standard cycle: planning steps per unit with sign-offs, the rest for the company', () => {
    const steps = [
      aStep('strategyAnalysis'),
      aStep('targetSetting', 'unit', { approval }),
      aStep('staffing', 'unit'),
      aStep('budgetApproval', 'company', { approval: { ...approval, subjectKind: 'budget' } }),
      aStep('incentivePublication', 'company', { approval: { ...approval, subjectKind: 'plan' } }),
      aStep('performanceReview'),
      aStep('yearClose', 'company', { approval }),
    ];
    expect(refusals(steps)).toEqual([]);
  });

  it('refuses a year close for each unit, naming the step and the field', () => {
    expect(refusals([aStep('strategyAnalysis'), aStep('yearClose', 'unit')])).toEqual([
      { path: 'steps.1.scope', code: CYCLE_TEMPLATE_ERROR_CODES.scopeNotHonoured, step: 'yearClose' },
    ]);
  });

  it('refuses every step kind whose runner runs for the company only when it is given unit scope', () => {
    const companyOnly = CYCLE_STEPS.filter((s) => {
      const kind: StepKind = STEP_KINDS[s];
      return !kind.scopes.includes('unit');
    });
    expect(companyOnly).toEqual(['incentivePublication', 'performanceReview', 'yearClose']);
    for (const step of companyOnly)
      expect(refusals([aStep(step, 'unit')])).toEqual([
        { path: 'steps.0.scope', code: 'CYCLE_STEP_SCOPE_UNSUPPORTED', step },
      ]);
  });

  it('refuses an approval on performance review (its payouts are approved as payout.approval)', () => {
    expect(refusals([aStep('performanceReview', 'company', { approval })])).toEqual([
      { path: 'steps.0.approval', code: 'CYCLE_STEP_APPROVAL_UNSUPPORTED', step: 'performanceReview' },
    ]);
  });

  it('refuses a step twice and steps out of order, with their codes', () => {
    expect(refusals([aStep('staffing'), aStep('staffing'), aStep('targetSetting')])).toEqual([
      { path: 'steps.1.step', code: 'CYCLE_STEP_DUPLICATE', step: 'staffing' },
      { path: 'steps.2.step', code: 'CYCLE_STEP_ORDER', step: 'targetSetting' },
    ]);
  });
});
