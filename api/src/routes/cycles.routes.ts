import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  API_ERROR_CODES,
  CycleList,
  CycleListQuery,
  CycleParam,
  CycleStatus,
  CycleStep,
  CycleView,
  DomainError,
  StartCycleRequest,
  TASK_QUEUES,
  isWithinScope,
  type AuthUser,
  type OrgUnit,
} from '@opscycle/domain';
import { appendAudit } from '@opscycle/storage';
import type { annualCycleWorkflow } from '@opscycle/workflows';
import {
  cycleProgressQuery,
  cycleSearchAttributes,
  cycleWorkflowId,
  searchAttributeKeys,
  WORKFLOW_TYPES,
} from '@opscycle/workflows/messages';
import { allow, STAFF } from '../auth/access';
import { subtreeOf } from '../org/directory';

const tags = ['cycles'];

/** A cycle concerns everyone whose unit it plans (above or below): a region manager follows the company's cycle. */
const concerns = (units: readonly OrgUnit[], user: AuthUser, cycleOrg: string) =>
  isWithinScope(units, user.orgUnitId, cycleOrg) || isWithinScope(units, cycleOrg, user.orgUnitId);

export const cycleRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  const { temporal, connection } = app.deps;

  app.post(
    '/api/cycles',
    {
      config: { access: allow(['opsAdmin']) },
      schema: {
        tags,
        description:
          'Starts the annual cycle of an org unit from a template (409 if that year’s cycle exists).',
        body: StartCycleRequest,
        response: { 201: CycleView.pick({ cycleId: true, fiscalYear: true, orgId: true }) },
      },
    },
    async (request, reply) => {
      const { fiscalYear, orgId, template } = request.body;
      const units = await app.org.units();
      const orgUnits = subtreeOf(units, orgId);
      if (orgUnits.length === 0)
        throw new DomainError('ORG_UNIT_NOT_FOUND', `no org unit ${orgId}`, { orgId });
      if (!isWithinScope(units, request.user.orgUnitId, orgId))
        throw new DomainError(API_ERROR_CODES.outOfScope, `org unit ${orgId} is outside your scope`);
      const firstStep = template.steps[0]!.step;
      const cycleId = cycleWorkflowId(fiscalYear, orgId);
      const startedBy = request.user.personId ?? request.user.id;
      await temporal.workflow.start<typeof annualCycleWorkflow>(WORKFLOW_TYPES.annualCycle, {
        taskQueue: app.deps.cycleTaskQueue ?? TASK_QUEUES.cycle,
        workflowId: cycleId,
        args: [{ fiscalYear, orgId, startedBy, template, orgUnits }],
        typedSearchAttributes: cycleSearchAttributes(fiscalYear, orgId, firstStep, 'running'),
      });
      await appendAudit(connection, {
        id: `cycle.started:${cycleId}`,
        at: new Date(),
        actor: { userId: request.user.id, role: request.user.role },
        action: 'cycle.started',
        object: { type: 'cycle', id: cycleId },
        orgUnitId: orgId,
        details: { fiscalYear, templateId: template.id },
      });
      return reply.status(201).send({ cycleId, fiscalYear, orgId });
    },
  );

  app.get(
    '/api/cycles',
    {
      config: { access: allow(STAFF) },
      schema: {
        tags,
        description:
          'Cycles from Temporal visibility (search attributes), those concerning the caller’s unit.',
        querystring: CycleListQuery,
        response: { 200: CycleList },
      },
    },
    async (request) => {
      const { fiscalYear } = request.query;
      // fiscalYear is a zod-parsed integer: nothing user-typed reaches the visibility query as text.
      const query = `WorkflowType = '${WORKFLOW_TYPES.annualCycle}'${fiscalYear === undefined ? '' : ` AND FiscalYear = ${fiscalYear}`}`;
      const units = await app.org.units();
      const cycles: z.infer<typeof CycleList>['cycles'] = [];
      for await (const execution of temporal.workflow.list({ query })) {
        const attributes = execution.typedSearchAttributes;
        const orgId = attributes.get(searchAttributeKeys.OrgUnit) ?? null;
        if (orgId !== null && !concerns(units, request.user, orgId)) continue;
        const step = CycleStep.safeParse(attributes.get(searchAttributeKeys.CycleStep));
        const status = CycleStatus.safeParse(attributes.get(searchAttributeKeys.CycleStatus));
        cycles.push({
          cycleId: execution.workflowId,
          fiscalYear: attributes.get(searchAttributeKeys.FiscalYear) ?? null,
          orgId,
          step: step.success ? step.data : null,
          status: status.success ? status.data : null,
          executionStatus: execution.status.name,
          startedAt: execution.startTime.toISOString(),
        });
        if (cycles.length >= 200) break;
      }
      return { cycles };
    },
  );

  app.get(
    '/api/cycles/:cycleId',
    {
      config: { access: allow(STAFF) },
      schema: {
        tags,
        description:
          'The cycle’s progress, from its workflow Query, with the names of the pending approvals’ approvers.',
        params: CycleParam,
        response: { 200: CycleView },
      },
    },
    async (request) => {
      const progress = await temporal.workflow.getHandle(request.params.cycleId).query(cycleProgressQuery);
      if (!concerns(await app.org.units(), request.user, progress.orgId))
        throw new DomainError(
          API_ERROR_CODES.outOfScope,
          `cycle ${progress.cycleId} does not concern your unit`,
        );
      // Who the pending approvals wait on, by name: the workflow knows ids only.
      const ids = [...new Set(progress.pendingApprovals.flatMap((p) => p.assigneeIds))].sort();
      const approvers = await Promise.all(
        ids.map(async (id) => ({ id, name: (await app.org.person(id))?.name ?? null })),
      );
      return { ...progress, approvers };
    },
  );
  done();
};
