import { MockActivityEnvironment } from '@temporalio/testing';
import type { Client, Connection } from '@temporalio/client';
import { DefaultLogger } from '@temporalio/worker';
import type mongoose from 'mongoose';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalReminderModel, upsertOrgUnits, upsertPeople } from '@opscycle/storage';
import {
  createApprovalActivities,
  REMINDER_DELIVERY_ATTEMPTS,
  type ApprovalReminderNotification,
} from '@opscycle/worker';
import type { approvalWorkflow } from '@opscycle/workflows';
import {
  approvalStateQuery,
  approvalWorkflowId,
  approveUpdate,
  WORKFLOW_TYPES,
} from '@opscycle/workflows/messages';
import { connectTestDatabase, temporalClient, uniqueName } from '../support';
import { withTestWorker } from '../testWorker';
import { aBudgetApproval } from '../builders';
import { aSmallOrg, eventually } from './fixtures';
import { signatureMatches } from './webhookReceiver';

const secret = 'reminder-test-secret';

interface ReceivedReminder {
  idempotencyKey: string;
  notification: ApprovalReminderNotification;
}

/**
 * A chat robot / mail gateway standing in for the real one: checks the signature over the raw body,
 * keeps every post it gets, and answers `status` (settable, to play an endpoint that is down).
 */
async function startReminderReceiver() {
  const received: ReceivedReminder[] = [];
  let badSignatures = 0;
  let status = 200;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      if (!signatureMatches(secret, body, request)) badSignatures++;
      received.push({
        idempotencyKey: String(request.headers['idempotency-key']),
        notification: JSON.parse(body.toString('utf8')) as ApprovalReminderNotification,
      });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/reminders`,
    received,
    badSignatures: () => badSignatures,
    answer(next: number) {
      status = next;
    },
    of: (approvalId: string) => received.filter((r) => r.notification.approvalId === approvalId),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let db: mongoose.Connection;
let receiver: Awaited<ReturnType<typeof startReminderReceiver>>;
let activities: ReturnType<typeof createApprovalActivities>;
let client: Client;
let clientConnection: Connection;
const taskQueue = uniqueName('approvalReminders');

/** The activity run outside a workflow, as Temporal would run its `attempt`-th attempt. */
const sendDirectly = (input: Parameters<typeof activities.sendApprovalReminder>[0], attempt = 1) =>
  new MockActivityEnvironment({ attempt }, { logger: new DefaultLogger('ERROR') }).run(() =>
    activities.sendApprovalReminder(input),
  );

const recordsOf = (approvalId: string) =>
  approvalReminderModel(db).find({ approvalId }).sort({ _id: 1 }).lean();

beforeAll(async () => {
  db = await connectTestDatabase('approvalReminders');
  const org = aSmallOrg();
  await upsertOrgUnits(db, org.units);
  // Names unlike the ids, so the test sees that the people were looked up.
  const names: Record<string, string> = { 'm-east': '华东 区域经理 王芳', fin: 'Finance, Li Na' };
  await upsertPeople(
    db,
    org.people.map((p) => ({ ...p, name: names[p.id] ?? p.name })),
  );
  receiver = await startReminderReceiver();
  activities = createApprovalActivities({ connection: db, reminderTarget: { url: receiver.url, secret } });
  ({ client, connection: clientConnection } = await temporalClient());
});

afterAll(async () => {
  await clientConnection.close();
  await receiver.close();
  await db.dropDatabase();
  await db.close();
});

withTestWorker(() => ({ taskQueue, activities }));

describe('approval reminders', () => {
  it('reach each level’s approvers once per reminder, signed, with their names and e-mails', async () => {
    const approvalId = uniqueName('reminded');
    const handle = await client.workflow.start<typeof approvalWorkflow>(WORKFLOW_TYPES.approval, {
      taskQueue,
      workflowId: approvalWorkflowId(approvalId),
      args: [{ ...aBudgetApproval(approvalId, 3_000), reminderEveryMs: 700 }],
    });
    // The workflow awaits each reminder before escalating: level 0's are all delivered by then.
    await eventually(
      () => handle.query(approvalStateQuery),
      (s) => s.currentLevel === 1,
    );
    const level0 = receiver.of(approvalId).filter((r) => r.notification.level === 0);
    // Timers on a loaded machine fire late: at least two of the four due reminders.
    expect(level0.length).toBeGreaterThanOrEqual(2);
    expect(level0.map((r) => r.notification.reminder)).toEqual(level0.map((_, i) => i + 1));
    for (const { idempotencyKey, notification } of level0) {
      expect(notification).toEqual({
        kind: 'approval.reminder',
        reminderId: `${approvalId}:1:0:${notification.reminder}`,
        approvalId,
        title: `budget approval ${approvalId}`,
        subject: { kind: 'budget', id: approvalId },
        orgUnitId: 'east-1',
        round: 1,
        level: 0,
        reminder: notification.reminder,
        at: expect.any(String) as string,
        assignees: [{ id: 'm-east', name: '华东 区域经理 王芳', email: 'm-east@acme.test' }],
        unknownAssigneeIds: [],
      });
      expect(idempotencyKey).toBe(notification.reminderId);
    }

    // Escalated to finance: its reminders name finance, not the region manager.
    const [toFinance] = await eventually(
      () => Promise.resolve(receiver.of(approvalId).filter((r) => r.notification.level === 1)),
      (level1) => level1.length > 0,
    );
    expect(toFinance?.notification.assignees).toEqual([
      { id: 'fin', name: 'Finance, Li Na', email: 'fin@acme.test' },
    ]);

    await handle.executeUpdate(approveUpdate, {
      args: [{ decisionId: `${approvalId}-fin`, actorId: 'fin' }],
      updateId: `${approvalId}-fin`,
    });
    expect(await handle.result()).toMatchObject({ status: 'approved', decidedBy: ['fin'] });
    const final = await handle.query(approvalStateQuery);

    const sent = receiver.of(approvalId);
    const records = await recordsOf(approvalId);
    expect(receiver.badSignatures()).toBe(0);
    // One post per reminder id, one record per reminder the workflow counted, each marked delivered.
    expect(new Set(sent.map((r) => r.idempotencyKey)).size).toBe(sent.length);
    expect(records.map((r) => r._id).sort()).toEqual(sent.map((r) => r.idempotencyKey).sort());
    expect(records).toHaveLength(final.remindersSent);
    expect(records.every((r) => r.deliveredAt instanceof Date)).toBe(true);
    expect(records.filter((r) => r.level === 0)).toHaveLength(level0.length);

    // A retry of an activity whose reminder was delivered (it died before completing) sends nothing.
    const first = records[0]!;
    await sendDirectly({
      approvalId,
      round: first.round,
      level: first.level,
      reminder: Number(first._id.split(':').at(-1)),
      assigneeIds: first.assigneeIds,
    });
    expect(receiver.of(approvalId)).toHaveLength(sent.length);
  });

  it('fails the attempt while the endpoint answers 500, gives up after the last attempt, and delivers later', async () => {
    const approvalId = uniqueName('unanswered');
    const reminder = { approvalId, round: 1, level: 0, reminder: 1, assigneeIds: ['m-east', 'gone'] };
    const reminderId = `${approvalId}:1:0:1`;
    receiver.answer(500);
    try {
      await expect(sendDirectly(reminder)).rejects.toThrow(/answered 500/);
      let [record] = await recordsOf(approvalId);
      expect(record?.deliveredAt).toBeUndefined();
      expect(receiver.of(approvalId)).toHaveLength(1);

      // The last attempt records why and completes, so the approval's wait goes on.
      await sendDirectly(reminder, REMINDER_DELIVERY_ATTEMPTS);
      [record] = await recordsOf(approvalId);
      expect(record?.deliveredAt).toBeUndefined();
      expect(record?.deliveryFailedAt).toBeInstanceOf(Date);
      expect(record?.deliveryError).toMatch(/answered 500/);
    } finally {
      receiver.answer(200);
    }
    await sendDirectly(reminder);
    const [record] = await recordsOf(approvalId);
    expect(record?.deliveredAt).toBeInstanceOf(Date);
    expect(record?.deliveryFailedAt).toBeUndefined();
    const posts = receiver.of(approvalId);
    expect(posts.map((p) => p.idempotencyKey)).toEqual([reminderId, reminderId, reminderId]);
    // No stored approval (and one approver no longer stored): still told, with what is known.
    expect(posts[2]?.notification).toMatchObject({
      title: approvalId,
      subject: null,
      assignees: [{ id: 'm-east', email: 'm-east@acme.test' }],
      unknownAssigneeIds: ['gone'],
    });
  });

  it('only records reminders when no webhook is configured, and refuses a url without a secret', async () => {
    const approvalId = uniqueName('unconfigured');
    const recordOnly = createApprovalActivities({ connection: db, reminderTarget: { url: '', secret: '' } });
    const reminder = { approvalId, round: 1, level: 0, reminder: 1, assigneeIds: ['m-east'] };
    await new MockActivityEnvironment().run(() => recordOnly.sendApprovalReminder(reminder));
    const records = await recordsOf(approvalId);
    expect(records.map((r) => [r._id, r.deliveredAt])).toEqual([[`${approvalId}:1:0:1`, undefined]]);
    expect(receiver.of(approvalId)).toHaveLength(0);

    expect(() =>
      createApprovalActivities({ connection: db, reminderTarget: { url: receiver.url, secret: '' } }),
    ).toThrow(/OPSCYCLE_NOTIFY_WEBHOOK_SECRET/);
  });
});
