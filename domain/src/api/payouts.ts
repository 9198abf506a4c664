import { z } from 'zod';
import { PayoutRunProgress, PayoutStatement } from '../cycle';
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
