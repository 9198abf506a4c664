import { z } from 'zod';
import { Id, OrgUnit, Role } from '../org';
import { CYCLE_TEMPLATE_ERROR_CODES, stepKindProblem, type CycleTemplateErrorCode } from './stepKinds';

/** The annual operating cycle's steps, in the order the articles run them (年度运营计划). */
export const CYCLE_STEPS = [
  'strategyAnalysis',
  'targetSetting',
  'staffing',
  'budgetApproval',
  'incentivePublication',
  'performanceReview',
  'yearClose',
] as const;
export const CycleStep = z.enum(CYCLE_STEPS);
export type CycleStep = z.infer<typeof CycleStep>;

/** What a step is run for: the whole organisation once, or every org unit (a fan-out of child workflows). */
export const STEP_SCOPES = ['company', 'unit'] as const;
export const StepScope = z.enum(STEP_SCOPES);
export type StepScope = z.infer<typeof StepScope>;

/** A published rule set pinned by id and version: what workflows hold instead of rules. */
export const PinnedRuleSet = z.object({ ruleSetId: Id, version: z.number().int().positive() });
export type PinnedRuleSet = z.infer<typeof PinnedRuleSet>;

/** Durations travel as milliseconds so tests can run a cycle in seconds. */
export const DurationMs = z.number().int().positive();

export const APPROVAL_SUBJECT_KINDS = ['quota', 'staffing', 'budget', 'plan', 'payout', 'inquiry'] as const;
export const ApprovalSubjectKind = z.enum(APPROVAL_SUBJECT_KINDS);
export type ApprovalSubjectKind = z.infer<typeof ApprovalSubjectKind>;

/**
 * Where an approval chain comes from: an `approvalRouting` rule set evaluated by an activity, or a
 * fixed list of roles (a payout run always goes to finance, whatever the routing rules say).
 */
export const ApprovalRouting = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ruleSet'), ruleSet: PinnedRuleSet }),
  /** Each role's approver is its holder in the request's unit or the nearest unit above it. */
  z.object({ kind: z.literal('roles'), roles: z.array(Role).min(1) }),
]);
export type ApprovalRouting = z.infer<typeof ApprovalRouting>;

export const StepApproval = z.object({
  subjectKind: ApprovalSubjectKind,
  routing: ApprovalRouting,
  /** Time each level of the chain has before the request escalates to the next level. */
  levelDeadlineMs: DurationMs,
  /** Reminders to the current approvers while a level waits; omitted = no reminders. */
  reminderEveryMs: DurationMs.optional(),
  /** How long a rejected or returned request waits for its resubmission before it closes. */
  resubmitDeadlineMs: DurationMs,
});
export type StepApproval = z.infer<typeof StepApproval>;

export const CycleStepTemplate = z.object({
  step: CycleStep,
  scope: StepScope,
  /** The accountable owner: who submits the step's approval requests. */
  ownerId: Id,
  ownerRole: Role,
  /** Time the step's work (activities, approvals) has before the cycle records it as late. */
  deadlineMs: DurationMs,
  approval: StepApproval.optional(),
});
export type CycleStepTemplate = z.infer<typeof CycleStepTemplate>;

export const ReviewPeriod = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, 'a period such as 2027-03 or 2027-Q1');

export const CycleTemplate = z
  .object({
    id: Id,
    name: z.string().min(1),
    steps: z.array(CycleStepTemplate).min(1),
    /** Performance reviews run per period; each closed period starts a payout run. */
    reviewPeriods: z.array(ReviewPeriod).min(1),
    /** How long a review period stays open before it is reviewed without an explicit close. */
    periodLengthMs: DurationMs,
    /**
     * How long reps have to acknowledge their plans after incentive publication; omitted = the
     * incentivePublication step's deadlineMs.
     */
    acknowledgmentDeadlineMs: DurationMs.optional(),
    /** Child workflows running at once during a fan-out over org units. */
    fanOutWindow: z.number().int().min(1).max(1000).default(50),
    payout: z.object({
      planId: Id,
      incentiveRuleSet: PinnedRuleSet,
      partitionCount: z.number().int().min(1).max(256),
      approval: StepApproval,
      currency: z.string().regex(/^[A-Z]{3}$/),
    }),
  })
  .superRefine((template, ctx) => {
    // Each issue carries its domain code (params.code): the API answers with it, naming the step.
    const refuse = (index: number, field: string, code: CycleTemplateErrorCode, message: string) =>
      ctx.addIssue({
        code: 'custom',
        path: ['steps', index, field],
        message,
        params: { code, step: template.steps[index]?.step },
      });
    const seen = new Set<string>();
    template.steps.forEach((s, index) => {
      if (seen.has(s.step))
        refuse(index, 'step', CYCLE_TEMPLATE_ERROR_CODES.duplicateStep, `step ${s.step} appears twice`);
      seen.add(s.step);
      const problem = stepKindProblem(s);
      if (problem) refuse(index, problem.field, problem.code, problem.message);
    });
    const order = template.steps.map((s) => CYCLE_STEPS.indexOf(s.step));
    order.forEach((position, index) => {
      const previous = order[index - 1];
      if (previous !== undefined && position < previous)
        refuse(
          index,
          'step',
          CYCLE_TEMPLATE_ERROR_CODES.stepOrder,
          `step ${template.steps[index]?.step} must come before ${template.steps[index - 1]?.step}`,
        );
    });
  });
export type CycleTemplate = z.infer<typeof CycleTemplate>;

/** What starting a cycle needs: the org as it stands at start (the cycle pins it, like rule versions). */
export const AnnualCycleInput = z.object({
  fiscalYear: z.number().int().min(2000).max(2100),
  orgId: Id,
  startedBy: Id,
  template: CycleTemplate,
  orgUnits: z.array(OrgUnit).min(1),
});
export type AnnualCycleInput = z.infer<typeof AnnualCycleInput>;
