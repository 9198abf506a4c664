import { TASK_QUEUES } from '@opscycle/domain';

/**
 * What a worker process runs. `all`: workflows and activities (one process is enough). Scaled out,
 * payout partitions and other heavy activities go to `activities` processes, so that their CPU work
 * (decoding deals, evaluating plans) does not hold up the `workflows` process's workflow tasks.
 */
export const WORKER_ROLES = ['all', 'workflows', 'activities'] as const;
export type WorkerRole = (typeof WORKER_ROLES)[number];

function workerRole(value: string | undefined): WorkerRole {
  const role = value ?? 'all';
  if (!(WORKER_ROLES as readonly string[]).includes(role))
    throw new Error(`OPSCYCLE_WORKER_ROLE is ${role}: use one of ${WORKER_ROLES.join(', ')}`);
  return role as WorkerRole;
}

/** Where the worker finds its servers; `npm start` and the tests set these from the launcher. */
export function workerEnv(env: NodeJS.ProcessEnv = process.env) {
  return {
    temporalAddress: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    namespace: env.TEMPORAL_NAMESPACE ?? 'default',
    mongoUri: env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/',
    dbName: env.OPSCYCLE_DB ?? 'opscycle',
    role: workerRole(env.OPSCYCLE_WORKER_ROLE),
    /** The cycle's task queue unless set (benchmarks run on a queue of their own). */
    taskQueue: env.OPSCYCLE_TASK_QUEUE ?? TASK_QUEUES.cycle,
    /** Where payout CSV files are written for HR/finance. */
    exportDir: env.OPSCYCLE_EXPORT_DIR ?? '.data/exports',
    /** The HR/finance endpoint receiving signed payout exports; unset = exports refuse to run. */
    payoutWebhookUrl: env.OPSCYCLE_PAYOUT_WEBHOOK_URL ?? '',
    payoutWebhookSecret: env.OPSCYCLE_PAYOUT_WEBHOOK_SECRET ?? '',
    /**
     * Where approval reminders are posted, signed, for chat robots or mail gateways to pass on to the
     * approvers; unset = reminders are only recorded (`approval_reminders`), nobody is told.
     */
    notifyWebhookUrl: env.OPSCYCLE_NOTIFY_WEBHOOK_URL ?? '',
    notifyWebhookSecret: env.OPSCYCLE_NOTIFY_WEBHOOK_SECRET ?? '',
  };
}
