import { NativeConnection, Worker } from '@temporalio/worker';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { connectStorage } from '@opscycle/storage';
import { createActivities } from './activities';
import { activityInterceptors } from './activityFailures';
import { workerEnv } from './env';

// The worker process: bundles workflow code at start and runs until SIGINT/SIGTERM.
const env = workerEnv();
const require = createRequire(import.meta.url);
const storage = await connectStorage(env.mongoUri, env.dbName);
const connection = await NativeConnection.connect({ address: env.temporalAddress });
const activities = createActivities({
  connection: storage,
  exportTarget: {
    csvDir: resolve(env.exportDir),
    webhookUrl: env.payoutWebhookUrl,
    webhookSecret: env.payoutWebhookSecret,
  },
  reminderTarget: { url: env.notifyWebhookUrl, secret: env.notifyWebhookSecret },
});
const worker = await Worker.create({
  connection,
  namespace: env.namespace,
  taskQueue: env.taskQueue,
  interceptors: activityInterceptors,
  ...(env.role === 'activities' ? {} : { workflowsPath: require.resolve('@opscycle/workflows') }),
  ...(env.role === 'workflows' ? {} : { activities }),
});
console.log(`[worker] ${env.role}: polling ${env.taskQueue} on ${env.temporalAddress}`);
await worker.run();
await connection.close();
await storage.close();
