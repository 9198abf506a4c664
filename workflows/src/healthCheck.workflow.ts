import { condition, defineQuery, defineUpdate, setHandler } from '@temporalio/workflow';

/**
 * The smallest end-to-end proof that a worker, the server and a client agree: it waits for one
 * Update, answers a Query, and completes. Ops can start it against a deployment to check it.
 */
export const healthCheckStatusQuery = defineQuery<HealthCheckStatus>('healthCheckStatus');
export const confirmHealthCheckUpdate = defineUpdate<string, [string]>('confirmHealthCheck');

export interface HealthCheckStatus {
  confirmedBy?: string;
  stage: 'waiting' | 'confirmed';
}

export async function healthCheckWorkflow(timeoutMs: number): Promise<string> {
  const status: HealthCheckStatus = { stage: 'waiting' };
  setHandler(healthCheckStatusQuery, () => status);
  setHandler(
    confirmHealthCheckUpdate,
    (who) => {
      status.confirmedBy = who;
      status.stage = 'confirmed';
      return `confirmed by ${who}`;
    },
    {
      validator: (who: string) => {
        if (!who.trim()) throw new Error('confirmHealthCheck needs the name of who confirms');
      },
    },
  );
  if (!(await condition(() => status.stage === 'confirmed', timeoutMs))) return 'timed out';
  return `healthy: ${status.confirmedBy}`;
}
