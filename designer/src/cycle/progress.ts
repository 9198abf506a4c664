import { CYCLE_STEPS, type CycleStep, type CycleView } from '@opscycle/domain';

/** Badge tone per step or unit status. */
export const TONE = {
  done: 'ok',
  running: '',
  waitingForApproval: 'warn',
  late: 'bad',
  halted: 'bad',
  pending: '',
} as const;

/**
 * Which cycle step a pending approval belongs to: the cycle names its sign-offs
 * `<kind>-<cycleId>-<step>[-<unit>]`; other approvals go by their subject.
 */
export function stepOfApproval(cycleId: string, approval: CycleView['pendingApprovals'][number]): CycleStep {
  const prefix = `${approval.subjectKind}-${cycleId}-`;
  const named = approval.approvalId.startsWith(prefix)
    ? CYCLE_STEPS.find((step) => approval.approvalId.slice(prefix.length).split('-')[0] === step)
    : undefined;
  return named ?? stepOfSubject(approval.subjectKind);
}

function stepOfSubject(kind: CycleView['pendingApprovals'][number]['subjectKind']): CycleStep {
  const map = {
    quota: 'targetSetting',
    staffing: 'staffing',
    budget: 'budgetApproval',
    plan: 'incentivePublication',
    payout: 'performanceReview',
    inquiry: 'performanceReview',
  } as const satisfies Record<typeof kind, CycleStep>;
  return map[kind];
}

/**
 * Whether a step has stored its result: it is done or past, waits on its sign-offs (its work ran),
 * or a unit got beyond running it (the top unit computes the org's result first). Asking earlier
 * would only earn a 404.
 */
export function hasResult(cycle: CycleView, step: CycleStep): boolean {
  const entry = cycle.steps.find((s) => s.step === step);
  if (!entry || entry.status === 'pending') return false;
  if (CYCLE_STEPS.indexOf(cycle.currentStep) > CYCLE_STEPS.indexOf(step)) return true;
  if (entry.status === 'done' || entry.status === 'waitingForApproval' || entry.unitsDone > 0) return true;
  return cycle.units.some((u) => u.step === step && u.status !== 'running');
}

/** The units the user sees at the top of the tree: those whose parent is not in the view. */
export function topUnits(cycle: CycleView): CycleView['orgUnits'] {
  const ids = new Set(cycle.orgUnits.map((u) => u.id));
  return cycle.orgUnits.filter((u) => u.parentId === null || !ids.has(u.parentId));
}

/** The names of whom each unit's pending approvals wait on (or all units' with no unit). */
export function waitingOn(cycle: CycleView) {
  const names = new Map((cycle.approvers ?? []).map((a) => [a.id, a.name ?? a.id]));
  return (filter: { step?: CycleStep; unit?: string }) =>
    cycle.pendingApprovals
      .filter(
        (p) =>
          (filter.unit === undefined || p.orgUnitId === filter.unit) &&
          (filter.step === undefined || stepOfApproval(cycle.cycleId, p) === filter.step),
      )
      .flatMap((p) => p.assigneeIds.map((id) => names.get(id) ?? id));
}

/** A month's short name in the user's language (0 = January). */
export const monthName = (month: number, language: string) =>
  new Date(2000, month, 1).toLocaleString(language, { month: 'short' });
