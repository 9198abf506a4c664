import { z } from 'zod';
import { PayoutHold, PayoutRunProgress, PayoutStatement, ReviewPeriod } from '../cycle';
import { Id } from '../org';

export const PayoutRunParam = z.object({
  runId: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/),
});
export const StatementParams = PayoutRunParam.extend({ payeeId: Id });

export const PayoutRunSummary = z.object({
  runId: z.string(),
  workflowId: z.string(),
  /** Temporal's execution status (RUNNING, COMPLETED, ...). */
  executionStatus: z.string(),
  startedAt: z.iso.datetime(),
});
export const PayoutRunList = z.object({ runs: z.array(PayoutRunSummary) });
export const PayoutRunView = PayoutRunProgress;
export const StatementList = z.object({ statements: z.array(PayoutStatement) });

/** Finance or the ops admin starts a plan's run for a period with a published version of the plan. */
export const StartPayoutRunRequest = z.object({
  /** The incentive plan's rule set; its id is the plan id the run pays under. */
  ruleSetId: Id,
  version: z.number().int().min(1),
  period: ReviewPeriod,
  partitionCount: z.number().int().min(1).max(64).default(4),
});
export type StartPayoutRunRequest = z.infer<typeof StartPayoutRunRequest>;

/** `started: false`: the run (its business key) already existed, and this is it. */
export const PayoutRunStarted = z.object({
  runId: z.string(),
  workflowId: z.string(),
  planId: Id,
  period: ReviewPeriod,
  revision: z.number().int().min(1),
  started: z.boolean(),
});
export type PayoutRunStarted = z.infer<typeof PayoutRunStarted>;

export const HoldRequest = z.object({ reason: z.string().trim().min(1).max(500) });

export const PayoutHoldView = PayoutHold.extend({
  heldAt: z.iso.datetime(),
  releasedAt: z.iso.datetime().optional(),
});
export type PayoutHoldView = z.infer<typeof PayoutHoldView>;
export const PayoutHoldList = z.object({ holds: z.array(PayoutHoldView) });
