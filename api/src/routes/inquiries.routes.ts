import type { FastifyRequest } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import {
  AcceptInquiryRequest,
  DelegateInquiryRequest,
  type ApprovalDecisionInput,
  type ApprovalRouting,
  type ApprovalState,
  DomainError,
  InquiryList,
  InquiryListQuery,
  InquiryParam,
  InquiryView,
  PayoutStatement,
  RaiseInquiryRequest,
  RejectInquiryRequest,
  TASK_QUEUES,
  type AuthUser,
  type InquiryRecord,
  type InquiryWorkflowInput,
} from '@opscycle/domain';
import {
  createInquiry,
  listInquiries,
  loadApprovalState,
  loadInquiry,
  loadManualAdjustments,
  ruleSetVersionModel,
  statementModel,
  statementId,
} from '@opscycle/storage';
import {
  approveUpdate,
  approvalIdFor,
  approvalWorkflowId,
  delegateUpdate,
  inquiryWorkflowId,
  rejectUpdate,
  WORKFLOW_TYPES,
} from '@opscycle/workflows/messages';
import { allow, EVERYONE, STAFF, subject } from '../auth/access';
import { assertMayDecide } from '../auth/users';

const tags = ['inquiries'];
/** The published rule set inquiries are routed by; without one, finance resolves every inquiry. */
export const INQUIRY_ROUTING_RULE_SET_ID = 'inquiry-routing';
const FINANCE_ONLY: ApprovalRouting = { kind: 'roles', roles: ['finance'] };
const DAY_MS = 24 * 60 * 60 * 1000;
/** Deadlines of each routing level in production; tests pass shorter ones to the workflow. */
const LEVEL_DEADLINE_MS = 3 * DAY_MS;
const REMINDER_EVERY_MS = DAY_MS;
/** How long a decision waits for the inquiry to record its answer before answering with what is known. */
const SETTLE_WAIT_MS = 10_000;

function personOf(user: AuthUser): string {
  if (!user.personId)
    throw new DomainError('INQUIRY_FORBIDDEN', `login ${user.id} is not linked to a person`);
  return user.personId;
}

export const inquiryRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  const { connection, temporal } = app.deps;
  const taskQueue = app.deps.cycleTaskQueue ?? TASK_QUEUES.cycle;

  const payeeScope = subject('payee', async (request) => {
    const { payeeId } = RaiseInquiryRequest.pick({ payeeId: true }).parse(request.body);
    const person = await app.org.person(payeeId);
    return person ? { orgUnitId: person.orgUnitId, personId: person.id } : undefined;
  });
  const inquiryScope = subject('inquiry', async (request) => {
    const { inquiryId } = InquiryParam.parse(request.params);
    const found = await loadInquiry(connection, inquiryId);
    return found ? { orgUnitId: found.orgUnitId, personId: found.line.payeeId } : undefined;
  });

  const routing = async (): Promise<ApprovalRouting> => {
    const [latest] = await ruleSetVersionModel(connection)
      .find({ ruleSetId: INQUIRY_ROUTING_RULE_SET_ID }, { ruleSetId: 1, version: 1 })
      .sort({ version: -1 })
      .limit(1)
      .lean();
    return latest
      ? { kind: 'ruleSet', ruleSet: { ruleSetId: latest.ruleSetId, version: latest.version } }
      : FINANCE_ONLY;
  };

  const viewOf = async (record: InquiryRecord): Promise<InquiryView> => {
    const [approval, [adjustment]] = await Promise.all([
      loadApprovalState(connection, record.approvalId),
      loadManualAdjustments(connection, [record.inquiryId]),
    ]);
    return {
      ...record,
      ...(adjustment?.claimedFor
        ? {
            paidIn: {
              planId: adjustment.planId,
              period: adjustment.claimedFor.period,
              runId: adjustment.claimedFor.runId,
            },
          }
        : {}),
      workflowId: inquiryWorkflowId(record.inquiryId),
      decisions: approval?.decisions ?? [],
      escalations: (approval?.escalations ?? []).map(({ fromLevel, at }) => ({ fromLevel, at })),
      routingExplanation: approval?.chain?.explanation ?? [],
    };
  };

  const openInquiry = async (inquiryId: string, me: string, also?: string): Promise<InquiryRecord> => {
    const record = await loadInquiry(connection, inquiryId);
    if (!record) throw new DomainError('INQUIRY_NOT_FOUND', `no inquiry ${inquiryId}`);
    // Checked on the person, whatever their role: the payee and the raiser never answer it.
    for (const who of [me, also])
      if (who !== undefined && (who === record.line.payeeId || who === record.raisedBy))
        throw new DomainError(
          'INQUIRY_SELF_RESOLUTION_FORBIDDEN',
          `${who} raised inquiry ${inquiryId} or is its payee (${record.line.payeeId}) and cannot resolve it`,
          { inquiryId, personId: who },
        );
    if (record.status !== 'open')
      throw new DomainError('INQUIRY_ALREADY_RESOLVED', `inquiry ${inquiryId} is ${record.status}`, {
        status: record.status,
      });
    return record;
  };

  /**
   * After the decision that ends its approval the inquiry records its answer within moments: answer
   * with it. A decision that passes the inquiry to the next level answers with it still open.
   */
  const viewAfter = async (inquiryId: string, approval: ApprovalState) => {
    if (approval.status !== 'pending') {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        temporal.workflow
          .getHandle(inquiryWorkflowId(inquiryId))
          .result()
          .catch(() => undefined),
        new Promise((resolve) => (timer = setTimeout(resolve, SETTLE_WAIT_MS))),
      ]);
      clearTimeout(timer);
    }
    const record = await loadInquiry(connection, inquiryId);
    if (!record) throw new DomainError('INQUIRY_NOT_FOUND', `no inquiry ${inquiryId}`);
    return viewOf(record);
  };

  /**
   * Sends the decision to the inquiry's approval as the signed-in person, after the person checks
   * (never the payee or the raiser, nor a delegation to them); the approval checks the assignee.
   */
  const decide = async (
    request: FastifyRequest,
    update: typeof approveUpdate,
    input: Omit<ApprovalDecisionInput, 'actorId'>,
  ) => {
    const me = personOf(request.user);
    const record = await openInquiry(InquiryParam.parse(request.params).inquiryId, me, input.delegateTo);
    await assertMayDecide(connection, request.user, record.raisedBy);
    const approval = await temporal.workflow
      .getHandle(approvalWorkflowId(record.approvalId))
      .executeUpdate(update, { args: [{ ...input, actorId: me }], updateId: input.decisionId });
    return viewAfter(record.inquiryId, approval);
  };

  app.post(
    '/api/inquiries',
    {
      config: { access: allow(['rep', 'manager'], payeeScope) },
      schema: {
        tags,
        description:
          'Questions one statement line with a comment: a rep on their own lines, a manager on lines of reps ' +
          'in their scope. Routed by the `inquiry-routing` rule set (finance when none is published). ' +
          'The same inquiryId sent twice raises one inquiry.',
        body: RaiseInquiryRequest,
        response: { 200: InquiryView },
      },
    },
    async (request) => {
      const me = personOf(request.user);
      const { inquiryId, runId, payeeId, lineKey, comment } = request.body;
      const stored = await statementModel(connection)
        .findById(statementId(runId, payeeId), { _id: 0 })
        .lean();
      const statement = stored ? PayoutStatement.parse(stored) : undefined;
      const line = statement?.lines.find((l) => l.lineKey === lineKey);
      if (!statement || !line)
        throw new DomainError(
          'INQUIRY_LINE_NOT_FOUND',
          `run ${runId} has no line ${lineKey} on the statement of ${payeeId}`,
          { runId, payeeId, lineKey },
        );
      const orgUnitId = request.subject?.orgUnitId ?? '';
      const unit = (await app.org.units()).find((u) => u.id === orgUnitId);
      const input: InquiryWorkflowInput = {
        inquiryId,
        line: {
          runId,
          planId: statement.planId,
          period: statement.period,
          revision: statement.revision,
          payeeId,
          lineKey,
          amountMinor: line.amountMinor,
          currency: line.currency,
        },
        comment,
        raisedBy: me,
        raisedByRole: request.user.role,
        orgUnitId,
        routing: await routing(),
        routingFacts: {
          amount: line.amountMinor,
          unitId: orgUnitId,
          unitKind: unit?.kind ?? 'team',
          requesterRole: request.user.role,
        },
        levelDeadlineMs: LEVEL_DEADLINE_MS,
        reminderEveryMs: REMINDER_EVERY_MS,
      };
      const { record } = await createInquiry(connection, {
        inquiryId,
        approvalId: approvalIdFor('inquiry', inquiryId),
        status: 'open',
        assigneeIds: [],
        level: 0,
        line: input.line,
        comment,
        raisedBy: me,
        raisedByRole: request.user.role,
        orgUnitId,
        raisedAt: new Date().toISOString(),
      });
      try {
        await temporal.workflow.start(WORKFLOW_TYPES.inquiry, {
          taskQueue,
          workflowId: inquiryWorkflowId(inquiryId),
          args: [input],
        });
      } catch (error) {
        // A repeated click: the inquiry is already under way.
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      }
      return viewOf(record);
    },
  );

  app.get(
    '/api/inquiries',
    {
      config: { access: allow(EVERYONE) },
      schema: {
        tags,
        description:
          'My inquiries: `mine` (raised by me or about my statement) or `assigned` (waiting for me or resolved by me).',
        querystring: InquiryListQuery,
        response: { 200: InquiryList },
      },
    },
    async (request) => {
      const me = request.user.personId;
      if (!me) return { inquiries: [] };
      const records = await listInquiries(connection, me, request.query.view, request.query.limit);
      return { inquiries: await Promise.all(records.map(viewOf)) };
    },
  );

  app.get(
    '/api/inquiries/:inquiryId',
    {
      config: { access: allow(EVERYONE, inquiryScope) },
      schema: {
        tags,
        description: 'One inquiry: the line, the comment, who is asked, every decision and the answer.',
        params: InquiryParam,
        response: { 200: InquiryView },
      },
    },
    async (request) => {
      const record = await loadInquiry(connection, request.params.inquiryId);
      if (!record) throw new DomainError('INQUIRY_NOT_FOUND', `no inquiry ${request.params.inquiryId}`);
      return viewOf(record);
    },
  );

  app.post(
    '/api/inquiries/:inquiryId/accept',
    {
      config: { access: allow(STAFF, inquiryScope) },
      schema: {
        tags,
        description:
          'Accepts with an amount (integer minor units, may be negative), paid once as an adjustment line in the ' +
          'next run of the plan or a re-run of its period. `decisionId` makes a repeated click one decision.',
        params: InquiryParam,
        body: AcceptInquiryRequest,
        response: { 200: InquiryView },
      },
    },
    async (request) => {
      const { decisionId, amountMinor, comment } = request.body;
      return decide(request, approveUpdate, {
        decisionId,
        amountMinor,
        ...(comment ? { reason: comment } : {}),
      });
    },
  );

  app.post(
    '/api/inquiries/:inquiryId/reject',
    {
      config: { access: allow(STAFF, inquiryScope) },
      schema: {
        tags,
        description: 'Rejects with a reason the rep reads.',
        params: InquiryParam,
        body: RejectInquiryRequest,
        response: { 200: InquiryView },
      },
    },
    async (request) => decide(request, rejectUpdate, request.body),
  );

  app.post(
    '/api/inquiries/:inquiryId/delegate',
    {
      config: { access: allow(STAFF, inquiryScope) },
      schema: {
        tags,
        description: 'Hands my place among the resolvers to someone else (never the payee or the raiser).',
        params: InquiryParam,
        body: DelegateInquiryRequest,
        response: { 200: InquiryView },
      },
    },
    async (request) => {
      const { delegateTo } = request.body;
      if (!(await app.org.person(delegateTo)))
        throw new DomainError('INQUIRY_DELEGATE_NOT_FOUND', `no person ${delegateTo} to delegate to`);
      return decide(request, delegateUpdate, request.body);
    },
  );
  done();
};
