import { z } from 'zod';
import { CycleProgress, CycleStatus, CycleStep, CycleTemplate } from '../cycle';
import { Id, OrgUnit } from '../org';

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
  /** When the cycle's first run started. */
  startedAt: z.iso.datetime(),
  /** Runs of the cycle so far (it continues as new at every step boundary); the summary is the latest. */
  runs: z.number().int().positive(),
  /** The workflow's history in the Temporal UI; null when the API was not told where that UI is. */
  historyUrl: z.string().nullable(),
});
export const CycleList = z.object({ cycles: z.array(CycleSummary) });
/**
 * The cycle's progress, narrowed to the caller's part of the org when the caller sits below the
 * cycle's top unit, with the units' names and hierarchy (the workflow knows ids only).
 */
export const CycleView = CycleProgress.extend({
  historyUrl: z.string().nullable(),
  orgUnits: z.array(OrgUnit),
});
export type CycleView = z.infer<typeof CycleView>;
