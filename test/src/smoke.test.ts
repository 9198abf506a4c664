import { WorkflowUpdateFailedError } from '@temporalio/client';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmHealthCheckUpdate, healthCheckStatusQuery, healthCheckWorkflow } from '@opscycle/workflows';
import { connectTestDatabase, temporalClient, uniqueName } from './support';
import { withTestWorker } from './testWorker';

describe('real Temporal server', () => {
  const taskQueue = uniqueName('smoke');
  withTestWorker(() => ({ taskQueue }));

  it('runs a workflow to completion through an Update and a Query', async () => {
    const { client, connection } = await temporalClient();
    try {
      const handle = await client.workflow.start(healthCheckWorkflow, {
        taskQueue,
        workflowId: uniqueName('health'),
        args: [30_000],
      });
      expect(await handle.query(healthCheckStatusQuery)).toEqual({ stage: 'waiting' });
      // The validator rejects before anything is written to history.
      await expect(handle.executeUpdate(confirmHealthCheckUpdate, { args: [' '] })).rejects.toBeInstanceOf(
        WorkflowUpdateFailedError,
      );
      expect(await handle.executeUpdate(confirmHealthCheckUpdate, { args: ['ops'] })).toBe(
        'confirmed by ops',
      );
      expect(await handle.query(healthCheckStatusQuery)).toEqual({
        stage: 'confirmed',
        confirmedBy: 'ops',
      });
      expect(await handle.result()).toBe('healthy: ops');
    } finally {
      await connection.close();
    }
  });
});

describe('real MongoDB-wire server', () => {
  let db: mongoose.Connection;
  beforeAll(async () => {
    db = await connectTestDatabase('smoke');
  });
  afterAll(async () => {
    await db.dropDatabase();
    await db.close();
  });

  it('round-trips a document and rejects a duplicate through a unique index', async () => {
    const Probe = db.model(
      'Probe',
      new mongoose.Schema({ key: { type: String, required: true, unique: true }, n: Number }),
    );
    await Probe.init();
    await Probe.create({ key: 'a', n: 42 });
    expect(await Probe.findOne({ key: 'a' }).lean()).toMatchObject({ key: 'a', n: 42 });
    await expect(Probe.create({ key: 'a', n: 1 })).rejects.toMatchObject({ code: 11000 });
    expect(await Probe.countDocuments()).toBe(1);
  });
});
