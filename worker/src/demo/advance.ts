import type { Client } from '@temporalio/client';
import type mongoose from 'mongoose';
import type { CycleProgress, CycleStep } from '@opscycle/domain';
import { approvalModel, loadOrgUnits, loadPlanResult } from '@opscycle/storage';
import {
  approvalIdFor,
  approvalStateQuery,
  approvalWorkflowId,
  approveUpdate,
  cycleProgressQuery,
  unitFanOutWorkflowId,
  unitStepWorkflowId,
} from '@opscycle/workflows/messages';
import { createPlanningActivities } from '../planning/planning.activities';
import { DEMO_FISCAL_YEAR, demoCycleId } from './cycle';
import { DEMO_COMPANY_ID } from './org';

/** Generous: on a first start the worker computes the strategy, targets and staffing plan first. */
const WAIT_MS = 180_000;
const POLL_MS = 250;

/** Polls `read` until `done` holds; fails naming `what` after WAIT_MS, or as soon as `check` throws. */
async function waitFor<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  check: () => Promise<void> = async () => {},
): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${WAIT_MS} ms waiting for ${what}`);
    await check();
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The cycle cannot go on by itself: said apart from other failures so `npm start` keeps the rest up. */
export class DemoCycleStuckError extends Error {}

/** A fan-out still running this long after its last unit finished is not coming back. */
const STUCK_AFTER_MS = 15_000;

/**
 * Fails fast when a step's fan-out keeps running although every unit's step workflow has
 * completed: the cycle then waits on it forever (see the report of workflows/src/unitFanOut.workflow.ts:
 * its wait loop can await Promise.race over an empty set when the last units finish during a flush).
 */
function fanOutWatch(client: Client, cycleId: string, step: CycleStep, unitIds: readonly string[]) {
  let finishedSince: number | undefined;
  return async () => {
    const fanOut = await client.workflow
      .getHandle(unitFanOutWorkflowId(cycleId, step))
      .describe()
      .catch(() => undefined);
    if (fanOut?.status.name !== 'RUNNING') return void (finishedSince = undefined);
    const units = await Promise.all(
      unitIds.map((id) =>
        client.workflow
          .getHandle(unitStepWorkflowId(cycleId, step, id))
          .describe()
          .then((d) => d.status.name)
          .catch(() => 'MISSING'),
      ),
    );
    if (units.some((status) => status !== 'COMPLETED')) return void (finishedSince = undefined);
    finishedSince ??= Date.now();
    if (Date.now() - finishedSince > STUCK_AFTER_MS)
      throw new DemoCycleStuckError(
        `${unitFanOutWorkflowId(cycleId, step)} is still running ${STUCK_AFTER_MS} ms after all ${unitIds.length} units completed; ` +
          `the cycle waits on it (a workflow defect, not demo data); see it in the Temporal UI`,
      );
  };
}

const stepOf = (progress: CycleProgress, step: CycleStep) => progress.steps.find((s) => s.step === step);
const isPast = (progress: CycleProgress, step: CycleStep) =>
  stepOf(progress, step)?.status === 'done' || progress.status === 'completed';

/** A unit's sign-off of a step, as the fan-out started it (workflows/unitFanOut.workflow.ts). */
export const demoSignOffId = (cycleId: string, step: CycleStep, kind: 'quota' | 'staffing', unitId: string) =>
  approvalIdFor(kind, `${cycleId}-${step}-${unitId}`);

/**
 * Waits until every sign-off is in the approvals mirror past `resolvingChain`: what the inbox
 * lists (GET /api/approvals reads the mirror), and a sign-off's workflow takes decisions only then.
 */
async function waitForSignOffs(
  connection: mongoose.Connection,
  what: string,
  approvalIds: string[],
  check?: () => Promise<void>,
) {
  await waitFor(
    `every ${what} sign-off to reach its approvers`,
    () =>
      approvalModel(connection)
        .find({ _id: { $in: approvalIds } }, { status: 1 })
        .lean(),
    (rows) => rows.length === approvalIds.length && rows.every((r) => r.status !== 'resolvingChain'),
    check,
  );
}

/**
 * Approves one sign-off level by level as the chain's own assignee (never the submitter; the
 * first approver id in sorted order, so the same person on every start). The decision id names the
 * approval, round and level: a second start, or a retry, is deduplicated by the workflow.
 */
async function approveSignOff(client: Client, approvalId: string): Promise<number> {
  const handle = client.workflow.getHandle(approvalWorkflowId(approvalId));
  let state = await handle.query(approvalStateQuery);
  let decisions = 0;
  while (state.status === 'pending') {
    const approver = state.assigneeIds.find((id) => id !== state.submittedBy);
    if (!approver) throw new Error(`sign-off ${approvalId} has no approver other than its submitter`);
    const decisionId = `demo-approve-${approvalId}-r${state.round}-l${state.currentLevel}`;
    state = await handle.executeUpdate(approveUpdate, {
      args: [{ decisionId, actorId: approver, reason: 'demo: agreed with the reconciled target' }],
      updateId: decisionId,
    });
    decisions++;
  }
  if (state.status !== 'approved')
    throw new Error(`sign-off ${approvalId} is ${state.status}; the demo cannot approve it`);
  return decisions;
}

export interface DemoAdvanceOptions {
  /** Tests run their own cycle id on the shared Temporal server. */
  cycleId?: string;
}

export interface DemoAdvanceResult {
  cycleId: string;
  /** Target sign-offs approved by this call (0 when a previous start did it). */
  targetDecisions: number;
  /** Units whose staffing sign-off waits in a manager's inbox. */
  staffingWaiting: number;
}

/**
 * Brings the demo cycle to an interesting point once the worker polls: target setting reconciled
 * against the managers' bottom-up numbers and signed off unit by unit by each unit's manager, so
 * the staffing sign-offs wait in the managers' inboxes. Idempotent: what is done is left alone.
 */
export async function advanceDemoCycle(
  client: Client,
  connection: mongoose.Connection,
  options: DemoAdvanceOptions = {},
): Promise<DemoAdvanceResult> {
  const cycleId = options.cycleId ?? demoCycleId();
  const cycle = client.workflow.getHandle(cycleId);
  const progress = () => cycle.query(cycleProgressQuery);
  const units = (await loadOrgUnits(connection)).map((u) => u.id);

  const signOffs = (step: CycleStep, kind: 'quota' | 'staffing') =>
    units.map((unitId) => demoSignOffId(cycleId, step, kind, unitId));

  let targetDecisions = 0;
  if (!isPast(await progress(), 'targetSetting')) {
    await waitForSignOffs(connection, 'target', signOffs('targetSetting', 'quota'));
    if ((await loadPlanResult(connection, 'reconciliation', cycleId)) === null)
      await createPlanningActivities({ connection }).reconcileTargets({
        cycleId,
        fiscalYear: DEMO_FISCAL_YEAR,
        companyId: DEMO_COMPANY_ID,
      });
    for (const approvalId of signOffs('targetSetting', 'quota'))
      targetDecisions += await approveSignOff(client, approvalId);
  }
  const staffing = signOffs('staffing', 'staffing');
  await waitForSignOffs(
    connection,
    'staffing',
    staffing,
    fanOutWatch(client, cycleId, 'targetSetting', units),
  );
  return {
    cycleId,
    targetDecisions,
    staffingWaiting: await approvalModel(connection).countDocuments({
      _id: { $in: staffing },
      status: 'pending',
    }),
  };
}
