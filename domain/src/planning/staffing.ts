import { z } from 'zod';
import { CurrencyCode, MinorUnits } from '../money';
import { Id } from '../org';
import { PlanningYear } from './common';

/** Productivity of a new hire in their 1st, 2nd, 3rd and 4th quarter (then 100%). */
export const RampSchedule = z.array(z.number().min(0).max(1)).length(4);
export type RampSchedule = z.infer<typeof RampSchedule>;
export const DEFAULT_RAMP: RampSchedule = [0.25, 0.5, 0.75, 1];

export const HiringPlanLine = z.object({
  unitId: Id,
  quarter: z.number().int().min(1).max(4),
  hires: z.number().int().min(1),
});
export type HiringPlanLine = z.infer<typeof HiringPlanLine>;

export const StaffingLine = z.object({
  unitId: Id,
  targetMinor: MinorUnits,
  /** A fully ramped rep's annual revenue. */
  productivityPerRepMinor: MinorUnits.nonnegative(),
  currentHeadcount: z.number().int().nonnegative(),
  /** What the current reps deliver in the year, ramp included. */
  capacityMinor: MinorUnits,
  /** target / productivity: fully ramped reps the target needs. */
  requiredFte: z.number().nonnegative().nullable(),
  newHires: z.number().int().nonnegative(),
  hiresByQuarter: z.array(z.number().int().nonnegative()).length(4),
  plannedCapacityMinor: MinorUnits,
  /** Capacity still missing after the hiring plan (hiring limits reached); 0 when covered. */
  uncoveredMinor: MinorUnits.nonnegative(),
});
export type StaffingLine = z.infer<typeof StaffingLine>;

export const StaffingPlan = z.object({
  fiscalYear: PlanningYear,
  currency: CurrencyCode,
  ramp: RampSchedule,
  lines: z.array(StaffingLine),
  hiringPlan: z.array(HiringPlanLine),
  totalNewHires: z.number().int().nonnegative(),
});
export type StaffingPlan = z.infer<typeof StaffingPlan>;
