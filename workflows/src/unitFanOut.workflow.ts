import {
  ApplicationFailure,
  continueAsNew,
  executeChild,
  ParentClosePolicy,
  startChild,
  getExternalWorkflowHandle,
  log,
  patched,
  proxyActivities,
  workflowInfo,
} from '@temporalio/workflow';
import type { CycleStep, Role, StepApproval, UnitProgress } from '@opscycle/domain';
import type { CycleActivities } from './activityContracts';
import { approvalWorkflow } from './approval.workflow';
import { approvalIdFor, approvalWorkflowId, unitProgressSignal, unitStepWorkflowId } from './messages';

const { runCycleStep } = proxyActivities<CycleActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export interface UnitStepInput {
  cycleId: string;
  fiscalYear: number;
  orgId: string;
  step: CycleStep;
  orgUnitId: string;
  ownerId: string;
  ownerRole: Role;
  approval?: StepApproval;
  /** The cycle: told of the unit's approval so its query lists it. */
  notifyWorkflowId?: string;
}

/** One step for one org unit: its computation, then the start of its sign-off when the step has one. */
export async function unitStepWorkflow(input: UnitStepInput): Promise<UnitProgress> {
  const { cycleId, fiscalYear, orgId, step, orgUnitId } = input;
  const result = await runCycleStep({ cycleId, fiscalYear, orgId, step, orgUnitId });
  if (!input.approval) return { orgUnitId, step, status: 'done' };
  const approvalId = approvalIdFor(input.approval.subjectKind, `${cycleId}-${step}-${orgUnitId}`);
  // Started, not awaited: sign-offs take days and must not hold a slot of the fan-out's window, so
  // the approval outlives this workflow and reports to the cycle, which waits for all of them.
  await startChild(approvalWorkflow, {
    workflowId: approvalWorkflowId(approvalId),
    parentClosePolicy: ParentClosePolicy.ABANDON,
    args: [
      {
        request: {
          approvalId,
          subject: { kind: input.approval.subjectKind, id: `${cycleId}-${step}-${orgUnitId}` },
          title: `${step} of ${orgUnitId}: ${result.summary}`,
          submittedBy: input.ownerId,
          submittedByRole: input.ownerRole,
          orgUnitId,
          amountMinor: result.amountMinor,
          facts: result.facts,
          routing: input.approval.routing,
        },
        levelDeadlineMs: input.approval.levelDeadlineMs,
        reminderEveryMs: input.approval.reminderEveryMs,
        resubmitDeadlineMs: input.approval.resubmitDeadlineMs,
        notifyWorkflowId: input.notifyWorkflowId,
      },
    ],
  });
  return { orgUnitId, step, status: 'waitingForApproval' };
}

export interface UnitFanOutInput extends Omit<UnitStepInput, 'orgUnitId'> {
  unitIds: string[];
  /** Children running at once (the sliding window). */
  window: number;
  /** Children started per run before continuing as new, which keeps each run's history short. */
  startsPerRun: number;
  /** Carried across continue-as-new. */
  cursor: number;
  done: number;
  halted: string[];
}

export interface UnitFanOutResult {
  /** Units computed, including those whose sign-off was started and is still pending. */
  done: number;
  halted: string[];
}

/**
 * Runs started before this patch start the first window at once. New runs let the first unit (the
 * cycle passes the org's top unit first) finish alone: its step computes the organisation's result
 * (e.g. the whole target decomposition, 5,000 reps) that every other unit then only reads, instead of
 * a whole window of units computing it at the same time.
 */
export const FAN_OUT_TOP_UNIT_FIRST_PATCH = 'unitFanOut-top-unit-first-2026-11';

/** Progress reaches the cycle in batches: before every wait, and every 50 changes while starting. */
const PROGRESS_BATCH = 50;

/**
 * Runs `unitStepWorkflow` for every unit with a sliding window of children and deterministic child
 * ids. Each run starts at most `startsPerRun` children, waits for them and continues as new with
 * the cursor, so 500 units (5,000 reps computed inside their units' activities) never come near
 * the history limits; the cycle's own history holds one child per step.
 */
export async function unitFanOutWorkflow(input: UnitFanOutInput): Promise<UnitFanOutResult> {
  if (input.window < 1 || input.startsPerRun < 1)
    throw ApplicationFailure.nonRetryable(
      'window and startsPerRun must be at least 1',
      'CYCLE_INVALID_FAN_OUT',
    );
  const { unitIds, step } = input;
  let { cursor, done } = input;
  const halted = [...input.halted];
  const running = new Map<string, Promise<void>>();
  let changes: UnitProgress[] = [];

  const flush = async () => {
    if (changes.length === 0 || !input.notifyWorkflowId) return;
    const batch = changes;
    changes = [];
    try {
      await getExternalWorkflowHandle(input.notifyWorkflowId).signal(unitProgressSignal, batch);
    } catch (error) {
      log.warn('could not report unit progress', { error: String(error) });
    }
  };

  // Children may settle while flush() awaits its signal: racing an empty map would wait forever
  // (it did: the demo cycle hung at target setting). No patch needed: the only histories this
  // changes are those stuck on the empty race, which recorded no command after it.
  const nextChildSettled = () => (running.size > 0 ? Promise.race(running.values()) : Promise.resolve());

  const topUnitFirst = input.cursor === 0 && unitIds.length > 1 && patched(FAN_OUT_TOP_UNIT_FIRST_PATCH);
  let started = 0;
  while (cursor < unitIds.length && started < input.startsPerRun && !workflowInfo().continueAsNewSuggested) {
    while (running.size >= input.window) {
      await flush(); // before blocking, so the cycle's query shows the units already started
      await nextChildSettled();
    }
    const orgUnitId = unitIds[cursor++];
    if (orgUnitId === undefined) break;
    started++;
    changes.push({ orgUnitId, step, status: input.approval ? 'waitingForApproval' : 'running' });
    const {
      unitIds: _units,
      window: _window,
      startsPerRun: _starts,
      cursor: _c,
      done: _d,
      halted: _h,
      ...common
    } = input;
    const child = executeChild(unitStepWorkflow, {
      workflowId: unitStepWorkflowId(input.cycleId, step, orgUnitId),
      args: [{ ...common, orgUnitId }],
    })
      .then((progress) => {
        changes.push(progress);
        if (progress.status === 'halted') halted.push(orgUnitId);
        else done++;
      })
      .catch((error: unknown) => {
        log.error('unit step failed', { orgUnitId, step, error: String(error) });
        changes.push({ orgUnitId, step, status: 'halted' });
        halted.push(orgUnitId);
      })
      .finally(() => running.delete(orgUnitId));
    running.set(orgUnitId, child);
    if (topUnitFirst && started === 1) {
      await flush();
      await child;
    }
    if (changes.length >= PROGRESS_BATCH) await flush();
  }
  // Children cannot be carried across continue-as-new: this run waits for its own.
  while (running.size > 0) {
    await flush();
    await nextChildSettled();
  }
  await flush();
  if (cursor < unitIds.length)
    await continueAsNew<typeof unitFanOutWorkflow>({ ...input, cursor, done, halted });
  return { done, halted };
}
