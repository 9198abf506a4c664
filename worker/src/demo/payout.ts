import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowHandle } from '@temporalio/client';
import type mongoose from 'mongoose';
import {
  TASK_QUEUES,
  type PayoutRunInput,
  type PayoutRunProgress,
  type PinnedRuleSet,
} from '@opscycle/domain';
import { demoIncentivePlanFy2026 } from '@opscycle/rules';
import { loadPeople } from '@opscycle/storage';
import type { payoutRunWorkflow } from '@opscycle/workflows';
import {
  approvalStateQuery,
  approveUpdate,
  payoutRunProgressQuery,
  payoutRunWorkflowId,
  WORKFLOW_TYPES,
} from '@opscycle/workflows/messages';
import { demoCycleTemplate } from './cycle';
import { DEMO_COMPANY_ID } from './org';

/**
 * The demo's last closed period. The demo's deals end on 2026-12-31, so last year's Q4 is paid, by
 * last year's plan (FY2026, effective for 2026): a payout run refuses a plan version whose effective
 * dates do not cover its period. FY2026 has quotas down to every rep.
 */
export const DEMO_PAYOUT_PERIOD = '2026-Q4';
export const DEMO_FINANCE_ID = 'finance-1';
const WAIT_MS = 60_000;
const POLL_MS = 250;

type PayoutRunHandle = WorkflowHandle<typeof payoutRunWorkflow>;

/** Polls `read` until `done` holds; fails naming `what` after WAIT_MS. */
async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${WAIT_MS} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Tests share one Temporal server that remembers workflow ids: they run on their own queue and plan id. */
export interface DemoPayoutOptions {
  taskQueue?: string;
  planId?: string;
}

/** The published version of the FY2026 plan that pays 2026-Q4 (seeded with the demo rule sets). */
const DEMO_PAYOUT_RULE_SET: PinnedRuleSet = { ruleSetId: demoIncentivePlanFy2026.id, version: 1 };

function demoPayoutInput(planId?: string): PayoutRunInput {
  const { payout } = demoCycleTemplate();
  return {
    planId: planId ?? demoIncentivePlanFy2026.id,
    period: DEMO_PAYOUT_PERIOD,
    revision: 1,
    incentiveRuleSet: DEMO_PAYOUT_RULE_SET,
    currency: payout.currency,
    partitionCount: payout.partitionCount,
    submittedBy: 'ops-admin',
    orgUnitId: DEMO_COMPANY_ID,
    approval: payout.approval,
  };
}

/** Starts the run once (the workflow id is the business key, closed runs included); the handle either way. */
async function startOrFind(
  client: Client,
  input: PayoutRunInput,
  taskQueue: string,
): Promise<PayoutRunHandle> {
  const workflowId = payoutRunWorkflowId(input.planId, input.period, input.revision);
  try {
    return await client.workflow.start<typeof payoutRunWorkflow>(WORKFLOW_TYPES.payoutRun, {
      taskQueue,
      workflowId,
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      args: [input],
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    return client.workflow.getHandle<typeof payoutRunWorkflow>(workflowId);
  }
}

/** Finance approves the computed total, once: the decision id is the update id. */
async function approveAsFinance(client: Client, run: PayoutRunHandle): Promise<void> {
  const progress = await waitFor(
    `payout run ${run.workflowId} to wait for finance approval`,
    () => run.query(payoutRunProgressQuery),
    (p) => p.status !== 'computing',
  );
  if (progress.status !== 'waitingForApproval' || !progress.approvalWorkflowId) return;
  const approval = client.workflow.getHandle(progress.approvalWorkflowId);
  const state = await waitFor(
    `approval ${progress.approvalWorkflowId} to be pending`,
    () => approval.query(approvalStateQuery).catch(() => undefined),
    (s) => s !== undefined && s.status !== 'resolvingChain',
  );
  if (state?.status !== 'pending') return;
  const decisionId = `demo-approve-${progress.runId}`;
  await approval.executeUpdate(approveUpdate, {
    args: [{ decisionId, actorId: DEMO_FINANCE_ID, reason: 'demo: last period approved' }],
    updateId: decisionId,
  });
}

/**
 * The demo's last closed period paid out: the payout run started, approved by the demo finance
 * person and exported. Idempotent: a completed run is left as it is and its result returned.
 */
export async function runDemoPayout(
  client: Client,
  connection: mongoose.Connection,
  options: DemoPayoutOptions = {},
): Promise<{
  runId: string;
  payees: number;
  totalMinor: number;
  partitionCount: number;
  incentiveRuleSet: PinnedRuleSet;
}> {
  const finance = (await loadPeople(connection)).find((p) => p.id === DEMO_FINANCE_ID);
  if (finance?.role !== 'finance')
    throw new Error(`the demo finance person ${DEMO_FINANCE_ID} is not seeded: seed the demo company first`);
  const input = demoPayoutInput(options.planId);
  const run = await startOrFind(client, input, options.taskQueue ?? TASK_QUEUES.cycle);
  const { status } = await run.describe();
  if (status.name === 'RUNNING') await approveAsFinance(client, run);
  else if (status.name !== 'COMPLETED')
    throw new Error(`payout run ${run.workflowId} is ${status.name}; see it in the Temporal UI`);
  const result: PayoutRunProgress = await Promise.race([
    run.result(),
    new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`payout run ${run.workflowId} did not complete within ${WAIT_MS} ms`)),
        WAIT_MS,
      ).unref(),
    ),
  ]);
  if (result.status !== 'exported')
    throw new Error(`payout run ${result.runId} ended ${result.status}, not exported`);
  return {
    runId: result.runId,
    payees: result.payees,
    totalMinor: result.totalMinor,
    partitionCount: result.partitionCount,
    incentiveRuleSet: input.incentiveRuleSet,
  };
}
