/**
 * Payout run benchmark: seeds a fresh database with N payees (reps in teams, a manager per team)
 * and M deal lines won in one month, then runs the real payout run workflow on the real servers:
 * partitions computed by activities with the published demo plan, finance approval given here,
 * export to a local signed-webhook receiver. Prints figures; asserts nothing about time.
 *
 *   npm run bench:cycle                      (10,000 payees x 1,000,000 deal lines)
 *   tsx worker/bench/payoutRun.bench.ts --payees 1000 --deals 100000 --partitions 8 --activity-workers 2
 *
 * Servers: TEMPORAL_ADDRESS / MONGODB_URI, else the test profile's (127.0.0.1:7633, 127.0.0.1:27617).
 * `--seed-budget-s` bounds seeding: when it runs out, the run goes on with the deals seeded so far
 * and the figures say so. `--run-budget-s` bounds the computation: the run is then terminated and
 * what it reached is printed.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Deal, OrgUnit, PayoutRunInput, Person, QuotaAllocation } from '@opscycle/domain';
import { demoIncentivePlan, publishRuleSetVersion } from '@opscycle/rules';
import {
  connectStorage,
  dealModel,
  storeRuleSetVersion,
  saveQuotaAllocations,
  statementModel,
  upsertOrgUnits,
  upsertPeople,
} from '@opscycle/storage';
import type { payoutRunWorkflow } from '@opscycle/workflows';
import {
  approvalIdFor,
  approvalStateQuery,
  approvalWorkflowId,
  approveUpdate,
  payoutRunId,
  payoutRunProgressQuery,
  payoutRunWorkflowId,
  WORKFLOW_TYPES,
} from '@opscycle/workflows/messages';
import { createActivities } from '../src/activities';
import { activityInterceptors } from '../src/activityFailures';
import { signWebhookBody } from '../src/webhook';

const { values: args } = parseArgs({
  options: {
    payees: { type: 'string', default: '10000' },
    deals: { type: 'string', default: '1000000' },
    partitions: { type: 'string', default: '4' },
    'team-size': { type: 'string', default: '100' },
    'seed-budget-s': { type: 'string', default: '240' },
    'run-budget-s': { type: 'string', default: '420' },
    keep: { type: 'boolean', default: false },
    'activity-workers': { type: 'string', default: '2' },
    db: { type: 'string' },
  },
});
const PAYEES = Number(args.payees);
const DEALS = Number(args.deals);
const PARTITIONS = Number(args.partitions);
const TEAM_SIZE = Number(args['team-size']);
const SEED_BUDGET_MS = Number(args['seed-budget-s']) * 1000;
const RUN_BUDGET_MS = Number(args['run-budget-s']) * 1000;
const ACTIVITY_WORKERS = Number(args['activity-workers']);
const TEMPORAL = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7633';
const MONGO = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27617/';
const PERIOD = '2027-03';
const PLAN = demoIncentivePlan.id;
const SECRET = 'bench-webhook-secret';
const stamp = Date.now().toString(36);
const dbName = args.db ?? `bench-payout-${stamp}`;
const taskQueue = `bench-payout-${stamp}`;
const planId = `bench-${stamp}`;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const log = (message: string) => console.log(`[bench:payoutRun] ${message}`);

/** Teams of TEAM_SIZE payees: one manager and TEAM_SIZE - 1 reps each, until PAYEES payees. */
function organisation(): { units: OrgUnit[]; people: Person[]; reps: string[] } {
  const units: OrgUnit[] = [{ id: 'bench', name: 'Bench Co', kind: 'company', parentId: null }];
  const people: Person[] = [
    { id: 'ops', name: 'Ops', email: 'ops@bench.test', role: 'opsAdmin', orgUnitId: 'bench' },
    { id: 'fin', name: 'Finance', email: 'fin@bench.test', role: 'finance', orgUnitId: 'bench' },
  ];
  const reps: string[] = [];
  for (let team = 0; reps.length + units.length - 1 < PAYEES; team++) {
    const teamId = `team-${team}`;
    units.push({ id: teamId, name: `Team ${team}`, kind: 'team', parentId: 'bench' });
    people.push({
      id: `mgr-${team}`,
      name: `Manager ${team}`,
      email: `mgr-${team}@bench.test`,
      role: 'manager',
      orgUnitId: teamId,
    });
    for (let r = 1; r < TEAM_SIZE && reps.length + units.length - 1 < PAYEES; r++) {
      const id = `rep-${String(reps.length).padStart(6, '0')}`;
      reps.push(id);
      people.push({
        id,
        name: id,
        email: `${id}@bench.test`,
        role: 'rep',
        orgUnitId: teamId,
        salesRole: 'direct',
        hiredOn: '2020-01-15',
      });
    }
  }
  return { units, people, reps };
}

function quota(repId: string, teamId: string): QuotaAllocation {
  return {
    fiscalYear: 2027,
    unitId: repId,
    unitKind: 'rep',
    parentId: teamId,
    currency: 'CNY',
    amountMinor: 120_000_000,
    monthlyMinor: Array.from({ length: 12 }, () => 10_000_000),
    mix: [],
    historyMinor: 0,
    potential: 0,
    weight: 1,
  };
}

/** A won deal in March 2027; deterministic amounts, product lines, new logos and a few refunds. */
function deal(i: number, repId: string, teamId: string): Deal & { _id: string } {
  const dealId = `bd-${String(i).padStart(7, '0')}`;
  const amountMinor = 50_000 + ((i * 7_919) % 400_000);
  const day = String(1 + (i % 28)).padStart(2, '0');
  const refunded = i % 97 === 0;
  return {
    _id: dealId,
    dealId,
    repId,
    teamId,
    customerId: `c-${i % 50_000}`,
    customerSize: i % 5 === 0 ? 'key' : 'smb',
    customerValue: 'normal',
    isNewCustomer: i % 11 === 0,
    productLine: ['cloud', 'erp', 'crm'][i % 3]!,
    channel: 'direct',
    stage: 'paymentFollowUp',
    status: refunded ? 'refunded' : 'won',
    amountMinor,
    currency: 'CNY',
    discountPct: i % 15,
    createdOn: '2027-01-10',
    wonOn: `${PERIOD}-${day}`,
    invoicedMinor: amountMinor,
    collectedMinor: i % 4 === 0 ? Math.floor(amountMinor / 2) : amountMinor,
    collectedOn: `${PERIOD}-28`,
    refundedOn: refunded ? '2027-05-02' : null,
    leadSource: 'inbound',
    budgetConfirmed: true,
    decisionMakerMet: true,
    needIdentified: true,
    proposalSubmittedOn: '2027-02-01',
    proposalAccepted: true,
  };
}

/**
 * Stands in for HR/finance: checks the signature, answers 200, and keeps each export once by its id,
 * as a receiver must (an attempt that failed after delivering re-sends its pending exports).
 */
async function startReceiver(): Promise<{
  url: string;
  received: () => { distinct: number; resent: number };
  close: () => Promise<void>;
}> {
  const exportIds = new Set<string>();
  let resent = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const ok = request.headers['x-opscycle-signature'] === signWebhookBody(SECRET, body);
      if (ok)
        for (const { exportId } of (JSON.parse(body) as { exports: { exportId: string }[] }).exports) {
          if (exportIds.has(exportId)) resent++;
          exportIds.add(exportId);
        }
      response.writeHead(ok ? 200 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/payouts`,
    received: () => ({ distinct: exportIds.size, resent }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * An activity-only worker process: the production entry point (`worker/src/main.ts`) with
 * OPSCYCLE_WORKER_ROLE=activities on the bench's task queue and database.
 */
function startActivityWorker(csvDir: string, webhookUrl: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/src/main.ts'], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: TEMPORAL,
      MONGODB_URI: MONGO,
      OPSCYCLE_DB: dbName,
      OPSCYCLE_TASK_QUEUE: taskQueue,
      OPSCYCLE_WORKER_ROLE: 'activities',
      OPSCYCLE_EXPORT_DIR: csvDir,
      OPSCYCLE_PAYOUT_WEBHOOK_URL: webhookUrl,
      OPSCYCLE_PAYOUT_WEBHOOK_SECRET: SECRET,
    },
  });
  return child;
}

async function stopActivityWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

/** The kernel's high-water mark of a process's resident memory (Linux). */
function peakRssOf(pid: number | undefined): string {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? `${(Number(match[1]) / 1024).toFixed(0)} MB` : 'unknown';
  } catch {
    return 'unknown (process gone)';
  }
}

const activityWorkers: ChildProcess[] = [];
// Interrupted, the bench takes its worker processes with it.
process.once('exit', () => activityWorkers.forEach((child) => child.kill('SIGKILL')));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
let peakRss = 0;
const rssSampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 250);

const db = await connectStorage(MONGO, dbName);
const csvDir = await mkdtemp(join(tmpdir(), 'opscycle-bench-payout-'));
const receiver = await startReceiver();
const nativeConnection = await NativeConnection.connect({ address: TEMPORAL });
const clientConnection = await Connection.connect({ address: TEMPORAL });
const client = new Client({ connection: clientConnection });
let worker: Worker | undefined;
let running: Promise<void> | undefined;
try {
  log(
    `${PAYEES} payees x ${DEALS} deal lines, ${PARTITIONS} partitions, ${ACTIVITY_WORKERS || 'no'} activity worker processes (0: activities in this process); db ${dbName} on ${MONGO}, Temporal ${TEMPORAL}`,
  );

  // ---- seeding ----
  const seedStarted = Date.now();
  // Written last by a completed seeding, read by `_id` (a count would read every deal on FerretDB).
  const seedMarker = db.collection<{ _id: string; payees: number; deals: number; seedMs: number }>(
    'bench_seed',
  );
  const reused = await seedMarker.findOne({ _id: 'seed' });
  if (reused && (reused.payees !== PAYEES || reused.deals !== DEALS))
    throw new Error(`database ${dbName} was seeded with ${reused.payees} payees x ${reused.deals} deals`);
  const { units, people, reps } = organisation();
  await upsertOrgUnits(db, units);
  await upsertPeople(db, people);
  const teamOf = new Map(people.map((p) => [p.id, p.orgUnitId]));
  await saveQuotaAllocations(
    db,
    `cycle-FY2027-bench`,
    reps.map((id) => quota(id, teamOf.get(id)!)),
  );
  const published = publishRuleSetVersion({
    graph: demoIncentivePlan,
    version: 1,
    publishedBy: 'ops',
    publishedAt: new Date(),
  });
  if (!reused) await storeRuleSetVersion(db, published);
  const deals = dealModel(db).collection;
  const BATCH = 5_000;
  let seeded = reused ? reused.deals : 0;
  let lastReport = Date.now();
  while (seeded < DEALS && Date.now() - seedStarted < SEED_BUDGET_MS) {
    const batch = [];
    for (let i = seeded; i < Math.min(DEALS, seeded + BATCH); i++) {
      const repId = reps[i % reps.length]!;
      batch.push(deal(i, repId, teamOf.get(repId)!));
    }
    // Generated documents of a known-valid shape: inserted raw, without per-document validation.
    await deals.insertMany(batch as never[], { ordered: false });
    seeded += batch.length;
    if (Date.now() - lastReport > 15_000) {
      lastReport = Date.now();
      log(`  seeded ${seeded} deal lines (${seconds(Date.now() - seedStarted)})`);
    }
  }
  const seedMs = reused ? reused.seedMs : Date.now() - seedStarted;
  if (!reused && seeded === DEALS)
    await seedMarker.insertOne({ _id: 'seed', payees: PAYEES, deals: DEALS, seedMs });
  // Counted here: a count on the server reads the whole collection (FerretDB), which takes minutes.
  const dealCount = seeded;
  log(
    `seeding${reused ? ` (reused database ${dbName}, seeded earlier)` : ''}: ${seconds(seedMs)} (${people.length} people, ${reps.length} quotas, ${dealCount} deal lines${
      dealCount < DEALS ? `: seed budget of ${seconds(SEED_BUDGET_MS)} ran out before ${DEALS}` : ''
    })`,
  );

  // ---- the run ----
  const require = createRequire(import.meta.url);
  // With activity workers, this process runs only the workflows: a partition's CPU work (parsing and
  // evaluating hundreds of thousands of deals) held up its workflow tasks for 14-17 s when both shared it.
  for (let i = 0; i < ACTIVITY_WORKERS; i++) activityWorkers.push(startActivityWorker(csvDir, receiver.url));
  worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    workflowsPath: require.resolve('@opscycle/workflows'),
    interceptors: activityInterceptors,
    ...(ACTIVITY_WORKERS > 0
      ? {}
      : {
          maxConcurrentActivityTaskExecutions: 4,
          activities: createActivities({
            connection: db,
            exportTarget: { csvDir, webhookUrl: receiver.url, webhookSecret: SECRET },
          }),
        }),
  });
  running = worker.run();
  const input: PayoutRunInput = {
    planId,
    period: PERIOD,
    revision: 1,
    incentiveRuleSet: { ruleSetId: PLAN, version: 1 },
    currency: 'CNY',
    partitionCount: PARTITIONS,
    submittedBy: 'ops',
    orgUnitId: 'bench',
    approval: {
      subjectKind: 'payout',
      routing: { kind: 'roles', roles: ['finance'] },
      levelDeadlineMs: 3_600_000,
      resubmitDeadlineMs: 3_600_000,
    },
  };
  const runStarted = Date.now();
  const handle = await client.workflow.start<typeof payoutRunWorkflow>(WORKFLOW_TYPES.payoutRun, {
    taskQueue,
    workflowId: payoutRunWorkflowId(planId, PERIOD, 1),
    args: [input],
  });
  let progress = await handle.query(payoutRunProgressQuery);
  let lastProgress = Date.now();
  let snapshotMs: number | undefined;
  while (progress.status === 'computing') {
    await new Promise((resolve) => setTimeout(resolve, 500));
    progress = await handle.query(payoutRunProgressQuery);
    if (snapshotMs === undefined && progress.dealLines !== undefined) {
      snapshotMs = Date.now() - runStarted;
      log(`deal lines read once into the run's snapshot: ${progress.dealLines} in ${seconds(snapshotMs)}`);
    }
    const { status } = await handle.describe();
    if (status.name !== 'RUNNING') throw new Error(`the payout run ended ${status.name} while computing`);
    if (Date.now() - runStarted > RUN_BUDGET_MS) {
      log(
        `run budget of ${seconds(RUN_BUDGET_MS)} ran out while computing: reached ${progress.partitionsComputed}/${PARTITIONS} partitions, ${progress.payees} payees; peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB`,
      );
      await handle.terminate('benchmark run budget exhausted');
      process.exitCode = 2;
      break;
    }
    if (Date.now() - lastProgress > 15_000) {
      lastProgress = Date.now();
      log(`  computing: ${progress.partitionsComputed}/${PARTITIONS} partitions, ${progress.payees} payees`);
    }
  }
  if (progress.status === 'computing') throw new Error('stopped: run budget exhausted (figures above)');
  const computeMs = Date.now() - runStarted;
  log(
    `computation: ${seconds(computeMs)} (${progress.payees} payees in ${PARTITIONS} partitions, total ${progress.totalMinor} minor units; partitions after the snapshot: ${seconds(computeMs - (snapshotMs ?? 0))})`,
  );

  const runId = payoutRunId(planId, PERIOD, 1);
  const approval = client.workflow.getHandle(approvalWorkflowId(approvalIdFor('payout', runId)));
  for (;;) {
    const state = await approval.query(approvalStateQuery).catch(() => undefined);
    if (state?.status === 'pending') break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await approval.executeUpdate(approveUpdate, {
    args: [{ decisionId: `bench-approve-${runId}`, actorId: 'fin' }],
    updateId: `bench-approve-${runId}`,
  });
  const approvedAt = Date.now();
  const result = await handle.result();
  const endToEndMs = Date.now() - runStarted;
  log(`export (approval given -> every partition exported): ${seconds(Date.now() - approvedAt)}`);
  const statements = await statementModel(db).countDocuments({ runId });
  const history = await handle.fetchHistory();
  log(
    `run: ${result.status}, exported ${result.exported} statements, webhook received ${receiver.received().distinct} distinct exports (${receiver.received().resent} re-sent by retried attempts)`,
  );
  log(`end-to-end (start -> exported, approval included): ${seconds(endToEndMs)}`);
  log(`statements written: ${statements}`);
  log(`history events of the run: ${history.events?.length ?? 0}`);
  log(
    `peak RSS of this process (bench + workflow worker${ACTIVITY_WORKERS > 0 ? '' : ' + activities'}): ${(Math.max(peakRss, process.memoryUsage.rss()) / 1024 / 1024).toFixed(0)} MB`,
  );
  log(
    `summary: seed ${seconds(seedMs)} | read deals ${seconds(snapshotMs ?? 0)} | compute ${seconds(computeMs)} | end-to-end ${seconds(endToEndMs)} | ${statements} statements | ${dealCount} deal lines | load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
} finally {
  clearInterval(rssSampler);
  for (const [i, child] of activityWorkers.entries())
    log(`peak RSS of activity worker ${i + 1}: ${peakRssOf(child.pid)}`);
  worker?.shutdown();
  await running;
  await Promise.all(activityWorkers.map(stopActivityWorker));
  await nativeConnection.close();
  await clientConnection.close();
  await receiver.close();
  await rm(csvDir, { recursive: true, force: true });
  if (!args.keep) await db.dropDatabase();
  await db.close();
}
