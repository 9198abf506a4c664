import type { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalView, ApprovalWorkflowInput } from '@opscycle/domain';
import { auditModel, loadApprovalState, saveApprovalState } from '@opscycle/storage';
import { createApprovalActivities } from '@opscycle/worker';
import type { approvalWorkflow } from '@opscycle/workflows';
import { approvalStateQuery, approvalWorkflowId, WORKFLOW_TYPES } from '@opscycle/workflows/messages';
import { temporalClient, uniqueName } from '../support';
import { withTestWorker } from '../testWorker';
import { eventually } from '../workflows/fixtures';
import { startHarness, type Harness } from './harness';
import { aBudgetApproval } from '../builders';
import { anApprovalState } from './builders';

describe('approvals through the API', () => {
  let h: Harness;
  let client: Client;
  let clientConnection: Connection;
  let secondManager: string;
  let teamManager: string;
  const taskQueue = uniqueName('api-approvals');

  /** A travel budget of team east-1 submitted by its manager: level 0 = the east managers, level 1 = finance. */
  async function submitBudget(request: Partial<ApprovalWorkflowInput['request']> = {}) {
    const approvalId = uniqueName('budget');
    const base = aBudgetApproval(approvalId);
    const input: ApprovalWorkflowInput = { ...base, request: { ...base.request, ...request } };
    const handle = await client.workflow.start<typeof approvalWorkflow>(WORKFLOW_TYPES.approval, {
      taskQueue,
      workflowId: approvalWorkflowId(approvalId),
      args: [input],
    });
    await eventually(
      () => handle.query(approvalStateQuery),
      (state) => state.status === 'pending',
    );
    // The decision routes read the mirror the workflow's activity writes.
    await eventually(
      () => loadApprovalState(h.db, approvalId),
      (state) => state?.status === 'pending',
    );
    if (request.orgUnitId) return { approvalId, handle };
    await eventually(
      async () =>
        (await h.call('managerEast', { method: 'GET', url: '/api/approvals' })).json<{
          approvals: ApprovalView[];
        }>(),
      (list) => list.approvals.some((a) => a.approvalId === approvalId),
    );
    return { approvalId, handle };
  }

  const decide = (token: string, approvalId: string, kind: string, decisionId: string, extra: object = {}) =>
    h.callWith(token, {
      method: 'POST',
      url: `/api/approvals/${approvalId}/${kind}`,
      payload: { decisionId, ...extra },
    });

  beforeAll(async () => {
    h = await startHarness('api-approvals');
    secondManager = await h.addLogin({
      id: 'm-east-2',
      name: 'M East 2',
      email: 'm-east-2@acme.test',
      role: 'manager',
      orgUnitId: 'east',
    });
    teamManager = await h.addLogin({
      id: 'm-east-1',
      name: 'm-east-1',
      email: 'm-east-1@acme.test',
      role: 'manager',
      orgUnitId: 'east-1',
    });
    ({ client, connection: clientConnection } = await temporalClient());
  });
  afterAll(async () => {
    await clientConnection.close();
    await h.close();
  });
  withTestWorker(() => ({ taskQueue, activities: createApprovalActivities({ connection: h.db }) }));

  it('lists the inbox and lets exactly one of two managers deciding at once win; the other gets 409', async () => {
    const { approvalId, handle } = await submitBudget();
    const inbox = (
      await h.call('managerEast', { method: 'GET', url: '/api/approvals?status=pending' })
    ).json<{ approvals: ApprovalView[] }>();
    expect(inbox.approvals.find((a) => a.approvalId === approvalId)).toMatchObject({
      assigneeIds: ['m-east', 'm-east-2'],
      workflowId: approvalWorkflowId(approvalId),
    });

    const [first, second] = await Promise.all([
      decide(h.tokens.managerEast, approvalId, 'approve', 'click-m-east'),
      decide(secondManager, approvalId, 'reject', 'click-m-east-2', { reason: 'too much travel' }),
    ]);
    const statuses = [first.statusCode, second.statusCode].sort();
    expect(statuses, `${first.body} / ${second.body}`).toEqual([200, 409]);
    const loser = first.statusCode === 409 ? first : second;
    expect(loser.json()).toMatchObject({ code: 'APPROVAL_ALREADY_DECIDED' });
    const state = await handle.query(approvalStateQuery);
    expect(state.decisions).toHaveLength(1);
    expect(loser.json<{ details: { decidedBy: string } }>().details.decidedBy).toBe(
      state.decisions[0]!.actorId,
    );
  });

  it('treats the same decision id twice as one decision, refuses self-approval, and audits the decision', async () => {
    const { approvalId, handle } = await submitBudget();
    expect((await decide(teamManager, approvalId, 'approve', 'self')).json()).toMatchObject({
      code: 'APPROVAL_SELF_APPROVAL',
    });
    expect((await decide(teamManager, approvalId, 'approve', 'self-2')).statusCode).toBe(403);

    const once = await decide(h.tokens.managerEast, approvalId, 'approve', 'double-click');
    const twice = await decide(h.tokens.managerEast, approvalId, 'approve', 'double-click');
    expect([once.statusCode, twice.statusCode]).toEqual([200, 200]);
    expect(once.json<ApprovalView>().assigneeIds).toEqual(['fin']);
    expect((await handle.query(approvalStateQuery)).decisions).toHaveLength(1);
    // The decision answers once the new state is published: the inbox rows moved with it.
    const inboxOf = async (login: 'managerEast' | 'finance') =>
      (await h.call(login, { method: 'GET', url: '/api/approvals?status=pending' }))
        .json<{ approvals: ApprovalView[] }>()
        .approvals.map((a) => a.approvalId);
    expect(await inboxOf('managerEast')).not.toContain(approvalId);
    expect(await inboxOf('finance')).toContain(approvalId);

    const reasonMissing = await decide(h.tokens.finance, approvalId, 'reject', 'fin-no-reason');
    expect(reasonMissing.statusCode).toBe(400);
    expect(reasonMissing.json()).toMatchObject({ code: 'APPROVAL_REASON_REQUIRED' });

    await eventually(
      () =>
        auditModel(h.db)
          .find()
          .where({ action: 'approval.decided', 'details.approvalId': approvalId })
          .lean(),
      (entries) => entries.length === 1,
    );
    const decided = await eventually(
      async () =>
        (await h.call('managerEast', { method: 'GET', url: '/api/approvals?status=decided' })).json<{
          approvals: ApprovalView[];
        }>(),
      (list) => list.approvals.some((a) => a.approvalId === approvalId),
    );
    expect(decided.approvals.length).toBeGreaterThan(0);
  });

  it('leaves out of the inbox an approval delegated to someone outside its subtree', async () => {
    // Written as the activity writes it: assigned to the west manager, about an east team.
    await saveApprovalState(h.db, {
      ...anApprovalState('delegated-across', { orgUnitId: 'east-1', personId: 'm-east-1' }),
      assigneeIds: ['m-west', 'm-east'],
    });
    const inboxOf = async (login: 'managerEast' | 'managerWest') =>
      (await h.call(login, { method: 'GET', url: '/api/approvals?status=pending' }))
        .json<{ approvals: ApprovalView[] }>()
        .approvals.map((a) => a.approvalId);
    expect(await inboxOf('managerEast')).toContain('delegated-across');
    expect(await inboxOf('managerWest')).not.toContain('delegated-across');
  });

  it("fills a page of the inbox with approvals in the caller's scope, past newer ones outside it", async () => {
    await saveApprovalState(h.db, {
      ...anApprovalState('west-own', { orgUnitId: 'west-1', personId: 'm-west-1' }),
      assigneeIds: ['m-west'],
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Newer, and about an east team: the west manager's page of one must not come back empty.
    await saveApprovalState(h.db, {
      ...anApprovalState('delegated-across-newer', { orgUnitId: 'east-1', personId: 'm-east-1' }),
      assigneeIds: ['m-west'],
    });
    const page = await h.call('managerWest', { method: 'GET', url: '/api/approvals?status=pending&limit=1' });
    expect(page.json<{ approvals: ApprovalView[] }>().approvals.map((a) => a.approvalId)).toEqual([
      'west-own',
    ]);
  });

  it('keeps a manager of another region out', async () => {
    const { approvalId } = await submitBudget();
    const response = await h.call('managerWest', {
      method: 'POST',
      url: `/api/approvals/${approvalId}/approve`,
      payload: { decisionId: 'x' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'AUTH_OUT_OF_SCOPE' });
    expect(
      (await h.call('managerWest', { method: 'GET', url: `/api/approvals/${approvalId}` })).statusCode,
    ).toBe(403);
    expect(
      (await h.call('managerEast', { method: 'GET', url: `/api/approvals/${approvalId}` })).json(),
    ).toMatchObject({ approvalId, status: 'pending' });
  });

  it('refuses the ops admin deciding its own request through a login it made for the approver, before or after a password change', async () => {
    // West 1's budget: its approver m-west-1 has no login yet.
    const { approvalId, handle } = await submitBudget({
      submittedBy: 'ops',
      submittedByRole: 'opsAdmin',
      orgUnitId: 'west-1',
    });
    expect((await handle.query(approvalStateQuery)).assigneeIds).toEqual(['m-west-1']);
    const login = (username: string, personId: string, orgUnitId: string) =>
      h.call('ops', {
        method: 'POST',
        url: '/api/users',
        payload: {
          username,
          password: 'the ops admin knows it',
          name: 'x',
          role: 'manager',
          orgUnitId,
          personId,
        },
      });
    // A person with a login of their own: a second login of the same person is refused.
    const second = await login('ops-as-m-east-1', 'm-east-1', 'east-1');
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'USER_PERSON_ALREADY_BOUND' });
    // The assignee without one: the login is made before the ops admin's next request is submitted.
    expect((await login('ops-as-m-west-1', 'm-west-1', 'west-1')).statusCode).toBe(201);
    const signIn = async (password: string) =>
      (
        await h.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'ops-as-m-west-1', password },
        })
      ).json<{ token: string }>().token;
    const first = await signIn('the ops admin knows it');
    const later = await submitBudget({
      submittedBy: 'ops',
      submittedByRole: 'opsAdmin',
      orgUnitId: 'west-1',
    });
    const byRep = await submitBudget({ submittedBy: 'rep-2', submittedByRole: 'rep', orgUnitId: 'west-1' });
    for (const id of [approvalId, later.approvalId]) {
      const refused = await decide(first, id, 'approve', `proxy-${id}`);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ code: 'APPROVAL_SELF_APPROVAL' });
    }
    // Someone else's request: not until the person has set their own password.
    const notOwn = await decide(first, byRep.approvalId, 'approve', 'not-own');
    expect(notOwn.statusCode).toBe(403);
    expect(notOwn.json()).toMatchObject({ code: 'AUTH_PASSWORD_NOT_OWN' });

    const change = (token: string, currentPassword: string) =>
      h.callWith(token, {
        method: 'POST',
        url: '/api/auth/password',
        payload: { currentPassword, newPassword: 'only m-west-1 knows this' },
      });
    const wrong = await change(first, 'a guess');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'AUTH_CURRENT_PASSWORD_WRONG' });
    const other = await signIn('the ops admin knows it');
    expect((await change(first, 'the ops admin knows it')).statusCode).toBe(204);
    // The old password and the other session are gone; the session that changed it goes on.
    expect(
      (
        await h.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'ops-as-m-west-1', password: 'the ops admin knows it' },
        })
      ).statusCode,
    ).toBe(401);
    expect((await h.callWith(other, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    // Whoever changed it, the ops admin provisioned the login: its own requests stay refused.
    const stillRefused = await decide(first, approvalId, 'approve', 'after-change');
    expect(stillRefused.json()).toMatchObject({ code: 'APPROVAL_SELF_APPROVAL' });
    expect((await handle.query(approvalStateQuery)).decisions).toEqual([]);
    const approved = await decide(first, byRep.approvalId, 'approve', 'own-password');
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json<ApprovalView>().decisions).toMatchObject([{ actorId: 'm-west-1', kind: 'approve' }]);

    // The binding and the password change are in the audit trail: who, which login, which person.
    const audited = await auditModel(h.db)
      .find()
      .where({ 'object.id': 'ops-as-m-west-1', action: { $in: ['user.saved', 'user.passwordChanged'] } })
      .sort({ at: 1 })
      .lean();
    expect(audited).toMatchObject([
      {
        action: 'user.saved',
        actor: { userId: 'ops' },
        details: { created: true, after: { personId: 'm-west-1', role: 'manager' } },
      },
      { action: 'user.passwordChanged', actor: { userId: 'ops-as-m-west-1' } },
    ]);
  });

  it('delegates only to an existing person who can hold the step', async () => {
    const { approvalId, handle } = await submitBudget();
    const delegate = (delegateTo: string, decisionId: string) =>
      decide(h.tokens.managerEast, approvalId, 'delegate', decisionId, { delegateTo });
    const nobody = await delegate('no-such-person', 'to-nobody');
    expect(nobody.statusCode).toBe(400);
    expect(nobody.json()).toMatchObject({
      code: 'APPROVAL_INVALID_DELEGATE',
      details: { delegateTo: 'no-such-person' },
    });
    // Finance cannot take the managers' level; a west manager does not see an east approval.
    expect((await delegate('fin', 'to-finance')).json()).toMatchObject({ code: 'APPROVAL_INVALID_DELEGATE' });
    expect((await delegate('m-west', 'to-west')).json()).toMatchObject({ code: 'APPROVAL_INVALID_DELEGATE' });
    expect((await handle.query(approvalStateQuery)).decisions).toEqual([]);
    const ok = await delegate('ceo', 'to-ceo');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<ApprovalView>().assigneeIds).toContain('ceo');
  });
});
