import {
  ActivityFailure,
  ApplicationFailure,
  WorkflowFailedError,
  type Client,
  type Connection,
} from '@temporalio/client';
import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertOrgUnits, upsertPeople } from '@opscycle/storage';
import { createActivities, createCycleActivities, type CycleStepRunner } from '@opscycle/worker';
import type { UnitStepInput, unitStepWorkflow } from '@opscycle/workflows';
import { WORKFLOW_TYPES } from '@opscycle/workflows/messages';
import { connectTestDatabase, temporalClient, uniqueName } from '../support';
import { NO_PAYOUT_EXPORTS, withTestWorker } from '../testWorker';
import { recordingStepRunners } from './cycleFixtures';
import { aSmallOrg } from './fixtures';

const taskQueue = uniqueName('activity-failures');
let db: mongoose.Connection;
let client: Client;
let clientConnection: Connection;
/** Attempts of the staffing runner, which fails once with a plain error (a database hiccup). */
let staffingAttempts = 0;

beforeAll(async () => {
  db = await connectTestDatabase('activity-failures');
  const org = aSmallOrg();
  await upsertOrgUnits(db, org.units);
  await upsertPeople(db, org.people);
  ({ client, connection: clientConnection } = await temporalClient());
});

afterAll(async () => {
  await clientConnection.close();
  await db.dropDatabase();
  await db.close();
});

// What the worker process registers: target setting before any strategy analysis has nothing to decompose.
withTestWorker(() => ({
  taskQueue,
  activities: createActivities({
    connection: db,
    exportTarget: NO_PAYOUT_EXPORTS,
  }),
}));

const flakyQueue = uniqueName('activity-failures-flaky');
const flakyStaffing: CycleStepRunner = (input) => {
  staffingAttempts++;
  if (staffingAttempts === 1) return Promise.reject(new Error('connection reset by the database'));
  return Promise.resolve({ summary: `staffing for ${input.orgUnitId}`, facts: {} });
};
withTestWorker(() => ({
  taskQueue: flakyQueue,
  activities: createCycleActivities({
    connection: db,
    runners: { ...recordingStepRunners(), staffing: flakyStaffing },
  }),
}));

/** One unit's step of a cycle, as the cycle's fan-out starts it. */
function runUnitStep(cycleId: string, step: UnitStepInput['step'], queue = taskQueue) {
  return client.workflow.start<typeof unitStepWorkflow>(WORKFLOW_TYPES.unitStep, {
    taskQueue: queue,
    workflowId: uniqueName(`${cycleId}-${step}`),
    args: [
      {
        cycleId,
        fiscalYear: 2027,
        orgId: 'acme',
        step,
        orgUnitId: 'east',
        ownerId: 'ops',
        ownerRole: 'opsAdmin',
      },
    ],
  });
}

/** The attempts the server recorded for the step's activity, read from the workflow's history. */
async function activityAttempts(workflowId: string): Promise<number[]> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? []).flatMap((e) =>
    e.activityTaskStartedEventAttributes ? [e.activityTaskStartedEventAttributes.attempt ?? 0] : [],
  );
}

describe('activity failures', () => {
  it('fails a cycle step once with PLANNING_MISSING_STEP, its code and details, instead of retrying', async () => {
    const cycleId = uniqueName('cycle-FY2027');
    const handle = await runUnitStep(cycleId, 'targetSetting');
    const failure = await handle.result().then(
      () => expect.unreachable('target setting ran without a strategy analysis'),
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const activity = (failure as WorkflowFailedError).cause;
    expect(activity).toBeInstanceOf(ActivityFailure);
    const cause = (activity as ActivityFailure).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect(cause).toMatchObject({
      type: 'PLANNING_MISSING_STEP',
      nonRetryable: true,
      message: `cycle ${cycleId} has no strategyAnalysis yet`,
      details: [{ cycleId, kind: 'strategyAnalysis' }],
    });
    expect(await activityAttempts(handle.workflowId)).toEqual([1]);
    const described = await handle.describe();
    expect(described.status.name).toBe('FAILED');
  });

  it('still retries an error that is not a DomainError, and the step then succeeds', async () => {
    const handle = await runUnitStep(uniqueName('cycle-FY2027'), 'staffing', flakyQueue);
    expect(await handle.result()).toEqual({ orgUnitId: 'east', step: 'staffing', status: 'done' });
    expect(staffingAttempts).toBe(2);
    expect(await activityAttempts(handle.workflowId)).toEqual([2]);
  });
});
