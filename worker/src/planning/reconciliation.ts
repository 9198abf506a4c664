import type { BottomUpSubmission, PlanningNodeKind, QuotaAllocation, Reconciliation } from '@opscycle/domain';
import { planningError } from './errors';

/**
 * Top-down vs bottom-up per unit. A unit of one of `expectedKinds` without a submission is listed
 * as missing. The gap is bottomUp - topDown (negative: the manager commits to less than asked).
 */
export function reconcileTargets(
  allocations: readonly QuotaAllocation[],
  submissions: readonly BottomUpSubmission[],
  expectedKinds: readonly PlanningNodeKind[] = ['region', 'team'],
): Reconciliation {
  const first = allocations[0];
  if (!first) throw planningError('PLANNING_MISSING_STEP', 'no quota allocations to reconcile');
  const byUnit = new Map(allocations.map((a) => [a.unitId, a]));
  const submitted = new Map<string, BottomUpSubmission>();
  for (const s of submissions) {
    if (!byUnit.has(s.unitId))
      throw planningError('PLANNING_UNKNOWN_UNIT', `submission for ${s.unitId}, which has no allocation`, {
        unitId: s.unitId,
      });
    if (s.currency !== first.currency)
      throw planningError(
        'PLANNING_MIXED_CURRENCY',
        `submission for ${s.unitId} is in ${s.currency}, not ${first.currency}`,
      );
    submitted.set(s.unitId, s);
  }
  const childrenOf = new Map<string, string[]>();
  for (const a of allocations)
    if (a.parentId !== null) childrenOf.set(a.parentId, [...(childrenOf.get(a.parentId) ?? []), a.unitId]);

  const lines = allocations
    .filter((a) => expectedKinds.includes(a.unitKind) || submitted.has(a.unitId))
    .map((a) => {
      const bottomUpMinor = submitted.get(a.unitId)?.amountMinor ?? null;
      const kids = childrenOf.get(a.unitId) ?? [];
      const kidAmounts = kids.map((id) => submitted.get(id)?.amountMinor);
      const allKidsSubmitted = kids.length > 0 && kidAmounts.every((v) => v !== undefined);
      const gapMinor = bottomUpMinor === null ? null : bottomUpMinor - a.amountMinor;
      return {
        unitId: a.unitId,
        unitKind: a.unitKind,
        parentId: a.parentId,
        topDownMinor: a.amountMinor,
        bottomUpMinor,
        gapMinor,
        gapPct: gapMinor === null || a.amountMinor === 0 ? null : gapMinor / a.amountMinor,
        childrenBottomUpMinor: allKidsSubmitted
          ? kidAmounts.reduce<number>((sum, v) => sum + (v ?? 0), 0)
          : null,
      };
    });
  return {
    fiscalYear: first.fiscalYear,
    currency: first.currency,
    lines,
    submittedUnits: lines.filter((l) => l.bottomUpMinor !== null).length,
    missingUnitIds: lines.filter((l) => l.bottomUpMinor === null).map((l) => l.unitId),
    totalGapMinor: lines.reduce((sum, l) => sum + (l.gapMinor ?? 0), 0),
  };
}
