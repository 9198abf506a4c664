import { MISSING_ACKNOWLEDGMENTS_SHOWN } from '@opscycle/domain';
import type {
  ApprovalStatus,
  CycleProgress,
  CycleStep,
  CycleStepTemplate,
  CycleTemplate,
  PendingApproval,
  UnitProgress,
} from '@opscycle/domain';
import { approvalIdFor } from '../messages';
import type { AnnualCycleCarry, CycleResumePoint } from './carry';

export const FINAL_STATUSES: readonly ApprovalStatus[] = ['approved', 'closedRejected', 'expired'];

/** The unit sign-offs a unit-scoped step with an approval waits for. */
export function signOffIdsOf(cycleId: string, unitIds: readonly string[], step: CycleStepTemplate): string[] {
  const { approval } = step;
  return approval
    ? unitIds.map((unitId) => approvalIdFor(approval.subjectKind, `${cycleId}-${step.step}-${unitId}`))
    : [];
}

/**
 * What the cycle knows, as its handlers and steps change it: progress, per-unit status, sign-offs,
 * closed periods and acknowledgments. It starts from the carry of the previous run, if any, and
 * hands its own carry to the next.
 */
export class CycleState {
  readonly progress: CycleProgress;
  readonly units: Map<string, UnitProgress>;
  readonly closedPeriods: Set<string>;
  /** Status of every unit sign-off the cycle has heard of, by approval id. */
  readonly signOffs: Map<string, { status: ApprovalStatus; orgUnitId: string }>;
  /** The sign-offs the current step waits for. */
  awaitedSignOffs: Set<string>;
  /** Incentive publication: the reps asked to acknowledge and until when they may. */
  acknowledgment: { reps: Set<string>; deadlineAt: string } | undefined;
  readonly acknowledged: Set<string>;
  acknowledgedReps: number;

  constructor(init: {
    cycleId: string;
    fiscalYear: number;
    orgId: string;
    template: CycleTemplate;
    unitIds: readonly string[];
    carry: AnnualCycleCarry | undefined;
  }) {
    const { cycleId, template, unitIds, carry } = init;
    this.progress = carry?.progress ?? {
      cycleId,
      fiscalYear: init.fiscalYear,
      orgId: init.orgId,
      status: 'running',
      currentStep: template.steps[0]?.step ?? 'strategyAnalysis',
      steps: template.steps.map((s) => ({
        step: s.step,
        status: 'pending',
        unitsDone: 0,
        unitsTotal: s.scope === 'unit' ? unitIds.length : 1,
      })),
      units: [],
      pendingApprovals: [],
      reviewedPeriods: [],
    };
    this.units = new Map(carry?.units.map((u) => [u.orgUnitId, u]) ?? []);
    this.closedPeriods = new Set(carry?.closedPeriods ?? []);
    this.signOffs = new Map(carry?.signOffs.map(({ approvalId, ...rest }) => [approvalId, rest]) ?? []);
    const resumedStep = carry?.resume === 'signOffs' ? template.steps[carry.stepIndex] : undefined;
    // Known before any handler runs: a sign-off may reach a resumed run before its step code does.
    this.awaitedSignOffs = new Set(resumedStep ? signOffIdsOf(cycleId, unitIds, resumedStep) : []);
    this.acknowledgment = carry?.acknowledgment
      ? { reps: new Set(carry.acknowledgment.repIds), deadlineAt: carry.acknowledgment.deadlineAt }
      : undefined;
    this.acknowledged = new Set(carry?.acknowledgment?.acknowledgedIds ?? []);
    this.acknowledgedReps = this.acknowledgedCount();
  }

  stepEntry(step: CycleStep) {
    return this.progress.steps.find((s) => s.step === step);
  }

  snapshot(): CycleProgress {
    return {
      ...this.progress,
      units: [...this.units.values()],
      acknowledgments: this.acknowledgmentProgress(),
    };
  }

  /** Fan-out children report their units; a unit counts once per step. */
  recordUnitProgress(changes: UnitProgress[]): void {
    for (const change of changes) {
      const before = this.units.get(change.orgUnitId);
      this.units.set(change.orgUnitId, change);
      const step = this.stepEntry(change.step);
      if (step && change.status === 'done' && !(before?.step === change.step && before.status === 'done'))
        step.unitsDone++;
    }
  }

  recordApproval(approval: PendingApproval & { final: boolean; status: ApprovalStatus }): void {
    const { final, status, ...pending } = approval;
    const { progress } = this;
    progress.pendingApprovals = progress.pendingApprovals.filter((a) => a.approvalId !== pending.approvalId);
    if (!final) progress.pendingApprovals.push(pending);
    this.signOffs.set(pending.approvalId, { status, orgUnitId: pending.orgUnitId });
    if (final && this.awaitedSignOffs.has(pending.approvalId)) {
      const step = progress.currentStep;
      this.units.set(pending.orgUnitId, {
        orgUnitId: pending.orgUnitId,
        step,
        status: status === 'approved' ? 'done' : 'halted',
      });
      const entry = this.stepEntry(step);
      if (entry && status === 'approved') entry.unitsDone++;
    }
  }

  /** A repeat is a no-op: acknowledgments are a set. */
  recordAcknowledgment(personId: string): void {
    if (this.acknowledged.has(personId)) return;
    this.acknowledged.add(personId);
    if (this.acknowledgment?.reps.has(personId)) {
      this.acknowledgedReps++;
      const entry = this.stepEntry('incentivePublication');
      if (entry) entry.unitsDone = this.acknowledgedReps;
    }
  }

  /** The plans are published: these reps acknowledge until `deadlineAt`, some may have already. */
  awaitAcknowledgments(published: { repIds: string[]; acknowledgedIds: string[] }, deadlineAt: string): void {
    for (const id of published.acknowledgedIds) this.acknowledged.add(id);
    this.acknowledgment = { reps: new Set(published.repIds), deadlineAt };
    this.acknowledgedReps = this.acknowledgedCount();
    const entry = this.stepEntry('incentivePublication');
    if (entry) {
      entry.unitsTotal = this.acknowledgment.reps.size;
      entry.unitsDone = this.acknowledgedReps;
    }
  }

  allAcknowledged(): boolean {
    return this.acknowledgment !== undefined && this.acknowledgedReps >= this.acknowledgment.reps.size;
  }

  acknowledgmentProgress(): CycleProgress['acknowledgments'] {
    const { acknowledgment } = this;
    if (!acknowledgment) return this.progress.acknowledgments;
    const missing: string[] = [];
    for (const id of acknowledgment.reps) if (!this.acknowledged.has(id)) missing.push(id);
    return {
      acknowledged: this.acknowledgedReps,
      total: acknowledgment.reps.size,
      missing: missing.sort().slice(0, MISSING_ACKNOWLEDGMENTS_SHOWN),
      deadlineAt: acknowledgment.deadlineAt,
    };
  }

  /** What the next run starts from when this one continues as new at `next`. */
  carry(next: { stepIndex: number; resume?: CycleResumePoint }, runsBefore: number): AnnualCycleCarry {
    const { acknowledgment } = this;
    return {
      ...next,
      progress: { ...this.progress, units: [], acknowledgments: this.acknowledgmentProgress() },
      units: [...this.units.values()],
      // Final sign-offs of finished steps are history; the ones still open may report later.
      signOffs: [...this.signOffs]
        .filter(([id, s]) => this.awaitedSignOffs.has(id) || !FINAL_STATUSES.includes(s.status))
        .map(([approvalId, s]) => ({ approvalId, ...s })),
      closedPeriods: [...this.closedPeriods],
      acknowledgment: acknowledgment && {
        repIds: [...acknowledgment.reps],
        acknowledgedIds: [...this.acknowledged].filter((id) => acknowledgment.reps.has(id)),
        deadlineAt: acknowledgment.deadlineAt,
      },
      runs: runsBefore + 1,
    };
  }

  private acknowledgedCount(): number {
    const { acknowledgment } = this;
    return acknowledgment ? [...acknowledgment.reps].filter((id) => this.acknowledged.has(id)).length : 0;
  }
}
