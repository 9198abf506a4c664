import { Client, Connection } from '@temporalio/client';
import { seedDemoRuleSets, seedDemoUsers } from '@opscycle/api';
import { connectStorage, kpiSnapshotModel, type UpsertCounts } from '@opscycle/storage';
import { workerEnv } from '@opscycle/worker';
import {
  DEMO_FISCAL_YEAR,
  DEMO_LAST_CYCLE_ID,
  demoBottomUpSubmissions,
  demoCycleId,
  generateDemoCompany,
  seedDemoBottomUp,
  seedDemoData,
  seedDemoPlanHistory,
  startDemoCycle,
} from '@opscycle/worker/demo';

// `npm start` runs this before the worker: the demo company, seeded by business key, so starting
// twice duplicates nothing. The pieces other packages own (logins) come from their own functions.
const env = workerEnv();
const connection = await connectStorage(env.mongoUri, env.dbName);
try {
  const started = Date.now();
  const demo = generateDemoCompany();
  const counts = await seedDemoData(connection, demo);
  const line = (Object.entries(counts) as [string, UpsertCounts][])
    .map(([what, c]) => `${what} +${c.created} ~${c.updated} =${c.unchanged}`)
    .join(', ');
  console.log(`[seed] demo company in ${env.dbName} (${Date.now() - started} ms): ${line}`);
  // Last year's plan derives from the data above: once stored, a restart need not recompute it.
  if ((await kpiSnapshotModel(connection).countDocuments({ cycleId: DEMO_LAST_CYCLE_ID })) === 0) {
    const reviews = await seedDemoPlanHistory(connection, demo);
    console.log(
      `[seed] ${DEMO_LAST_CYCLE_ID}: targets down to every rep; ${reviews} quarterly reviews (FY2025-FY2026) of every unit`,
    );
  }
  const users = await seedDemoUsers(connection, demo.people);
  console.log(`[seed] demo logins: ${users.map((u) => `${u.id} (${u.role})`).join(', ')}`);
  const opsAdmin = users.find((u) => u.role === 'opsAdmin');
  if (!opsAdmin) throw new Error('the demo company has no ops admin to publish the demo rule sets');
  const ruleSets = await seedDemoRuleSets(connection, opsAdmin);
  console.log(
    `[seed] demo rule sets: published ${ruleSets.published.map((v) => `${v.ruleSetId}@${v.version}`).join(', ') || 'none'}` +
      (ruleSets.existing.length ? `; already published ${ruleSets.existing.join(', ')}` : ''),
  );
  // Managers' bottom-up numbers exist before the cycle computes its top-down targets, so every
  // target sign-off carries its unit's gap.
  const submitted = await seedDemoBottomUp(
    connection,
    demoCycleId(),
    demoBottomUpSubmissions(demo, DEMO_FISCAL_YEAR),
  );
  console.log(`[seed] ${demoCycleId()}: ${submitted} new bottom-up submissions by the unit managers`);
  // The FY2027 cycle runs on Temporal: strategy analysis completes at once, then target sign-offs
  // wait until the demo's advance step (worker/src/demoCycle.ts) has the managers sign them off.
  const temporal = await Connection.connect({ address: env.temporalAddress });
  try {
    const cycle = await startDemoCycle(
      new Client({ connection: temporal, namespace: env.namespace }),
      connection,
    );
    console.log(`[seed] ${cycle.cycleId}: ${cycle.started ? 'started' : 'already running'}`);
  } finally {
    await temporal.close();
  }
} finally {
  await connection.close();
}
