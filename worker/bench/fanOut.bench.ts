/**
 * Target-setting fan-out benchmark: seeds a fresh database with an org of 500 units (company,
 * regions, teams) and 5,000 reps with two years of won deals, then runs the annual cycle on the
 * real servers with the worker's real activities: strategy analysis for the company, then target
 * setting fanned out over every unit (child workflows through unitFanOutWorkflow's sliding window
 * and continue-as-new), each unit's quota signed off by its manager (given here, as the managers
 * would). Prints wall times, per-run history lengths of the fan-out chain and of the cycle, and
 * the child workflows started. Prints figures; asserts nothing about time.
 *
 *   npm run bench:cycle
 *   tsx worker/bench/fanOut.bench.ts --units 100 --reps 1000 --window 50
 *
 * Servers: TEMPORAL_ADDRESS / MONGODB_URI, else the test profile's (127.0.0.1:7633, 127.0.0.1:27617).
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, DefaultLogger, Worker } from '@temporalio/worker';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CycleProgress, CycleTemplate, Deal, OrgUnit, Person } from '@opscycle/domain';
import { connectStorage, dealModel, orgUnitModel, upsertOrgUnits, upsertPeople } from '@opscycle/storage';
import type { annualCycleWorkflow } from '@opscycle/workflows';
import {
  approveUpdate,
  cycleProgressQuery,
  cycleSearchAttributes,
  cycleWorkflowId,
  unitFanOutWorkflowId,
  WORKFLOW_TYPES,
} from '@opscycle/workflows/messages';
import { createActivities } from '../src/activities';
import { activityInterceptors } from '../src/activityFailures';

const { values: args } = parseArgs({
  options: {
    units: { type: 'string', default: '500' },
    reps: { type: 'string', default: '5000' },
    regions: { type: 'string', default: '9' },
    window: { type: 'string', default: '50' },
    keep: { type: 'boolean', default: false },
  },
});
const UNITS = Number(args.units);
const REPS = Number(args.reps);
const REGIONS = Number(args.regions);
const WINDOW = Number(args.window);
const TEAMS = UNITS - 1 - REGIONS;
if (!(TEAMS >= 1 && REPS >= TEAMS))
  throw new Error('--units must exceed --regions + 1, --reps at least the teams');

const temporalAddress = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7633';
const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
const mongoUri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27617/';
const stamp = Date.now().toString(36);
const dbName = `bench_fanout_${stamp}`;
const orgId = `bench-${stamp}`;
const taskQueue = `bench-fanout-${stamp}`;
const FISCAL_YEAR = 2027;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const log = (line: string) => console.log(`[bench:fanOut] ${line}`);

/** company -> REGIONS regions -> TEAMS teams (round robin), a manager per unit, REPS reps spread over the teams. */
function anOrg(): { units: OrgUnit[]; people: Person[]; deals: Deal[] } {
  const units: OrgUnit[] = [{ id: orgId, name: 'Bench Co', kind: 'company', parentId: null }];
  for (let r = 0; r < REGIONS; r++)
    units.push({ id: `${orgId}-r${r}`, name: `Region ${r}`, kind: 'region', parentId: orgId });
  for (let t = 0; t < TEAMS; t++)
    units.push({
      id: `${orgId}-t${t}`,
      name: `Team ${t}`,
      kind: 'team',
      parentId: `${orgId}-r${t % REGIONS}`,
    });
  const people: Person[] = units.map((u) => ({
    id: `mgr-${u.id}`,
    name: `Manager of ${u.name}`,
    email: `mgr-${u.id}@bench.test`,
    role: 'manager',
    orgUnitId: u.id,
  }));
  const deals: Deal[] = [];
  for (let i = 0; i < REPS; i++) {
    const teamId = `${orgId}-t${i % TEAMS}`;
    const repId = `${orgId}-rep${i}`;
    people.push({
      id: repId,
      name: `Rep ${i}`,
      email: `${repId}@bench.test`,
      role: 'rep',
      orgUnitId: teamId,
    });
    // Two won deals a year for two years, in months spread over the reps: seasonality to forecast.
    for (const year of [FISCAL_YEAR - 2, FISCAL_YEAR - 1])
      for (const k of [0, 1]) {
        const month = String(((i + k * 6) % 12) + 1).padStart(2, '0');
        const amountMinor = (40_000 + ((i * 7919 + k * 104_729 + year) % 60_000)) * 100;
        deals.push({
          dealId: `${repId}-${year}-${k}`,
          repId,
          teamId,
          customerId: `${repId}-c${k}`,
          customerSize: k === 0 ? 'key' : 'smb',
          customerValue: 'normal',
          isNewCustomer: k === 1,
          productLine: k === 0 ? 'core' : 'addon',
          channel: 'direct',
          stage: 'paymentFollowUp',
          status: 'won',
          amountMinor,
          currency: 'CNY',
          discountPct: 5,
          createdOn: `${year}-${month}-01`,
          wonOn: `${year}-${month}-15`,
          invoicedMinor: amountMinor,
          collectedMinor: amountMinor,
          collectedOn: `${year}-${month}-28`,
          refundedOn: null,
          leadSource: 'inbound',
          budgetConfirmed: true,
          decisionMakerMet: true,
          needIdentified: true,
          proposalSubmittedOn: `${year}-${month}-05`,
          proposalAccepted: true,
        });
      }
  }
  return { units, people, deals };
}

function aTemplate(): CycleTemplate {
  const DAY = 86_400_000;
  const approval = (subjectKind: 'quota' | 'payout', roles: ('manager' | 'finance')[]) => ({
    subjectKind,
    routing: { kind: 'roles' as const, roles },
    levelDeadlineMs: DAY,
    resubmitDeadlineMs: DAY,
  });
  const step = (name: 'strategyAnalysis' | 'targetSetting', scope: 'company' | 'unit') => ({
    step: name,
    scope,
    ownerId: 'bench-ops',
    ownerRole: 'opsAdmin' as const,
    deadlineMs: DAY,
  });
  return {
    id: 'bench',
    name: 'Bench: strategy analysis and target setting',
    steps: [
      step('strategyAnalysis', 'company'),
      { ...step('targetSetting', 'unit'), approval: approval('quota', ['manager']) },
    ],
    reviewPeriods: [`${FISCAL_YEAR}-Q1`],
    periodLengthMs: DAY,
    fanOutWindow: WINDOW,
    payout: {
      planId: `plan-${orgId}`,
      incentiveRuleSet: { ruleSetId: 'incentive', version: 1 },
      partitionCount: 1,
      approval: approval('payout', ['finance']),
      currency: 'CNY',
    },
  };
}

async function runs(client: Client, workflowId: string) {
  const found: { runId: string; status: string; historyLength: number; startTime: Date }[] = [];
  for await (const w of client.workflow.list({ query: `WorkflowId = "${workflowId}"` }))
    found.push({
      runId: w.runId,
      status: w.status.name,
      historyLength: w.historyLength,
      startTime: w.startTime,
    });
  return found.sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
}

async function count(client: Client, query: string): Promise<number> {
  return (await client.workflow.count(query)).count;
}

Runtime.install({ logger: new DefaultLogger('WARN') });
const storage = await connectStorage(mongoUri, dbName);
const clientConnection = await Connection.connect({ address: temporalAddress });
const client = new Client({ connection: clientConnection, namespace });
const workerConnection = await NativeConnection.connect({ address: temporalAddress });
const csvDir = await mkdtemp(join(tmpdir(), 'opscycle-bench-fanout-'));
let worker: Worker | undefined;
let running: Promise<void> | undefined;
try {
  const seedStart = Date.now();
  const { units, people, deals } = anOrg();
  await upsertOrgUnits(storage, units);
  await upsertPeople(storage, people);
  // The shared Mongo-wire server has lost a whole batch under heavy load: check before timing anything.
  const storedUnits = await orgUnitModel(storage).countDocuments();
  if (storedUnits !== units.length) throw new Error(`seeded ${units.length} units, ${storedUnits} stored`);
  // Generated deals are valid by construction: one raw insert per batch instead of per-row validation.
  for (let start = 0; start < deals.length; start += 5_000)
    await dealModel(storage).collection.insertMany(
      deals.slice(start, start + 5_000).map((d) => ({ ...d, _id: d.dealId })) as never[],
      { ordered: false },
    );
  log(
    `seeded ${units.length} units, ${people.length - units.length} reps, ${units.length} managers, ${deals.length} deals into ${dbName} in ${seconds(Date.now() - seedStart)}`,
  );

  const require = createRequire(import.meta.url);
  const bundleStart = Date.now();
  worker = await Worker.create({
    connection: workerConnection,
    namespace,
    taskQueue,
    workflowsPath: require.resolve('@opscycle/workflows'),
    interceptors: activityInterceptors,
    activities: createActivities({
      connection: storage,
      exportTarget: { csvDir, webhookUrl: 'http://127.0.0.1:9/unused', webhookSecret: 'unused' },
    }),
  });
  running = worker.run().catch((error: unknown) => {
    console.error('[bench:fanOut] worker failed', error);
    process.exit(1);
  });
  log(`worker ready (workflow bundle) in ${seconds(Date.now() - bundleStart)}`);

  const cycleId = cycleWorkflowId(FISCAL_YEAR, orgId);
  const start = Date.now();
  const handle = await client.workflow.start<typeof annualCycleWorkflow>(WORKFLOW_TYPES.annualCycle, {
    taskQueue,
    workflowId: cycleId,
    args: [
      { fiscalYear: FISCAL_YEAR, orgId, startedBy: 'bench-ops', template: aTemplate(), orgUnits: units },
    ],
    typedSearchAttributes: cycleSearchAttributes(FISCAL_YEAR, orgId, 'strategyAnalysis', 'running'),
  });

  // The managers sign off as their unit's sign-off shows up in the cycle's pending approvals.
  const approved = new Set<string>();
  let fanOutDoneAt: number | undefined;
  let firstSignOffAt: number | undefined;
  let progress: CycleProgress = await handle.query(cycleProgressQuery);
  let reportedAt = Date.now();
  for (;;) {
    progress = await handle.query(cycleProgressQuery);
    const step = progress.steps.find((s) => s.step === 'targetSetting');
    if (Date.now() - reportedAt > 30_000) {
      // A line every 30 s: a run that does not finish still leaves its figures.
      reportedAt = Date.now();
      const { historyLength } = await handle.describe();
      log(
        `${seconds(reportedAt - start)}: ${progress.currentStep} ${progress.status}; units started ${progress.units.length}, signed off ${step?.unitsDone ?? 0}, pending ${progress.pendingApprovals.length}; current cycle run ${historyLength} events`,
      );
    }
    if (progress.status === 'completed' || progress.status === 'halted') break;
    if (
      fanOutDoneAt === undefined &&
      progress.currentStep === 'targetSetting' &&
      step?.status === 'waitingForApproval'
    )
      fanOutDoneAt = Date.now();
    const pending = progress.pendingApprovals.filter(
      (p) => p.subjectKind === 'quota' && !approved.has(p.approvalId),
    );
    if (pending.length > 0) firstSignOffAt ??= Date.now();
    for (let i = 0; i < pending.length; i += 20)
      await Promise.all(
        pending.slice(i, i + 20).map(async (p) => {
          const decisionId = `${p.approvalId}-bench`;
          await client.workflow.getHandle(p.workflowId).executeUpdate(approveUpdate, {
            args: [{ decisionId, actorId: p.assigneeIds[0] ?? '' }],
            updateId: decisionId,
          });
          approved.add(p.approvalId);
        }),
      );
    if (pending.length === 0) await new Promise((r) => setTimeout(r, 250));
  }
  const end = Date.now();
  const result = await handle.result();

  const fanOutRuns = await runs(client, unitFanOutWorkflowId(cycleId, 'targetSetting'));
  const cycleRuns = await runs(client, cycleId);
  const unitSteps = await count(
    client,
    `WorkflowType = '${WORKFLOW_TYPES.unitStep}' AND WorkflowId STARTS_WITH '${cycleId}-targetSetting-'`,
  );
  const approvals = await count(
    client,
    `WorkflowType = '${WORKFLOW_TYPES.approval}' AND WorkflowId STARTS_WITH 'approval-quota-${cycleId}-'`,
  );
  const max = (xs: number[]) => Math.max(...xs);

  log(
    `org: ${units.length} units (1 company, ${REGIONS} regions, ${TEAMS} teams), ${REPS} reps; window ${WINDOW}`,
  );
  log(
    `cycle ${cycleId}: ${result.status}; targetSetting ${result.steps.find((s) => s.step === 'targetSetting')?.unitsDone}/${units.length} units signed off`,
  );
  log(
    `wall time, start -> all units computed and sign-offs started: ${fanOutDoneAt ? seconds(fanOutDoneAt - start) : 'n/a'}`,
  );
  log(`wall time, first sign-off visible: ${firstSignOffAt ? seconds(firstSignOffAt - start) : 'n/a'}`);
  log(`wall time, start -> ${approved.size} sign-offs given -> cycle completed: ${seconds(end - start)}`);
  log(
    `fan-out chain ${unitFanOutWorkflowId(cycleId, 'targetSetting')}: ${fanOutRuns.length} runs, history lengths [${fanOutRuns.map((r) => r.historyLength).join(', ')}] (max ${max(fanOutRuns.map((r) => r.historyLength))})`,
  );
  log(
    `cycle ${cycleId}: ${cycleRuns.length} runs, history lengths [${cycleRuns.map((r) => `${r.historyLength} ${r.status}`).join(', ')}]`,
  );
  log(
    `child workflows: ${fanOutRuns.length} fan-out runs (1 child + ${fanOutRuns.length - 1} continue-as-new), ${unitSteps} unitStepWorkflow, ${approvals} approvalWorkflow; total ${1 + unitSteps + approvals}`,
  );
} finally {
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await running;
  await workerConnection.close();
  await clientConnection.close();
  if (!args.keep) await storage.dropDatabase();
  await storage.close();
  await rm(csvDir, { recursive: true, force: true });
}
