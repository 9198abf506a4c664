/** Where the worker finds its servers; `npm start` and the tests set these from the launcher. */
export function workerEnv(env: NodeJS.ProcessEnv = process.env) {
  return {
    temporalAddress: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    namespace: env.TEMPORAL_NAMESPACE ?? 'default',
    mongoUri: env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/',
    dbName: env.OPSCYCLE_DB ?? 'opscycle',
    /** Where payout CSV files are written for HR/finance. */
    exportDir: env.OPSCYCLE_EXPORT_DIR ?? '.data/exports',
    /** The HR/finance endpoint receiving signed payout exports; unset = exports refuse to run. */
    payoutWebhookUrl: env.OPSCYCLE_PAYOUT_WEBHOOK_URL ?? '',
    payoutWebhookSecret: env.OPSCYCLE_PAYOUT_WEBHOOK_SECRET ?? '',
    /**
     * Where approval reminders are posted, signed, for chat robots or mail gateways to pass on to the
     * approvers; unset = reminders are only recorded (the notification centre), nobody is told.
     */
    notifyWebhookUrl: env.OPSCYCLE_NOTIFY_WEBHOOK_URL ?? '',
    notifyWebhookSecret: env.OPSCYCLE_NOTIFY_WEBHOOK_SECRET ?? '',
  };
}
