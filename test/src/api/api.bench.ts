/**
 * `npm run bench:api`: p50/p99 latency and errors of the two hottest reads under concurrent load,
 * the approvals inbox (managers) and statement reads (reps), through a real listening API on the
 * test servers (started here if they are not running) with a freshly seeded database.
 */
import { Client, Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { createRequire } from 'node:module';
import type { ApprovalState, OrgUnit, PayoutStatement, Person } from '@opscycle/domain';
import { startServices } from '@opscycle/services';
import {
  approvalMirrorOf,
  approvalModel,
  isSessionActive,
  rebuildApprovalInbox,
  saveStatements,
  upsertOrgUnits,
  upsertPeople,
} from '@opscycle/storage';
import { buildApp, upsertUser } from '@opscycle/api';

interface CannonResult {
  latency: { p50: number; p99: number; average: number };
  requests: { average: number; total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Cannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests: { method: 'GET'; path: string; headers: Record<string, string> }[];
}) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;

const REGIONS = 4;
const TEAMS_PER_REGION = 5;
const REPS_PER_TEAM = 10;
const RUNS = 12;
const APPROVALS = 500;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PASSWORD = 'bench password 1234';

function anOrg() {
  const units: OrgUnit[] = [{ id: 'co', name: 'Company', kind: 'company', parentId: null }];
  const people: Person[] = [];
  const person = (id: string, role: Person['role'], orgUnitId: string): Person => ({
    id,
    name: id,
    email: `${id}@bench.test`,
    role,
    orgUnitId,
  });
  for (let r = 0; r < REGIONS; r++) {
    units.push({ id: `r${r}`, name: `Region ${r}`, kind: 'region', parentId: 'co' });
    people.push(person(`mgr-r${r}`, 'manager', `r${r}`));
    for (let t = 0; t < TEAMS_PER_REGION; t++) {
      const team = `r${r}-t${t}`;
      units.push({ id: team, name: team, kind: 'team', parentId: `r${r}` });
      people.push(person(`mgr-${team}`, 'manager', team));
      for (let p = 0; p < REPS_PER_TEAM; p++) people.push(person(`rep-${team}-${p}`, 'rep', team));
    }
  }
  return { units, people };
}

function anApproval(i: number, team: string, assignee: string): ApprovalState {
  const approvalId = `budget-${team}-${i}`;
  return {
    approvalId,
    subject: { kind: 'budget', id: approvalId },
    submittedBy: `mgr-${team}`,
    orgUnitId: team,
    status: i % 4 === 0 ? 'approved' : 'pending',
    round: 1,
    currentLevel: 0,
    assigneeIds: [assignee],
    escalations: [],
    remindersSent: 0,
    decisions: [],
    facts: { amountMinor: 100_000 + i, category: 'travel' },
  };
}

function aStatement(run: number, payeeId: string): PayoutStatement {
  const period = `2027-${String(run + 1).padStart(2, '0')}`;
  const amountMinor = 10_000 + run * 7 + payeeId.length;
  return {
    runId: `bench-plan-${period}-r1`,
    planId: 'bench-plan',
    period,
    revision: 1,
    payeeId,
    partition: 0,
    lines: [
      {
        lineKey: 'commission',
        kind: 'payout',
        amountMinor,
        currency: 'CNY',
        explanation: ['5% of won revenue', 'tier 1 (0-100%)'],
      },
    ],
    totalMinor: amountMinor,
    currency: 'CNY',
  };
}

const services = await startServices({ profile: 'test' });
const dbName = `bench_api_${Date.now().toString(36)}`;
const db = mongoose.createConnection(services.mongoUri, { dbName });
await db.asPromise();
const temporalConnection = await Connection.connect({ address: services.temporalAddress });
const temporal = new Client({ connection: temporalConnection, namespace: services.namespace });

try {
  const seedStarted = Date.now();
  const { units, people } = anOrg();
  await upsertOrgUnits(db, units);
  await upsertPeople(db, people);
  const teams = units.filter((u) => u.kind === 'team').map((u) => u.id);
  // The mirror as the approval activity writes it, inserted in one go (saveApprovalState upserts one
  // by one), then the inbox rows built from it as the activity would have.
  await approvalModel(db).insertMany(
    Array.from({ length: APPROVALS }, (_, i) => {
      const team = teams[i % teams.length]!;
      const state = anApproval(i, team, `mgr-${team.split('-')[0]}`);
      return { _id: state.approvalId, ...approvalMirrorOf(state, new Date(Date.UTC(2027, 0, 1, 0, 0, i))) };
    }),
  );
  await rebuildApprovalInbox(db);
  const reps = people.filter((p) => p.role === 'rep');
  for (let run = 0; run < RUNS; run++)
    await saveStatements(
      db,
      reps.map((rep) => aStatement(run, rep.id)),
    );
  const manager = people.find((p) => p.id === 'mgr-r0')!;
  const rep = reps[0]!;
  for (const p of [manager, rep])
    await upsertUser(db, {
      username: p.id,
      password: PASSWORD,
      name: p.name,
      role: p.role,
      orgUnitId: p.orgUnitId,
      personId: p.id,
    });
  console.log(
    `seeded ${units.length} units, ${people.length} people, ${APPROVALS} approvals, ${RUNS * reps.length} statements in ${Date.now() - seedStarted} ms`,
  );

  const app = await buildApp({
    connection: db,
    temporal,
    jwtSecret: 'bench-secret-0123456789abcdef01234567',
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const token = async (username: string) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: PASSWORD },
    });
    return response.json<{ token: string }>().token;
  };
  const managerAuth = { authorization: `Bearer ${await token(manager.id)}` };
  const repAuth = { authorization: `Bearer ${await token(rep.id)}` };

  const scenarios = [
    // The floor of an authenticated read: signature + session lookup, nothing else (health: neither).
    { name: 'health (no token)', requests: [{ method: 'GET' as const, path: '/health', headers: {} }] },
    {
      name: 'token check (auth/me)',
      requests: [{ method: 'GET' as const, path: '/api/auth/me', headers: repAuth }],
    },
    {
      name: 'approvals inbox (manager)',
      requests: [{ method: 'GET' as const, path: '/api/approvals?status=pending', headers: managerAuth }],
    },
    {
      name: 'statement reads (rep)',
      requests: Array.from({ length: RUNS }, (_, run) => ({
        method: 'GET' as const,
        path: `/api/payout-runs/${aStatement(run, rep.id).runId}/statements/${rep.id}`,
        headers: repAuth,
      })),
    },
  ];
  console.log(`\n${CONNECTIONS} connections, ${DURATION_S} s each`);
  console.log('scenario                     p50 ms   p99 ms   avg ms    req/s   requests   errors');
  for (const scenario of scenarios) {
    const result = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: DURATION_S,
      requests: scenario.requests,
    });
    const errors = result.errors + result.timeouts + result.non2xx;
    console.log(
      [
        scenario.name.padEnd(26),
        String(result.latency.p50).padStart(8),
        String(result.latency.p99).padStart(8),
        result.latency.average.toFixed(1).padStart(8),
        result.requests.average.toFixed(0).padStart(8),
        String(result.requests.total).padStart(10),
        String(errors).padStart(8),
      ].join(' '),
    );
  }
  // What the session check adds to every authenticated request: its one lookup, at the same concurrency.
  const { jti } = app.jwt.decode<{ jti: string }>(repAuth.authorization.slice('Bearer '.length)) ?? {
    jti: '',
  };
  const lookups: number[] = [];
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      for (let i = 0; i < 50; i++) {
        const started = performance.now();
        if (!(await isSessionActive(db, jti))) throw new Error('the bench session is not active');
        lookups.push(performance.now() - started);
      }
    }),
  );
  lookups.sort((a, b) => a - b);
  const at = (p: number) => lookups[Math.min(lookups.length - 1, Math.floor(p * lookups.length))]!.toFixed(1);
  console.log(`session check alone (${lookups.length} lookups): p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`);
  await app.close();
} finally {
  await db.dropDatabase();
  await db.close();
  await temporalConnection.close();
}
