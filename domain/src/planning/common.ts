import { z } from 'zod';
import { IsoDate } from './deal';

/** Fiscal years are calendar years (FY2026 = 2026-01-01 .. 2026-12-31). */
export const PlanningYear = z.number().int().min(2000).max(2100);

/** A ratio (0.8 = 80%). Null when its denominator is zero: "no leads" is not "0% conversion". */
export const Ratio = z.number().finite().nullable();

/** Twelve monthly amounts, January first. */
export const Monthly = z.array(z.number().int()).length(12);

/** An inclusive date range (a month, a quarter, a year). */
export const Period = z
  .object({ from: IsoDate, to: IsoDate })
  .refine((p) => p.from <= p.to, { message: 'period.from is after period.to', path: ['to'] });
export type Period = z.infer<typeof Period>;

/** Error codes of the planning computations (DomainError.code). */
export const PLANNING_ERRORS = [
  'PLANNING_NOT_ENOUGH_HISTORY',
  'PLANNING_MIXED_CURRENCY',
  'PLANNING_UNKNOWN_UNIT',
  'PLANNING_INVALID_INPUT',
  'PLANNING_MISSING_STEP',
] as const;
export type PlanningError = (typeof PLANNING_ERRORS)[number];
