import { z } from 'zod';
import { CycleProgress, CycleStatus, CycleStep, CycleTemplate } from '../cycle';
import { Id } from '../org';

export const StartCycleRequest = z.object({
  fiscalYear: z.number().int().min(2000).max(2100),
  /** The org unit the cycle plans (usually the company); its subtree is pinned at start. */
  orgId: Id,
  template: CycleTemplate,
});
export const CycleParam = z.object({
  cycleId: z.string().regex(/^cycle-FY\d{4}-[A-Za-z0-9][A-Za-z0-9_.:-]*$/),
});
export const CycleListQuery = z.object({
  fiscalYear: z.coerce.number().int().min(2000).max(2100).optional(),
});
export const CycleSummary = z.object({
  cycleId: z.string(),
  fiscalYear: z.number().int().nullable(),
  orgId: z.string().nullable(),
  step: CycleStep.nullable(),
  status: CycleStatus.nullable(),
  executionStatus: z.string(),
  startedAt: z.iso.datetime(),
});
export const CycleList = z.object({ cycles: z.array(CycleSummary) });
export const CycleView = CycleProgress;
