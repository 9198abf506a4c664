import { z } from 'zod';
import { Id } from '../org';
import { PeriodQuery } from './common';
import { ConditionTrace } from '../rules';

/** At most this many failing deals are listed per stage (the counts are always complete). */
export const FUNNEL_FAILING_LIMIT = 50;

export const FunnelParams = z.object({ ruleSetId: Id });
/** Deals of `orgUnitId`'s subtree created between `from` and `to` (inclusive). */
export const FunnelQuery = PeriodQuery.extend({ orgUnitId: Id });

export const FunnelStageRow = z.object({
  nodeId: Id,
  stage: z.string(),
  order: z.number().int(),
  /** Deals that reached this stage (its criteria and every earlier stage's hold). */
  deals: z.number().int().nonnegative(),
  /** deals / deals of the previous stage (the first stage: of all deals in range); null when that is 0. */
  conversion: z.number().min(0).max(1).nullable(),
  /** Deals whose first failing stage is this one (they stopped just before it). */
  failingDeals: z.number().int().nonnegative(),
});
export type FunnelStageRow = z.infer<typeof FunnelStageRow>;

/** A deal that stopped before `stage`, with the criteria of `stage` it fails. */
export const FunnelFailingDeal = z.object({
  dealId: Id,
  stage: z.string(),
  failing: z.array(ConditionTrace),
});
export type FunnelFailingDeal = z.infer<typeof FunnelFailingDeal>;

export const FunnelReport = z.object({
  ruleSetId: Id,
  version: z.number().int().min(1),
  orgUnitId: Id,
  from: z.iso.date(),
  to: z.iso.date(),
  totalDeals: z.number().int().nonnegative(),
  stages: z.array(FunnelStageRow),
  /** Ordered by stage, then dealId; at most FUNNEL_FAILING_LIMIT per stage. */
  failing: z.array(FunnelFailingDeal),
});
export type FunnelReport = z.infer<typeof FunnelReport>;
