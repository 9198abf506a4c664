import { Client, Connection } from '@temporalio/client';
import { connectStorage } from '@opscycle/storage';
import { demoCycleTemplate } from './demo/cycle';
import { runDemoPayout } from './demo/payout';
import { workerEnv } from './env';

// `npm start` runs this once the worker polls: last period's payout run, approved by the demo finance
// person, so the app opens with statements. A restart finds the completed run and changes nothing.
const env = workerEnv();
const connection = await connectStorage(env.mongoUri, env.dbName);
try {
  const temporal = await Connection.connect({ address: env.temporalAddress });
  try {
    const started = Date.now();
    const run = await runDemoPayout(
      new Client({ connection: temporal, namespace: env.namespace }),
      connection,
    );
    const total = (run.totalMinor / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
    console.log(
      `[demo] payout run ${run.runId} approved: ${run.payees} statements, total ${total} ${demoCycleTemplate().payout.currency} (${Date.now() - started} ms)`,
    );
  } finally {
    await temporal.close();
  }
} finally {
  await connection.close();
}
