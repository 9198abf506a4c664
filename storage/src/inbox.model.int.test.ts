import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type mongoose from 'mongoose';
import type { ApprovalState } from '@opscycle/domain';
import { connectTestDatabase } from './testing';
import { approvalMirrorOf, approvalModel, rebuildApprovalInbox, saveApprovalState } from './approval.model';
import { approvalInboxModel, loadInbox } from './inbox.model';

function aPendingApproval(approvalId: string, assigneeIds: string[]): ApprovalState {
  return {
    approvalId,
    subject: { kind: 'budget', id: approvalId },
    submittedBy: 'm-east-1',
    orgUnitId: 'east-1',
    status: 'pending',
    round: 1,
    currentLevel: 0,
    assigneeIds,
    escalations: [],
    remindersSent: 0,
    decisions: [],
    facts: { category: 'travel' },
  };
}

const inboxIds = async (db: mongoose.Connection, assigneeId: string) =>
  (await loadInbox(db, assigneeId, 100)).map((a) => a.approvalId);

describe('approval inbox', () => {
  let db: mongoose.Connection;
  beforeAll(async () => {
    db = await connectTestDatabase('storage-inbox');
    await approvalInboxModel(db).init();
  });
  afterAll(async () => {
    await db.dropDatabase();
    await db.close();
  });

  it('follows the assignees as the approval moves between levels and leaves every inbox when decided', async () => {
    const pending = aPendingApproval('budget-1', ['m-east', 'm-east-2']);
    await saveApprovalState(db, pending);
    expect(await inboxIds(db, 'm-east')).toEqual(['budget-1']);
    expect(await inboxIds(db, 'm-east-2')).toEqual(['budget-1']);

    await saveApprovalState(db, { ...pending, currentLevel: 1, assigneeIds: ['fin'] });
    expect(await inboxIds(db, 'm-east')).toEqual([]);
    expect(await inboxIds(db, 'm-east-2')).toEqual([]);
    const [atFinance] = await loadInbox(db, 'fin', 10);
    expect(atFinance).toMatchObject({ approvalId: 'budget-1', currentLevel: 1, assigneeIds: ['fin'] });

    await saveApprovalState(db, { ...pending, status: 'approved', assigneeIds: [] });
    expect(await inboxIds(db, 'fin')).toEqual([]);
    expect(await approvalInboxModel(db).countDocuments({ approvalId: 'budget-1' })).toBe(0);
  });

  it('keeps one row per assignee when the same state is saved again (a retried activity)', async () => {
    const state = aPendingApproval('budget-2', ['m-west']);
    await saveApprovalState(db, state);
    await saveApprovalState(db, { ...state, remindersSent: 1 });
    await saveApprovalState(db, { ...state, remindersSent: 1 });
    expect(await approvalInboxModel(db).countDocuments({ approvalId: 'budget-2' })).toBe(1);
    expect((await loadInbox(db, 'm-west', 10))[0]?.remindersSent).toBe(1);
  });

  it('shows a returned request to nobody until it is resubmitted', async () => {
    const state = aPendingApproval('budget-3', ['m-north']);
    await saveApprovalState(db, state);
    await saveApprovalState(db, { ...state, status: 'changesRequested' });
    expect(await inboxIds(db, 'm-north')).toEqual([]);
    await saveApprovalState(db, { ...state, round: 2 });
    expect(await inboxIds(db, 'm-north')).toEqual(['budget-3']);
  });

  it('rebuilds the inbox of mirrors written without it, idempotently', async () => {
    const states = [aPendingApproval('legacy-1', ['m-south']), aPendingApproval('legacy-2', ['m-south'])];
    states.push({ ...aPendingApproval('legacy-3', ['m-south']), status: 'approved' });
    await approvalModel(db).insertMany(states.map((s) => ({ _id: s.approvalId, ...approvalMirrorOf(s) })));
    expect(await inboxIds(db, 'm-south')).toEqual([]);
    await rebuildApprovalInbox(db);
    await rebuildApprovalInbox(db);
    expect((await inboxIds(db, 'm-south')).sort()).toEqual(['legacy-1', 'legacy-2']);
    expect(await approvalInboxModel(db).countDocuments({ assigneeId: 'm-south' })).toBe(2);
  });
});
