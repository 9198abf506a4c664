import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type mongoose from 'mongoose';
import { createActivities } from '@opscycle/worker';
import { startTestWorker } from '../testWorker';
import { startWebhookReceiver } from '../workflows/webhookReceiver';

export interface PayoutWorker {
  /** Receives the run's signed export, as HR/finance would. */
  receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  /** Stops the worker, then the receiver. */
  stop(): Promise<void>;
}

/**
 * A worker with every activity on `taskQueue`, exporting payouts the real way: a CSV file in a fresh
 * temporary folder and a signed webhook to a receiver that checks the signature.
 */
export async function startPayoutWorker(
  db: mongoose.Connection,
  taskQueue: string,
  secret: string,
): Promise<PayoutWorker> {
  const receiver = await startWebhookReceiver(secret);
  const csvDir = await mkdtemp(join(tmpdir(), `opscycle-${taskQueue}-`));
  const worker = await startTestWorker({
    taskQueue,
    shutdownGraceTime: '200ms',
    activities: createActivities({
      connection: db,
      exportTarget: { csvDir, webhookUrl: receiver.url, webhookSecret: secret },
    }),
  });
  return {
    receiver,
    async stop() {
      await worker.stop();
      await receiver.close();
    },
  };
}
