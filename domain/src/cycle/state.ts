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
    }),
  ),
  units: z.array(UnitProgress),
  pendingApprovals: z.array(PendingApproval),
  reviewedPeriods: z.array(z.string()),
  haltedReason: z.string().optional(),
});
export type CycleProgress = z.infer<typeof CycleProgress>;
