import type { Client, Connection } from '@temporalio/client';
import { WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApprovalView,
  ApprovalWorkflowInput,
  ApproverStep,
  PositionHolderView,
  RuleGraph,
} from '@opscycle/domain';
import { auditModel } from '@opscycle/storage';
import { aNode, anEdge } from '@opscycle/rules';
import { createApprovalActivities, routingFromPublishedRuleSets } from '@opscycle/worker';
import type { approvalWorkflow } from '@opscycle/workflows';
import { approvalStateQuery, approvalWorkflowId, WORKFLOW_TYPES } from '@opscycle/workflows/messages';
import { temporalClient, uniqueName } from '../support';
import { withTestWorker } from '../testWorker';
import { eventually } from '../workflows/fixtures';
import { startHarness, type Harness } from './harness';

/** A routing rule set whose one outcome (always) routes to `approvers`. */
function aPositionRouting(id: string, approvers: ApproverStep[]): RuleGraph {
  return {
    id,
    version: 1,
    kind: 'approvalRouting',
    name: `Routing ${id}`,
    effectiveFrom: '2027-01-01',
    effectiveTo: null,
    nodes: [
      aNode('start', 'start', {}),
      aNode('route', 'routeOutcome', { priority: 1, approvers, label: 'By position' }),
    ],
    edges: [anEdge('start', 'route')],
  };
}

describe('org positions through the API', () => {
  let h: Harness;
  let client: Client;
  let clientConnection: Connection;
  let eastOps: string;
  const taskQueue = uniqueName('api-positions');

  const assign = (token: string, unit: string, position: string, personId: string) =>
    h.callWith(token, {
      method: 'PUT',
      url: `/api/org/units/${unit}/positions/${position}`,
      payload: { personId },
    });
  const unassign = (token: string, unit: string, position: string) =>
    h.callWith(token, { method: 'DELETE', url: `/api/org/units/${unit}/positions/${position}` });
  const holdersSeenBy = async (token: string) =>
    (await h.callWith(token, { method: 'GET', url: '/api/positions' })).json<{
      holders: PositionHolderView[];
    }>().holders;

  /** Creates the rule set as a draft and publishes it through the API. */
  async function publish(graph: RuleGraph) {
    const created = await h.call('ops', {
      method: 'POST',
      url: '/api/rule-sets',
      payload: { kind: graph.kind, name: graph.name, graph },
    });
    expect(created.statusCode, created.body).toBe(201);
    return h.call('ops', {
      method: 'POST',
      url: `/api/rule-sets/${graph.id}/publish`,
      payload: { draftVersion: created.json<RuleGraph>().version },
    });
  }

  /** rep-1 (team east-1) asks for 80,000 CNY of travel, routed by the published rule set. */
  async function startApproval(ruleSetId: string) {
    const approvalId = uniqueName('positioned');
    const input: ApprovalWorkflowInput = {
      request: {
        approvalId,
        subject: { kind: 'budget', id: approvalId },
        title: 'East 1 travel, 80,000 CNY',
        submittedBy: 'rep-1',
        submittedByRole: 'rep',
        orgUnitId: 'east-1',
        amountMinor: 80_000_00,
        facts: {
          amount: 80_000_00,
          category: 'travel',
          unitId: 'east-1',
          unitKind: 'team',
          requesterRole: 'rep',
        },
        routing: { kind: 'ruleSet', ruleSet: { ruleSetId, version: 1 } },
      },
      levelDeadlineMs: 60_000,
      resubmitDeadlineMs: 60_000,
    };
    const handle = await client.workflow.start<typeof approvalWorkflow>(WORKFLOW_TYPES.approval, {
      taskQueue,
      workflowId: approvalWorkflowId(approvalId),
      args: [input],
    });
    return { approvalId, handle };
  }

  beforeAll(async () => {
    h = await startHarness('api-positions');
    // An ops admin whose scope is the east region only.
    eastOps = await h.addLogin({
      id: 'ops-east',
      name: 'Ops East',
      email: 'ops-east@acme.test',
      role: 'opsAdmin',
      orgUnitId: 'east',
    });
    ({ client, connection: clientConnection } = await temporalClient());
  });
  afterAll(async () => {
    await clientConnection.close();
    await h.close();
  });
  withTestWorker(() => ({
    taskQueue,
    activities: createApprovalActivities({
      connection: h.db,
      evaluateApprovalRouting: routingFromPublishedRuleSets(h.db),
    }),
  }));

  it('assigns, lists and unassigns holders for ops admins only, within their scope, each change audited', async () => {
    const cfo = await assign(h.tokens.ops, 'acme', 'cfo', 'fin');
    expect(cfo.statusCode, cfo.body).toBe(200);
    expect(cfo.json()).toEqual({
      orgUnitId: 'acme',
      position: 'cfo',
      personId: 'fin',
      personName: 'fin',
      unitName: 'Acme',
    });
    expect((await assign(eastOps, 'east', 'regionalDirector', 'm-east')).statusCode).toBe(200);

    // The east ops admin sees and changes only the east subtree: neither the company nor west.
    expect((await assign(eastOps, 'west', 'regionalDirector', 'm-west')).json()).toMatchObject({
      code: 'AUTH_OUT_OF_SCOPE',
    });
    expect((await assign(eastOps, 'east-1', 'hrbp', 'hr')).json()).toMatchObject({
      code: 'POSITION_PERSON_NOT_FOUND',
    });
    expect((await holdersSeenBy(eastOps)).map((x) => `${x.position}@${x.orgUnitId}`)).toEqual([
      'regionalDirector@east',
    ]);
    expect(
      (await holdersSeenBy(h.tokens.ops)).map((x) => `${x.position}@${x.orgUnitId}=${x.personId}`),
    ).toEqual(['cfo@acme=fin', 'regionalDirector@east=m-east']);
    // Other roles may not manage positions at all.
    expect((await assign(h.tokens.managerEast, 'east', 'hrbp', 'm-east')).statusCode).toBe(403);
    expect((await h.call('finance', { method: 'GET', url: '/api/positions' })).statusCode).toBe(403);
    // A position does not take a value outside the list.
    expect((await assign(h.tokens.ops, 'acme', 'chiefVibes', 'fin')).statusCode).toBe(400);

    // Reassigning replaces the holder (one per unit and position); the same assignment again is no change.
    expect((await assign(h.tokens.ops, 'acme', 'cfo', 'ceo')).statusCode).toBe(200);
    expect((await assign(h.tokens.ops, 'acme', 'cfo', 'ceo')).statusCode).toBe(200);
    expect(
      (await holdersSeenBy(h.tokens.ops)).filter((x) => x.position === 'cfo').map((x) => x.personId),
    ).toEqual(['ceo']);

    expect((await unassign(h.tokens.ops, 'acme', 'cfo')).statusCode).toBe(204);
    expect((await unassign(h.tokens.ops, 'acme', 'cfo')).json()).toMatchObject({
      code: 'POSITION_NOT_FOUND',
    });

    const trail = await auditModel(h.db)
      .find()
      .where({ 'object.type': 'position', 'object.id': 'acme:cfo' })
      .sort({ at: 1 })
      .lean<{ action: string; actor: { userId: string }; details: Record<string, unknown> }[]>();
    expect(trail.map((e) => [e.action, e.actor.userId, e.details])).toEqual([
      ['position.assigned', 'ops', { position: 'cfo', personId: 'fin', previousPersonId: null }],
      ['position.assigned', 'ops', { position: 'cfo', personId: 'ceo', previousPersonId: 'fin' }],
      ['position.unassigned', 'ops', { position: 'cfo', personId: 'ceo' }],
    ]);
  });

  it('refuses to publish a rule naming a position no unit holds, naming the position and node', async () => {
    const graph = aPositionRouting(uniqueName('legal-routing'), [{ position: 'legalCounsel' }]);
    const refused = await publish(graph);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      code: 'RULE_SET_POSITION_UNHELD',
      message: 'node route: position legalCounsel is held at no org unit',
    });
    const versions = await h.call('ops', { method: 'GET', url: `/api/rule-sets/${graph.id}/versions` });
    expect(versions.json()).toEqual({ versions: [] });

    expect((await assign(h.tokens.ops, 'west', 'legalCounsel', 'm-west')).statusCode).toBe(200);
    const draft = await h.call('ops', { method: 'GET', url: `/api/rule-sets/${graph.id}/draft` });
    const published = await h.call('ops', {
      method: 'POST',
      url: `/api/rule-sets/${graph.id}/publish`,
      payload: { draftVersion: draft.json<RuleGraph>().version },
    });
    expect(published.statusCode, published.body).toBe(201);
  });

  it("routes an approval to a position's holder: it reaches their inbox and they decide", async () => {
    // The marketing head is the HR person: a role-based route could never reach them for this.
    expect((await assign(h.tokens.ops, 'acme', 'marketingHead', 'hr')).statusCode).toBe(200);
    const graph = aPositionRouting(uniqueName('marketing-routing'), [
      { role: 'manager', orgLevel: 'team', label: 'Line manager' },
      { position: 'marketingHead', label: 'Marketing head' },
    ]);
    expect((await publish(graph)).statusCode).toBe(201);

    const { approvalId, handle } = await startApproval(graph.id);
    const state = await eventually(
      () => handle.query(approvalStateQuery),
      (s) => s.status === 'pending',
    );
    // Level 1 is hr because hr holds marketingHead at acme, the nearest unit above east-1 with a holder.
    expect(state.chain?.levels).toEqual([
      { level: 0, role: 'manager', approverIds: ['m-east-1'] },
      { level: 1, role: 'hr', position: 'marketingHead', orgUnitId: 'acme', approverIds: ['hr'] },
    ]);
    expect(state.chain?.explanation).toContain(
      'level 1: Marketing head = position marketingHead of Acme (hr)',
    );

    const teamManager = await h.addLogin({
      id: 'm-east-1',
      name: 'm-east-1',
      email: 'm-east-1@acme.test',
      role: 'manager',
      orgUnitId: 'east-1',
    });
    const approve = (token: string, decisionId: string) =>
      h.callWith(token, {
        method: 'POST',
        url: `/api/approvals/${approvalId}/approve`,
        payload: { decisionId },
      });
    // The decision routes read the mirror the workflow's activity writes.
    await eventually(
      () => h.callWith(teamManager, { method: 'GET', url: `/api/approvals/${approvalId}` }),
      (response) => response.statusCode === 200,
    );
    // Not yet the marketing head's turn.
    expect((await approve(h.tokens.hr, 'hr-too-early')).statusCode).toBe(403);
    expect((await approve(teamManager, 'line-manager')).statusCode).toBe(200);

    const inbox = await eventually(
      async () =>
        (await h.call('hr', { method: 'GET', url: '/api/approvals?status=pending' })).json<{
          approvals: ApprovalView[];
        }>(),
      (list) => list.approvals.some((a) => a.approvalId === approvalId),
    );
    expect(inbox.approvals.find((a) => a.approvalId === approvalId)?.assigneeIds).toEqual(['hr']);
    const decided = await approve(h.tokens.hr, 'marketing-head');
    expect(decided.statusCode, decided.body).toBe(200);
    expect(await handle.result()).toMatchObject({ status: 'approved', decidedBy: ['m-east-1', 'hr'] });
  });

  it('fails the approval start naming position and unit when nobody holds it up the requester’s chain; no approval is created', async () => {
    // Held at west only: publication passes, but nothing from east-1 up to its region has a holder.
    expect((await assign(h.tokens.ops, 'west', 'channelHead', 'm-west')).statusCode).toBe(200);
    const graph = aPositionRouting(uniqueName('channel-routing'), [
      { position: 'channelHead', orgLevel: 'region', label: 'Channel head' },
    ]);
    expect((await publish(graph)).statusCode).toBe(201);

    const { approvalId, handle } = await startApproval(graph.id);
    const failure = await handle.result().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const cause = (failure as WorkflowFailedError).cause?.cause as { type?: string; message?: string };
    expect(cause.type).toBe('APPROVAL_POSITION_UNHELD');
    expect(cause.message).toBe('position channelHead has no holder at region units above east-1 (east)');

    const read = await h.call('ops', { method: 'GET', url: `/api/approvals/${approvalId}` });
    expect(read.statusCode).toBe(404);
    const inbox = (await h.call('ops', { method: 'GET', url: '/api/approvals?status=pending' })).json<{
      approvals: ApprovalView[];
    }>();
    expect(inbox.approvals.map((a) => a.approvalId)).not.toContain(approvalId);
  });
});
