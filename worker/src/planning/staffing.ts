import {
  DEFAULT_RAMP,
  roundMinor,
  type HiringPlanLine,
  type RampSchedule,
  type StaffingLine,
  type StaffingPlan,
} from '@opscycle/domain';
import { quarterRange, wholeMonthsBetween } from './dates';
import { planningError } from './errors';

export interface StaffingUnitInput {
  unitId: string;
  targetMinor: number;
  /** A fully ramped rep's annual revenue (from history: revenue / average reps). */
  productivityPerRepMinor: number;
  reps: readonly { hiredOn?: string | undefined }[];
}

export interface StaffingInput {
  fiscalYear: number;
  currency: string;
  units: readonly StaffingUnitInput[];
  ramp?: RampSchedule;
  /** Hiring capacity per unit and quarter; unlimited when absent (everyone is hired in Q1). */
  maxHiresPerQuarter?: number;
}

/** Ramp factor of someone hired on `hiredOn` during the quarter starting `quarterStart` (0 before hire). */
export function rampFactor(ramp: RampSchedule, hiredOn: string | undefined, quarterStart: string): number {
  if (hiredOn === undefined) return 1;
  if (hiredOn > quarterStart) return 0;
  const tenureQuarters = Math.floor(wholeMonthsBetween(hiredOn, quarterStart) / 3);
  return ramp[Math.min(tenureQuarters, 3)] ?? 1;
}

/** What one new hire starting on the first day of `quarter` delivers in the rest of the year, in productivity units. */
export function newHireYield(ramp: RampSchedule, quarter: number): number {
  let quarters = 0;
  for (let q = quarter; q <= 4; q++) quarters += ramp[Math.min(q - quarter, 3)] ?? 1;
  return quarters / 4;
}

/**
 * Headcount per unit: current reps' capacity (each quarter a quarter of a year's productivity x their
 * ramp factor), the gap to the target, and new hires started as early as the hiring limit allows
 * (an early hire yields more: 25%+50%+75%+100% of a quarter each in Q1..Q4 = 62.5% of a year).
 * Capacity is rounded once per unit. Hires are the fewest that cover the gap (ceil).
 */
export function planStaffing(input: StaffingInput): StaffingPlan {
  const ramp = input.ramp ?? DEFAULT_RAMP;
  const maxPerQuarter = input.maxHiresPerQuarter ?? Number.POSITIVE_INFINITY;
  const quarterStarts = [1, 2, 3, 4].map((q) => quarterRange(input.fiscalYear, q).from);
  const lines: StaffingLine[] = input.units.map((unit) => {
    if (unit.productivityPerRepMinor < 0 || unit.targetMinor < 0)
      throw planningError('PLANNING_INVALID_INPUT', `unit ${unit.unitId}: negative target or productivity`, {
        unitId: unit.unitId,
      });
    const perQuarter = unit.productivityPerRepMinor / 4;
    const capacity = unit.reps.reduce(
      (sum, rep) =>
        sum + quarterStarts.reduce((s, start) => s + perQuarter * rampFactor(ramp, rep.hiredOn, start), 0),
      0,
    );
    const capacityMinor = roundMinor(capacity);
    const hiresByQuarter = [0, 0, 0, 0];
    let planned = capacity;
    for (let q = 1; q <= 4 && unit.productivityPerRepMinor > 0; q++) {
      const gap = unit.targetMinor - planned;
      const perHire = unit.productivityPerRepMinor * newHireYield(ramp, q);
      if (gap <= 0 || perHire <= 0) break;
      // The epsilon keeps a gap of exactly n hires' yield from becoming n + 1 through float error.
      const hires = Math.min(maxPerQuarter, Math.ceil(gap / perHire - 1e-9));
      hiresByQuarter[q - 1] = hires;
      planned += hires * perHire;
    }
    const plannedCapacityMinor = roundMinor(planned);
    return {
      unitId: unit.unitId,
      targetMinor: unit.targetMinor,
      productivityPerRepMinor: unit.productivityPerRepMinor,
      currentHeadcount: unit.reps.length,
      capacityMinor,
      requiredFte: unit.productivityPerRepMinor > 0 ? unit.targetMinor / unit.productivityPerRepMinor : null,
      newHires: hiresByQuarter.reduce((a, b) => a + b, 0),
      hiresByQuarter,
      plannedCapacityMinor,
      uncoveredMinor: Math.max(0, unit.targetMinor - plannedCapacityMinor),
    };
  });
  const hiringPlan: HiringPlanLine[] = lines.flatMap((line) =>
    line.hiresByQuarter.flatMap((hires, i) =>
      hires > 0 ? [{ unitId: line.unitId, quarter: i + 1, hires }] : [],
    ),
  );
  return {
    fiscalYear: input.fiscalYear,
    currency: input.currency,
    ramp,
    lines,
    hiringPlan,
    totalNewHires: lines.reduce((sum, l) => sum + l.newHires, 0),
  };
}
