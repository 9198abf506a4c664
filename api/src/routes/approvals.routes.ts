import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import {
  ApprovalContext,
  ApprovalList,
  ApprovalListQuery,
  ApprovalParam,
  ApprovalState,
  ApprovalView,
  DecisionParams,
  DecisionRequest,
  DomainError,
  isWithinScope,
  type AuthUser,
  type DECISION_ROUTES,
} from '@opscycle/domain';
import { approvalModel, loadApprovalState, loadInbox } from '@opscycle/storage';
import {
  approvalIdFor,
  approvalStateQuery,
  approvalWorkflowId,
  approveUpdate,
  delegateUpdate,
  rejectUpdate,
  requestChangesUpdate,
  resubmitUpdate,
} from '@opscycle/workflows/messages';
import { approvalContext } from '../approvals/context';
import { allow, EVERYONE, STAFF, subject } from '../auth/access';
import { assertMayDecide } from '../auth/users';

const tags = ['approvals'];
const UPDATES = {
  approve: approveUpdate,
  reject: rejectUpdate,
  requestChanges: requestChangesUpdate,
  delegate: delegateUpdate,
  resubmit: resubmitUpdate,
} satisfies Record<(typeof DECISION_ROUTES)[number], unknown>;

const view = (state: ApprovalState): ApprovalView => ({
  ...state,
  workflowId: approvalWorkflowId(state.approvalId),
});

function personOf(user: AuthUser): string {
  if (!user.personId)
    throw new DomainError(
      'APPROVAL_FORBIDDEN',
      `login ${user.id} is not linked to a person and cannot decide`,
    );
  return user.personId;
}

/**
 * The validator refused because someone else decided this level first (two approvers clicking at
 * once): say so as a conflict, naming who won, instead of the bare "not an assignee".
 */
function lostRace(state: ApprovalState, me: string) {
  return state.decisions.find(
    (d) =>
      d.actorId !== me &&
      d.round === state.round &&
      (state.chain?.levels[d.level]?.approverIds.includes(me) ?? false),
  );
}

export const approvalRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  const approvals = approvalModel(app.deps.connection);
  const temporal = app.deps.temporal;
  const approvalScope = subject('approval', async (request) => {
    const { approvalId } = ApprovalParam.parse(request.params);
    const found = await approvals.findById(approvalId, { orgUnitId: 1, submittedBy: 1 }).lean();
    return found ? { orgUnitId: found.orgUnitId, personId: found.submittedBy } : undefined;
  });

  /** A delegate must be a person who can hold the current level: its role, and the approval within their scope. */
  async function checkDelegate(state: ApprovalState, delegateTo: string | undefined) {
    if (!delegateTo) return; // the workflow names the missing field
    const role = state.chain?.levels[state.currentLevel]?.role;
    const person = await app.org.person(delegateTo);
    const eligible =
      person !== undefined &&
      (role === undefined || person.role === role) &&
      isWithinScope(await app.org.units(), person.orgUnitId, state.orgUnitId);
    if (!eligible)
      throw new DomainError(
        'APPROVAL_INVALID_DELEGATE',
        `${delegateTo} cannot take level ${state.currentLevel} of ${state.approvalId}: it needs a ${role ?? 'approver'} whose scope holds ${state.orgUnitId}`,
        { delegateTo, role: role ?? null },
      );
  }

  app.get(
    '/api/approvals',
    {
      config: { access: allow(EVERYONE) },
      schema: {
        tags,
        description: 'My approvals: waiting for me (the inbox), decided by me, or submitted by me.',
        querystring: ApprovalListQuery,
        response: { 200: ApprovalList },
      },
    },
    async (request) => {
      const me = request.user.personId;
      if (!me) return { approvals: [] };
      const { status, limit } = request.query;
      if (status === 'pending') {
        // The inbox rows (one per assignee and approval); an approval delegated outside the caller's
        // subtree is left out, as the detail and decision routes would refuse it anyway.
        const units = await app.org.units();
        const inbox = await loadInbox(app.deps.connection, me, limit, (state) =>
          isWithinScope(units, request.user.orgUnitId, state.orgUnitId),
        );
        return { approvals: inbox.map(view) };
      }
      const filter = status === 'submitted' ? { submittedBy: me } : { 'state.decisions.actorId': me };
      const rows = await approvals.find().where(filter).sort({ updatedAt: -1 }).limit(limit).lean();
      return { approvals: rows.map((row) => view(ApprovalState.parse(row.state))) };
    },
  );

  app.get(
    '/api/approvals/:approvalId',
    {
      config: { access: allow(EVERYONE, approvalScope) },
      schema: { tags, params: ApprovalParam, response: { 200: ApprovalView } },
    },
    async (request) => {
      const state = await loadApprovalState(app.deps.connection, request.params.approvalId);
      if (!state) throw new DomainError('APPROVAL_NOT_FOUND', `no approval ${request.params.approvalId}`);
      return view(state);
    },
  );

  app.get(
    '/api/approvals/:approvalId/context',
    {
      config: { access: allow(EVERYONE, approvalScope) },
      schema: {
        tags,
        description:
          'What the approver needs next to the decision: budget lines with the ROI baseline, the target ' +
          'split with the bottom-up submission, the staffing plan, or the payout run totals, by subject kind.',
        params: ApprovalParam,
        response: { 200: ApprovalContext },
      },
    },
    async (request) => {
      const approval = await loadApprovalState(app.deps.connection, request.params.approvalId);
      if (!approval) throw new DomainError('APPROVAL_NOT_FOUND', `no approval ${request.params.approvalId}`);
      return approvalContext({ connection: app.deps.connection, units: await app.org.units(), approval });
    },
  );

  app.post(
    '/api/approvals/:approvalId/:kind',
    {
      config: { access: allow(STAFF, approvalScope) },
      schema: {
        tags,
        description:
          'Decides as the signed-in user. `decisionId` is the workflow Update id: the same click sent twice is one ' +
          'decision. Someone else deciding the same level first answers 409 APPROVAL_ALREADY_DECIDED.',
        params: DecisionParams,
        body: DecisionRequest,
        response: { 200: ApprovalView },
      },
    },
    async (request) => {
      const me = personOf(request.user);
      const { approvalId, kind } = request.params;
      // The inquiry routes check the payee as well as the raiser and take the accepted amount.
      if (approvalId.startsWith(approvalIdFor('inquiry', '')))
        throw new DomainError(
          'INQUIRY_DECIDE_ON_INQUIRY_ROUTES',
          `${approvalId} is an inquiry: decide it with /api/inquiries/${approvalId.slice(approvalIdFor('inquiry', '').length)}/${kind}`,
        );
      const handle = temporal.workflow.getHandle(approvalWorkflowId(approvalId));
      const state = await loadApprovalState(app.deps.connection, approvalId);
      if (state) {
        await assertMayDecide(app.deps.connection, request.user, state.submittedBy);
        if (kind === 'delegate') await checkDelegate(state, request.body.delegateTo);
      }
      try {
        const decided = await handle.executeUpdate(UPDATES[kind], {
          args: [{ ...request.body, actorId: me }],
          updateId: request.body.decisionId,
        });
        return view(decided);
      } catch (error) {
        if (error instanceof WorkflowUpdateFailedError) {
          // The workflow, not the mirror, knows who decided a moment ago.
          const winner = lostRace(await handle.query(approvalStateQuery), me);
          if (winner)
            throw new DomainError(
              'APPROVAL_ALREADY_DECIDED',
              `${winner.actorId} already decided this (${winner.kind})`,
              {
                decidedBy: winner.actorId,
                decision: winner.kind,
                at: winner.at,
              },
            );
        }
        throw error;
      }
    },
  );
  done();
};
