import { z } from 'zod';
import { RepPlan } from '../cycle/repPlan';

export const PlanParam = z.object({ planId: z.string().min(3).max(250) });
/** A rep plan as the API sends it: dates as ISO strings. */
export const RepPlanView = RepPlan.extend({
  publishedAt: z.iso.datetime(),
  acknowledgedAt: z.iso.datetime().nullable(),
  lockedAt: z.iso.datetime().nullable(),
});
export type RepPlanView = z.infer<typeof RepPlanView>;
