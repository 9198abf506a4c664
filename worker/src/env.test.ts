import { describe, expect, it } from 'vitest';
import { TASK_QUEUES } from '@opscycle/domain';
import { workerEnv } from './env';

describe('workerEnv', () => {
  it('runs workflows and activities on the cycle queue unless told otherwise', () => {
    expect(workerEnv({})).toMatchObject({ role: 'all', taskQueue: TASK_QUEUES.cycle });
  });

  it('takes an activities-only or workflows-only role and a task queue', () => {
    expect(
      workerEnv({ OPSCYCLE_WORKER_ROLE: 'activities', OPSCYCLE_TASK_QUEUE: 'payouts-eu' }),
    ).toMatchObject({ role: 'activities', taskQueue: 'payouts-eu' });
    expect(workerEnv({ OPSCYCLE_WORKER_ROLE: 'workflows' }).role).toBe('workflows');
  });

  it('refuses an unknown role, naming it and the roles there are', () => {
    expect(() => workerEnv({ OPSCYCLE_WORKER_ROLE: 'payouts' })).toThrow(
      'OPSCYCLE_WORKER_ROLE is payouts: use one of all, workflows, activities',
    );
  });
});
