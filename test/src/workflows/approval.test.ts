import type { Client, Connection, WorkflowHandle } from '@temporalio/client';
import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalDecisionInput, ApprovalWorkflowInput } from '@opscycle/domain';
import {
  approvalReminderModel,
  loadApprovalState,
  ruleSetVersionModel,
  upsertOrgUnits,
  upsertPeople,
} from '@opscycle/storage';
import { demoBudgetRouting, publishRuleSetVersion } from '@opscycle/rules';
import { createApprovalActivities, routingFromPublishedRuleSets } from '@opscycle/worker';
import type { approvalWorkflow } from '@opscycle/workflows';
import {
  approvalStateQuery,
  approvalWorkflowId,
  approveUpdate,
  delegateUpdate,
  rejectUpdate,
  requestChangesUpdate,
  resubmitUpdate,
  WORKFLOW_TYPES,
} from '@opscycle/workflows/messages';
import { connectTestDatabase, temporalClient, uniqueName } from '../support';
import { withTestWorker } from '../testWorker';
import { aSmallOrg, eventually, expectRefused } from './fixtures';
import { aBudgetApproval } from '../builders';

let db: mongoose.Connection;
let client: Client;
let clientConnection: Connection;
const taskQueue = uniqueName('approval');

beforeAll(async () => {
  db = await connectTestDatabase('approval');
  const org = aSmallOrg();
  await upsertOrgUnits(db, org.units);
  await upsertPeople(db, org.people);
  // The rules package's demo budget routing, published as the API publishes it.
  const published = publishRuleSetVersion({
    graph: demoBudgetRouting,
    version: 1,
    publishedBy: 'ops',
    publishedAt: new Date('2027-01-01T00:00:00Z'),
  });
  await ruleSetVersionModel(db).create({
    _id: `${published.ruleSetId}@1`,
    ruleSetId: published.ruleSetId,
    version: 1,
    checksum: published.checksum,
    publishedAt: new Date(published.publishedAt),
    json: JSON.stringify(published),
  });
  ({ client, connection: clientConnection } = await temporalClient());
});

afterAll(async () => {
  await clientConnection.close();
  await db.dropDatabase();
  await db.close();
});

withTestWorker(() => ({
  taskQueue,
  activities: createApprovalActivities({
    connection: db,
    evaluateApprovalRouting: routingFromPublishedRuleSets(db),
  }),
}));

/** A budget request by the east-1 team manager, routed manager -> finance. */
async function submitBudget(overrides: Partial<ApprovalWorkflowInput> = {}) {
  const approvalId = uniqueName('budget');
  const input: ApprovalWorkflowInput = { ...aBudgetApproval(approvalId), ...overrides };
  const handle = await client.workflow.start<typeof approvalWorkflow>(WORKFLOW_TYPES.approval, {
    taskQueue,
    workflowId: approvalWorkflowId(approvalId),
    args: [input],
  });
  await eventually(
    () => handle.query(approvalStateQuery),
    (s) => s.status === 'pending',
  );
  return { handle, approvalId };
}

/** The trail as stored (the driver's typing; audit entries are written by the activity under test). */
const auditTrail = () =>
  db.collection<{
    _id: string;
    action: string;
    actor: { userId: string; role: string };
    details: Record<string, unknown>;
  }>('audit_trail');

let decisionCounter = 0;
function decision(actorId: string, extra: Partial<ApprovalDecisionInput> = {}): ApprovalDecisionInput {
  return { decisionId: `d-${++decisionCounter}-${actorId}`, actorId, ...extra };
}
type Handle = WorkflowHandle<typeof approvalWorkflow>;
const approve = (h: Handle, input: ApprovalDecisionInput) =>
  h.executeUpdate(approveUpdate, { args: [input], updateId: input.decisionId });

describe('approvalWorkflow', () => {
  it('routes past the submitter, refuses self-approval and non-assignees, and approves level by level', async () => {
    const { handle, approvalId } = await submitBudget();
    const state = await handle.query(approvalStateQuery);
    // The team manager submitted: level 0 goes to the region manager above, level 1 to finance.
    expect(state.chain?.levels.map((l) => l.approverIds)).toEqual([['m-east'], ['fin']]);
    expect(state.assigneeIds).toEqual(['m-east']);

    await expectRefused(approve(handle, decision('m-east-1')), 'APPROVAL_SELF_APPROVAL');
    await expectRefused(approve(handle, decision('fin')), 'APPROVAL_NOT_ASSIGNEE');

    const first = decision('m-east');
    expect((await approve(handle, first)).assigneeIds).toEqual(['fin']);
    // The same decision id again (a double click) is one decision, not an approval of level 1.
    await approve(handle, first);
    expect((await handle.query(approvalStateQuery)).decisions).toHaveLength(1);

    await approve(handle, decision('fin'));
    const outcome = await handle.result();
    expect(outcome).toMatchObject({
      approvalId,
      status: 'approved',
      rounds: 1,
      decidedBy: ['m-east', 'fin'],
    });

    const audit = await auditTrail().find({ 'details.approvalId': approvalId }).sort({ at: 1 }).toArray();
    expect(audit.map((a) => [a.action, a.actor.userId])).toEqual([
      ['approval.submitted', 'm-east-1'],
      ['approval.decided', 'm-east'],
      ['approval.decided', 'fin'],
    ]);
    expect((await loadApprovalState(db, approvalId))?.status).toBe('approved');
  });

  it('requires a reason to reject, lets only the submitter resubmit, and re-routes the new round', async () => {
    const { handle } = await submitBudget();
    const reject = (input: ApprovalDecisionInput) =>
      handle.executeUpdate(rejectUpdate, { args: [input], updateId: input.decisionId });
    await expectRefused(reject(decision('m-east', { reason: '  ' })), 'APPROVAL_REASON_REQUIRED');
    await reject(decision('m-east', { reason: 'travel is over the regional cap' }));
    await eventually(
      () => handle.query(approvalStateQuery),
      (s) => s.status === 'rejected',
    );

    const resubmit = (input: ApprovalDecisionInput) =>
      handle.executeUpdate(resubmitUpdate, { args: [input], updateId: input.decisionId });
    await expectRefused(resubmit(decision('m-east')), 'APPROVAL_NOT_SUBMITTER');
    await resubmit(
      decision('m-east-1', { facts: { amountMinor: 3_000_00, category: 'travel' }, amountMinor: 3_000_00 }),
    );
    const round2 = await eventually(
      () => handle.query(approvalStateQuery),
      (s) => s.status === 'pending' && s.round === 2,
    );
    expect(round2.facts).toEqual({ amountMinor: 3_000_00, category: 'travel' });
    expect(round2.assigneeIds).toEqual(['m-east']);

    await approve(handle, decision('m-east'));
    await approve(handle, decision('fin'));
    expect(await handle.result()).toMatchObject({
      status: 'approved',
      rounds: 2,
      decidedBy: ['m-east', 'fin'],
    });
  });

  it('sends a request back for changes and closes it when no resubmission comes before the deadline', async () => {
    const { handle, approvalId } = await submitBudget({ resubmitDeadlineMs: 1_500 });
    const input = decision('m-east', { reason: 'split travel by quarter' });
    await handle.executeUpdate(requestChangesUpdate, { args: [input], updateId: input.decisionId });
    expect(await handle.result()).toMatchObject({
      status: 'closedRejected',
      rounds: 1,
      reason: 'split travel by quarter',
    });
    const decided = await auditTrail().findOne({ _id: `${approvalId}:${input.decisionId}` });
    expect(decided?.details).toMatchObject({ kind: 'requestChanges', reason: 'split travel by quarter' });
  });

  it('delegates a level to another person, never to the submitter', async () => {
    const { handle } = await submitBudget();
    const delegate = (input: ApprovalDecisionInput) =>
      handle.executeUpdate(delegateUpdate, { args: [input], updateId: input.decisionId });
    await expectRefused(
      delegate(decision('m-east', { delegateTo: 'm-east-1' })),
      'APPROVAL_INVALID_DELEGATE',
    );
    expect((await delegate(decision('m-east', { delegateTo: 'm-west' }))).assigneeIds).toEqual(['m-west']);
    await expectRefused(approve(handle, decision('m-east')), 'APPROVAL_NOT_ASSIGNEE');
    await approve(handle, decision('m-west'));
    await approve(handle, decision('fin'));
    expect(await handle.result()).toMatchObject({ status: 'approved', decidedBy: ['m-west', 'fin'] });
  });

  it('reminds the approvers and escalates to the next level when a level deadline passes', async () => {
    const { handle, approvalId } = await submitBudget({ levelDeadlineMs: 3_000, reminderEveryMs: 700 });
    const escalated = await eventually(
      () => handle.query(approvalStateQuery),
      (s) => s.currentLevel === 1,
    );
    expect(escalated.assigneeIds).toEqual(['fin']);
    expect(escalated.escalations).toHaveLength(1);
    const reminders = await approvalReminderModel(db).find({ approvalId }).lean();
    // Timers on a loaded machine fire late, so at least two of the four due reminders, each recorded once.
    expect(reminders.length).toBeGreaterThanOrEqual(2);
    expect(reminders).toHaveLength(escalated.remindersSent);
    expect(reminders.every((r) => r.assigneeIds.includes('m-east'))).toBe(true);

    await approve(handle, decision('fin'));
    expect(await handle.result()).toMatchObject({ status: 'approved', decidedBy: ['fin'] });
    const escalation = await auditTrail().findOne({
      action: 'approval.escalated',
      'details.approvalId': approvalId,
    });
    expect(escalation?.actor).toEqual({ userId: 'system', role: 'system' });
  });

  it('takes its chain from a published approvalRouting rule set evaluated on the request facts', async () => {
    const facts = {
      amount: 60_000_00,
      category: 'travel',
      unitId: 'east-1',
      unitKind: 'team',
      requesterRole: 'rep',
    };
    const { handle } = await submitBudget({
      request: {
        approvalId: uniqueName('routed'),
        subject: { kind: 'budget', id: uniqueName('routed') },
        title: 'East 1 travel, 60,000 CNY',
        submittedBy: 'rep-1',
        submittedByRole: 'rep',
        orgUnitId: 'east-1',
        amountMinor: 60_000_00,
        facts,
        routing: { kind: 'ruleSet', ruleSet: { ruleSetId: 'budget-approval-routing', version: 1 } },
      },
    });
    const state = await handle.query(approvalStateQuery);
    // Over 50,000 CNY: the line manager (team level), then the regional director (region level).
    expect(state.chain?.levels.map((l) => [l.role, l.approverIds])).toEqual([
      ['manager', ['m-east-1']],
      ['manager', ['m-east']],
    ]);
    await approve(handle, decision('m-east-1'));
    await approve(handle, decision('m-east'));
    expect(await handle.result()).toMatchObject({ status: 'approved', decidedBy: ['m-east-1', 'm-east'] });
  });

  it('expires when the last level also lets its deadline pass', async () => {
    const { handle } = await submitBudget({ levelDeadlineMs: 1_000 });
    expect(await handle.result()).toMatchObject({ status: 'expired', decidedBy: [] });
    expect((await handle.query(approvalStateQuery)).escalations).toHaveLength(2);
  });
});
