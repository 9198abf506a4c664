import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DomainError,
  PayoutRunList,
  PayoutRunParam,
  PayoutRunView,
  PayoutStatement,
  PersonParam,
  StatementList,
  StatementParams,
  type AuthUser,
} from '@opscycle/domain';
import { loadPayeeStatements, loadStatements, payrollCsv, statementModel } from '@opscycle/storage';
import { payoutRunProgressQuery, WORKFLOW_TYPES } from '@opscycle/workflows/messages';
import { allow, EVERYONE, subject } from '../auth/access';
import { visibilityOf } from '../auth/visibility';

const tags = ['payouts'];
const PAYROLL = ['opsAdmin', 'finance', 'hr'] as const;
const runWorkflowId = (runId: string) => `payout-${runId}`;

export const payoutRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  const { connection, temporal } = app.deps;
  const statements = statementModel(connection);
  const payeeScope = (describe: string) =>
    subject(describe, async (request) => {
      const { personId, payeeId } = request.params as { personId?: string; payeeId?: string };
      const person = await app.org.person(payeeId ?? personId ?? '');
      return person ? { orgUnitId: person.orgUnitId, personId: person.id } : undefined;
    });
  /** The run's statements of the payees within the caller's scope (the list and the payroll export alike). */
  const visibleStatements = async (runId: string, user: AuthUser) => {
    const [all, visibility] = await Promise.all([
      loadStatements(connection, { runId }),
      visibilityOf(app.org, user),
    ]);
    return all.filter((statement) => visibility.person(statement.payeeId));
  };

  app.get(
    '/api/payout-runs',
    {
      config: { access: allow(PAYROLL) },
      schema: {
        tags,
        description: 'Payout runs, from Temporal visibility.',
        response: { 200: PayoutRunList },
      },
    },
    async () => {
      const runs: z.infer<typeof PayoutRunList>['runs'] = [];
      for await (const execution of temporal.workflow.list({
        query: `WorkflowType = '${WORKFLOW_TYPES.payoutRun}'`,
      })) {
        // Newest first: a run id started again after it was terminated is listed once, as it is now.
        if (runs.some((r) => r.workflowId === execution.workflowId)) continue;
        runs.push({
          runId: execution.workflowId.replace(/^payout-/, ''),
          workflowId: execution.workflowId,
          executionStatus: execution.status.name,
          startedAt: execution.startTime.toISOString(),
        });
        if (runs.length >= 200) break;
      }
      return { runs };
    },
  );

  app.get(
    '/api/payout-runs/:runId',
    {
      config: { access: allow(PAYROLL) },
      schema: {
        tags,
        description: 'A run’s progress, from the workflow’s query.',
        params: PayoutRunParam,
        response: { 200: PayoutRunView },
      },
    },
    async (request) =>
      temporal.workflow.getHandle(runWorkflowId(request.params.runId)).query(payoutRunProgressQuery),
  );

  app.get(
    '/api/payout-runs/:runId/statements',
    {
      config: { access: allow(['opsAdmin', 'finance', 'hr', 'manager']) },
      schema: {
        tags,
        description: 'The run’s statements of the payees within the caller’s scope.',
        params: PayoutRunParam,
        response: { 200: StatementList },
      },
    },
    async (request) => ({ statements: await visibleStatements(request.params.runId, request.user) }),
  );

  app.get(
    '/api/payout-runs/:runId/statements/:payeeId',
    {
      config: { access: allow(EVERYONE, payeeScope('payee')) },
      schema: {
        tags,
        description: 'One payee’s statement in a run, every line with its explanation.',
        params: StatementParams,
        response: { 200: PayoutStatement },
      },
    },
    async (request) => {
      const { runId, payeeId } = request.params;
      const found = await statements.findById(`${runId}:${payeeId}`, { _id: 0 }).lean();
      if (!found) throw new DomainError('STATEMENT_NOT_FOUND', `no statement of ${payeeId} in run ${runId}`);
      return PayoutStatement.parse(found);
    },
  );

  app.get(
    '/api/people/:personId/statements',
    {
      config: { access: allow(EVERYONE, payeeScope('person')) },
      schema: {
        tags,
        description: 'Every statement of a person, newest period first.',
        params: PersonParam,
        response: { 200: StatementList },
      },
    },
    async (request) => ({ statements: await loadPayeeStatements(connection, request.params.personId) }),
  );

  app.get(
    '/api/payout-runs/:runId/export.csv',
    {
      config: { access: allow(['finance', 'hr']) },
      schema: {
        tags,
        description:
          'The run as CSV for payroll (one row per statement line, integer minor units), of the payees within the caller’s scope.',
        params: PayoutRunParam,
        produces: ['text/csv'],
        response: { 200: z.string() },
      },
    },
    async (request, reply) => {
      const { runId } = request.params;
      const visible = await visibleStatements(runId, request.user);
      // A run with statements outside the caller's scope only answers like a run without any.
      if (visible.length === 0)
        throw new DomainError('PAYOUT_RUN_NOT_FOUND', `run ${runId} has no statements within your scope`);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${runId}.csv"`)
        .send(payrollCsv(visible));
    },
  );
  done();
};
