import { connectStorage, type UpsertCounts } from '@opscycle/storage';
import { generateDemoCompany } from './demo/company';
import { seedDemoData } from './demo/seedDemo';
import { workerEnv } from './env';

// `npm start` runs this before the worker: the demo company, seeded by business key, so starting
// twice duplicates nothing.
const env = workerEnv();
const connection = await connectStorage(env.mongoUri, env.dbName);
try {
  const started = Date.now();
  const counts = await seedDemoData(connection, generateDemoCompany());
  const line = (Object.entries(counts) as [string, UpsertCounts][])
    .map(([what, c]) => `${what} +${c.created} ~${c.updated} =${c.unchanged}`)
    .join(', ');
  console.log(`[seed] demo company in ${env.dbName} (${Date.now() - started} ms): ${line}`);
} finally {
  await connection.close();
}
