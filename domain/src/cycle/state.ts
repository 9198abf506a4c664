import { z } from 'zod';
import { Id } from '../org';
import { ApprovalSubjectKind, CycleStep } from './template';

/** Values of the CycleStatus search attribute and of a cycle's status in queries. */
export const CYCLE_STATUSES = ['running', 'waitingForApproval', 'completed', 'halted'] as const;
export const CycleStatus = z.enum(CYCLE_STATUSES);
export type CycleStatus = z.infer<typeof CycleStatus>;

export const STEP_STATUSES = ['pending', 'running', 'waitingForApproval', 'done', 'late', 'halted'] as const;
export const StepStatus = z.enum(STEP_STATUSES);
export type StepStatus = z.infer<typeof StepStatus>;

export const UNIT_STEP_STATUSES = ['running', 'waitingForApproval', 'done', 'halted'] as const;
export const UnitStepStatus = z.enum(UNIT_STEP_STATUSES);
export type UnitStepStatus = z.infer<typeof UnitStepStatus>;

export const UnitProgress = z.object({ orgUnitId: Id, step: CycleStep, status: UnitStepStatus });
export type UnitProgress = z.infer<typeof UnitProgress>;

/** An approval the cycle waits on, as the API lists it (decisions go to `workflowId`). */
export const PendingApproval = z.object({
  approvalId: Id,
  workflowId: z.string().min(1),
  subjectKind: ApprovalSubjectKind,
  orgUnitId: Id,
  level: z.number().int().min(0),
  assigneeIds: z.array(Id),
});
export type PendingApproval = z.infer<typeof PendingApproval>;

/** Reps asked to acknowledge their plan at incentive publication, and those still missing. */
export const AcknowledgmentProgress = z.object({
  acknowledged: z.number().int().min(0),
  total: z.number().int().min(0),
  /** The reps still missing, sorted, at most MISSING_ACKNOWLEDGMENTS_SHOWN of them. */
  missing: z.array(Id),
  deadlineAt: z.iso.datetime(),
});
export type AcknowledgmentProgress = z.infer<typeof AcknowledgmentProgress>;
export const MISSING_ACKNOWLEDGMENTS_SHOWN = 100;

/** Someone a pending approval waits on; the name comes from the org directory (null when unknown). */
export const Approver = z.object({ id: Id, name: z.string().nullable() });
export type Approver = z.infer<typeof Approver>;

export const CycleProgress = z.object({
  cycleId: z.string().min(1),
  fiscalYear: z.number().int(),
  orgId: Id,
  status: CycleStatus,
  currentStep: CycleStep,
  steps: z.array(
    z.object({
      step: CycleStep,
      status: StepStatus,
      unitsDone: z.number().int().min(0),
      unitsTotal: z.number().int().min(0),
      /** When the step is due: workflow time at the step's start + its deadlineMs (set once it starts). */
      deadlineAt: z.iso.datetime().optional(),
    }),
  ),
  units: z.array(UnitProgress),
  pendingApprovals: z.array(PendingApproval),
  reviewedPeriods: z.array(z.string()),
  haltedReason: z.string().optional(),
  acknowledgments: AcknowledgmentProgress.optional(),
  /**
   * The current approvers of the pending approvals with their names: the API adds it to the
   * workflow's Query result (the workflow knows ids only, names change outside it).
   */
  approvers: z.array(Approver).optional(),
});
export type CycleProgress = z.infer<typeof CycleProgress>;
