import type mongoose from 'mongoose';
import {
  cycleSubjectId,
  type BudgetLine,
  type BudgetPlan,
  type QuotaAllocation,
  type Reconciliation,
  type StaffingPlan,
} from '@opscycle/domain';
import {
  bottomUpSubmissionId,
  bottomUpSubmissionModel,
  savePlanResult,
  saveQuotaAllocations,
} from '@opscycle/storage';

/**
 * Stored planning results of FY2027 for the harness org (acme -> east, west -> east-1, west-1): what
 * the approval-context route reads for budget, quota and staffing sign-offs.
 */
export const CONTEXT_CYCLE = 'cycle-FY2027-acme';
export const budgetSubjectId = cycleSubjectId(CONTEXT_CYCLE, 'budgetApproval');
export const quotaSubjectId = (unitId: string) => cycleSubjectId(CONTEXT_CYCLE, 'targetSetting', unitId);
export const staffingSubjectId = (unitId: string) => cycleSubjectId(CONTEXT_CYCLE, 'staffing', unitId);

const budgetLine = (
  unitId: string,
  category: BudgetLine['category'],
  quarter: number,
  amountMinor: number,
) => ({
  fiscalYear: 2027,
  unitId,
  category,
  quarter,
  basis: 'plan' as const,
  amountMinor,
  currency: 'CNY',
});

export function aBudgetPlan(): BudgetPlan {
  const lines = [
    budgetLine('east-1', 'travel', 1, 120_000_00),
    budgetLine('east-1', 'travel', 2, 80_000_00),
    budgetLine('east-1', 'marketing', 1, 50_000_00),
    budgetLine('west-1', 'travel', 1, 999_000_00),
  ];
  return {
    fiscalYear: 2027,
    currency: 'CNY',
    lines,
    totalMinor: lines.reduce((sum, l) => sum + l.amountMinor, 0),
    byCategory: [
      { category: 'travel', amountMinor: 1_199_000_00 },
      { category: 'marketing', amountMinor: 50_000_00 },
    ],
    roiBaseline: {
      fiscalYear: 2026,
      currency: 'CNY',
      lines: [
        {
          unitId: 'east-1',
          category: 'travel',
          spendMinor: 150_000_00,
          attributedRevenueMinor: 1_200_000_00,
          roi: 8,
        },
        { unitId: 'west-1', category: 'travel', spendMinor: 1_00, attributedRevenueMinor: 0, roi: 0 },
      ],
    },
  };
}

const allocation = (
  unitId: string,
  unitKind: QuotaAllocation['unitKind'],
  parentId: string,
  amountMinor: number,
): QuotaAllocation => ({
  fiscalYear: 2027,
  unitId,
  unitKind,
  parentId,
  currency: 'CNY',
  amountMinor,
  // Eleven equal months and the remainder in December: sums exactly to amountMinor.
  monthlyMinor: Array.from({ length: 12 }, (_, m) =>
    m === 11 ? amountMinor - 11 * Math.floor(amountMinor / 12) : Math.floor(amountMinor / 12),
  ),
  mix: [],
  historyMinor: amountMinor,
  potential: 1,
  weight: 1,
});

export function aStaffingPlan(): StaffingPlan {
  const line = (unitId: string, currentHeadcount: number, newHires: number) => ({
    unitId,
    targetMinor: 10_000_000_00,
    productivityPerRepMinor: 1_000_000_00,
    currentHeadcount,
    capacityMinor: currentHeadcount * 1_000_000_00,
    requiredFte: 10,
    newHires,
    hiresByQuarter: [newHires, 0, 0, 0],
    plannedCapacityMinor: (currentHeadcount + newHires) * 1_000_000_00,
    uncoveredMinor: 0,
  });
  return {
    fiscalYear: 2027,
    currency: 'CNY',
    ramp: [0.25, 0.5, 0.75, 1],
    lines: [line('east-1', 7, 3), line('west-1', 9, 1)],
    hiringPlan: [
      { unitId: 'east-1', quarter: 1, hires: 3 },
      { unitId: 'west-1', quarter: 1, hires: 1 },
    ],
    totalNewHires: 4,
  };
}

/** Top-down against bottom-up for both regions and teams, and rep-2 of west-1. */
export function aReconciliation(): Reconciliation {
  const line = (
    unitId: string,
    unitKind: 'region' | 'team' | 'rep',
    parentId: string,
    bottomUpMinor: number | null,
  ) => {
    const topDownMinor = 10_000_000_00;
    const gapMinor = bottomUpMinor === null ? null : bottomUpMinor - topDownMinor;
    return {
      unitId,
      unitKind,
      parentId,
      topDownMinor,
      bottomUpMinor,
      gapMinor,
      gapPct: gapMinor === null ? null : gapMinor / topDownMinor,
      childrenBottomUpMinor: null,
    };
  };
  return {
    fiscalYear: 2027,
    currency: 'CNY',
    lines: [
      line('east', 'region', 'acme', 9_000_000_00),
      line('east-1', 'team', 'east', null),
      line('west', 'region', 'acme', 12_000_000_00),
      line('west-1', 'team', 'west', 7_000_000_00),
      line('rep-2', 'rep', 'west-1', null),
    ],
    submittedUnits: 3,
    missingUnitIds: ['east-1', 'rep-2'],
    // -1,000,000.00 (east) + 2,000,000.00 (west) - 3,000,000.00 (west-1)
    totalGapMinor: -2_000_000_00,
  };
}

/** Saves the budget and staffing plans and the reconciliation, east's and east-1's targets, and east's bottom-up number. */
export async function savePlanningResults(db: mongoose.Connection, cycleId = CONTEXT_CYCLE): Promise<void> {
  for (const [kind, result] of [
    ['budgetPlan', aBudgetPlan()],
    ['staffingPlan', aStaffingPlan()],
    ['reconciliation', aReconciliation()],
  ] as const)
    await savePlanResult(db, { kind, cycleId, fiscalYear: 2027, result });
  await saveQuotaAllocations(db, cycleId, [
    allocation('east', 'region', 'acme', 30_000_000_00),
    allocation('east-1', 'team', 'east', 30_000_000_00),
    allocation('west', 'region', 'acme', 20_000_000_00),
  ]);
  await bottomUpSubmissionModel(db).create({
    _id: bottomUpSubmissionId(cycleId, 'east'),
    cycleId,
    fiscalYear: 2027,
    unitId: 'east',
    submittedBy: 'm-east',
    amountMinor: 27_000_000_00,
    currency: 'CNY',
    comment: 'two reps left in Q4',
    submittedAt: new Date('2026-11-20T10:00:00Z'),
  });
}
