import type { AnnualCycleInput, ApprovalStatus, CycleProgress, UnitProgress } from '@opscycle/domain';

/** Where a step stopped when a run continued as new in its middle: the next run resumes it there. */
export type CycleResumePoint = 'signOffs' | 'acknowledgments' | 'reviews';

/** What one run of the cycle hands to the next when it continues as new (recorded in histories: keep it stable). */
export interface AnnualCycleCarry {
  /** The step to run (or resume) first. */
  stepIndex: number;
  resume?: CycleResumePoint;
  progress: CycleProgress;
  units: UnitProgress[];
  signOffs: { approvalId: string; status: ApprovalStatus; orgUnitId: string }[];
  closedPeriods: string[];
  acknowledgment?: { repIds: string[]; acknowledgedIds: string[]; deadlineAt: string };
  /** Runs of this cycle before this one. */
  runs: number;
}

export type AnnualCycleWorkflowInput = AnnualCycleInput & { carry?: AnnualCycleCarry };
