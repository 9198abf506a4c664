import type { Client, Connection } from '@temporalio/client';
import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, DEMO_PASSWORD, demoUsername, seedDemoUsers } from '@opscycle/api';
import {
  ApprovalList,
  ApprovalState,
  Reconciliation,
  type AuditEntry,
  type CycleProgress,
} from '@opscycle/domain';
import { approvalModel, auditModel, loadPlanResult } from '@opscycle/storage';
import { createActivities } from '@opscycle/worker';
import { cycleProgressQuery } from '@opscycle/workflows/messages';
import {
  advanceDemoCycle,
  demoSignOffId,
  demoBottomUpSubmissions,
  seedDemoBottomUp,
  generateDemoCompany,
  type DemoCompany,
  DEMO_FISCAL_YEAR,
  startDemoCycle,
  seedDemoData,
} from '@opscycle/worker/demo';
import { connectTestDatabase, temporalClient, uniqueName } from '../support';
import { NO_PAYOUT_EXPORTS, startTestWorker, type TestWorker } from '../testWorker';

const taskQueue = uniqueName('demo-cycle');
/** Unique per run: the shared Temporal server remembers workflow ids (the cycle's and its sign-offs'). */
const cycleId = `cycle-FY${DEMO_FISCAL_YEAR}-${uniqueName('acme')}`;

let db: mongoose.Connection;
let demo: DemoCompany;
let client: Client;
let clientConnection: Connection;
let worker: TestWorker;

beforeAll(async () => {
  db = await connectTestDatabase('demo-cycle');
  demo = generateDemoCompany();
  await seedDemoData(db, demo);
  await seedDemoUsers(db, demo.people);
  await seedDemoBottomUp(db, cycleId, demoBottomUpSubmissions(demo, DEMO_FISCAL_YEAR));
  ({ client, connection: clientConnection } = await temporalClient());
  worker = await startTestWorker({
    taskQueue,
    shutdownGraceTime: '200ms',
    activities: createActivities({
      connection: db,
      // The cycle never reaches a payout here: nothing is exported.
      exportTarget: NO_PAYOUT_EXPORTS,
    }),
  });
  await startDemoCycle(client, db, { cycleId, taskQueue });
}, 60_000);

afterAll(async () => {
  await client.workflow
    .getHandle(cycleId)
    .terminate('test over')
    .catch(() => undefined);
  await worker.stop();
  await clientConnection.close();
  await db.dropDatabase();
  await db.close();
});

describe('demoBottomUpSubmissions', () => {
  it('is the same for the same seed, one per region and team, each by that unit’s manager', () => {
    const submissions = demoBottomUpSubmissions(demo, DEMO_FISCAL_YEAR);
    expect(demoBottomUpSubmissions(generateDemoCompany(), DEMO_FISCAL_YEAR)).toEqual(submissions);
    const units = demo.units.filter((u) => u.kind !== 'company').map((u) => u.id);
    expect(submissions.map((s) => s.unitId).sort()).toEqual(units.sort());
    for (const s of submissions) {
      const manager = demo.people.find((p) => p.id === s.submittedBy);
      expect(manager?.role, s.unitId).toBe('manager');
      expect(manager?.orgUnitId, s.unitId).toBe(s.unitId);
      expect(s.amountMinor % 100_000, s.unitId).toBe(0);
    }
  });
});

describe('advanceDemoCycle', () => {
  it('signs targets off by each unit’s manager, leaves staffing in the inboxes, and a second run changes nothing', async () => {
    const first = await advanceDemoCycle(client, db, { cycleId });
    const units = demo.units.map((u) => u.id);
    expect(first.targetDecisions).toBe(units.length);
    expect(first.staffingWaiting).toBe(units.length);

    const progress: CycleProgress = await client.workflow.getHandle(cycleId).query(cycleProgressQuery);
    const status = Object.fromEntries(progress.steps.map((s) => [s.step, s.status]));
    expect(status).toMatchObject({ strategyAnalysis: 'done', targetSetting: 'done' });
    expect(progress.currentStep).toBe('staffing');
    // `waitingForApproval` once the staffing fan-out returns; every sign-off is already pending below.
    expect(['running', 'waitingForApproval']).toContain(status.staffing);

    // The gap is real: reconciled for every region and team, some above the top-down, some below.
    const reconciliation = Reconciliation.parse(await loadPlanResult(db, 'reconciliation', cycleId));
    expect(reconciliation.missingUnitIds).toEqual([]);
    const gaps = reconciliation.lines.map((l) => l.gapMinor);
    expect(gaps.every((g) => g !== null)).toBe(true);
    expect(gaps.some((g) => g !== null && g > 0)).toBe(true);
    expect(gaps.some((g) => g !== null && g < 0)).toBe(true);

    // Each target sign-off carried its unit's gap and was approved by that unit's manager, never ops.
    for (const unit of demo.units) {
      const row = await approvalModel(db)
        .findById(demoSignOffId(cycleId, 'targetSetting', 'quota', unit.id))
        .lean();
      const state = ApprovalState.parse(row?.state);
      expect(state.status, unit.id).toBe('approved');
      if (unit.kind !== 'company') expect(state.facts.gapMinor, unit.id).not.toBeNull();
      const manager = demo.people.find((p) => p.role === 'manager' && p.orgUnitId === unit.id);
      expect(
        state.decisions.map((d) => [d.kind, d.actorId]),
        unit.id,
      ).toEqual([['approve', manager?.id]]);
      expect(state.submittedBy).not.toBe(manager?.id);
    }

    // The company's manager (the `manager` login) finds the company's staffing sign-off in the inbox.
    const app = await buildApp({
      connection: db,
      temporal: client,
      jwtSecret: 'demo-cycle-test-secret-0123456789abcdef',
    });
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: demoUsername('manager'), password: DEMO_PASSWORD },
      });
      expect(login.statusCode, login.body).toBe(200);
      const inbox = await app.inject({
        method: 'GET',
        url: '/api/approvals?status=pending',
        headers: { authorization: `Bearer ${login.json<{ token: string }>().token}` },
      });
      expect(inbox.statusCode, inbox.body).toBe(200);
      const pending = ApprovalList.parse(inbox.json()).approvals;
      expect(pending.map((a) => a.approvalId)).toContain(
        demoSignOffId(cycleId, 'staffing', 'staffing', demo.companyId),
      );
      expect(pending.every((a) => a.subject.kind === 'staffing')).toBe(true);
    } finally {
      await app.close();
    }

    const audited = () => auditModel(db).countDocuments();
    const decided = await auditModel(db)
      .find()
      .where({ action: 'approval.decided', 'object.type': 'approval.quota' })
      .lean<AuditEntry[]>();
    expect(decided).toHaveLength(units.length);
    const before = await audited();
    const again = await advanceDemoCycle(client, db, { cycleId });
    expect(again).toEqual({ ...first, targetDecisions: 0 });
    expect(await audited()).toBe(before);
  }, 240_000);
});
