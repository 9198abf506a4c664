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
} from '@opscycle/domain';
import { appendAudit, cycleModel } from '@opscycle/storage';
import type { annualCycleWorkflow } from '@opscycle/workflows';
import {
  cycleSearchAttributes,
  cycleWorkflowId,
  searchAttributeKeys,
  WORKFLOW_TYPES,
} from '@opscycle/workflows/messages';
import { allow, STAFF } from '../auth/access';
import { subtreeOf } from '../org/directory';
import { concernsCycle, cycleViewFor, readCycleProgress, workflowHistoryUrl } from './cycleScope';

const tags = ['cycles'];
/** Distinct cycles listed at most (each with all its runs counted). */
const MAX_CYCLES = 200;

export const cycleRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  const { temporal, connection } = app.deps;
  const historyUrl = (workflowId: string) =>
    workflowHistoryUrl(app.deps.temporalUiUrl, temporal.options.namespace, workflowId);

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
      // Visibility lists every run: a cycle continues as new at each step boundary. One entry per
      // workflow id, the latest run's (its search attributes carry the current step and status).
      const byId = new Map<string, z.infer<typeof CycleList>['cycles'][number]>();
      const latestRunStart = new Map<string, number>();
      for await (const execution of temporal.workflow.list({ query })) {
        const attributes = execution.typedSearchAttributes;
        const orgId = attributes.get(searchAttributeKeys.OrgUnit) ?? null;
        if (orgId !== null && !concernsCycle(units, request.user, orgId)) continue;
        const seen = byId.get(execution.workflowId);
        if (!seen && byId.size >= MAX_CYCLES) continue;
        const runStart = execution.startTime.getTime();
        const startedAt = new Date(Math.min(runStart, seen ? Date.parse(seen.startedAt) : runStart));
        if (seen) seen.startedAt = startedAt.toISOString();
        if (seen && (latestRunStart.get(execution.workflowId) ?? 0) >= runStart) {
          seen.runs++;
          continue;
        }
        latestRunStart.set(execution.workflowId, runStart);
        const step = CycleStep.safeParse(attributes.get(searchAttributeKeys.CycleStep));
        const status = CycleStatus.safeParse(attributes.get(searchAttributeKeys.CycleStatus));
        byId.set(execution.workflowId, {
          cycleId: execution.workflowId,
          fiscalYear: attributes.get(searchAttributeKeys.FiscalYear) ?? null,
          orgId,
          step: step.success ? step.data : null,
          status: status.success ? status.data : null,
          executionStatus: execution.status.name,
          startedAt: startedAt.toISOString(),
          runs: (seen?.runs ?? 0) + 1,
          historyUrl: historyUrl(execution.workflowId),
        });
      }
      // A namespace may be shared by several deployments (the tests' databases share one server): a
      // cycle is this deployment's when its progress is mirrored here (its first step publishes it).
      const mirrored = new Set(
        (
          await cycleModel(connection)
            .find({ _id: { $in: [...byId.keys()] } }, { _id: 1 })
            .lean()
        ).map((c) => c._id),
      );
      const cycles = [...byId.values()]
        .filter((c) => mirrored.has(c.cycleId))
        .sort((a, b) => (b.fiscalYear ?? 0) - (a.fiscalYear ?? 0) || a.cycleId.localeCompare(b.cycleId));
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
          'The cycle’s progress from its workflow Query, narrowed to the caller’s part of the org, with the ' +
          'units’ names and hierarchy and the names of the pending approvals’ approvers.',
        params: CycleParam,
        response: { 200: CycleView },
      },
    },
    async (request) => {
      const progress = await readCycleProgress(temporal, connection, request.params.cycleId);
      const units = await app.org.units();
      if (!concernsCycle(units, request.user, progress.orgId))
        throw new DomainError(
          API_ERROR_CODES.outOfScope,
          `cycle ${progress.cycleId} does not concern your unit`,
        );
      const visible = cycleViewFor(progress, units, request.user);
      // Who the pending approvals wait on, by name: the workflow knows ids only.
      const ids = [...new Set(visible.pendingApprovals.flatMap((p) => p.assigneeIds))].sort();
      const approvers = await Promise.all(
        ids.map(async (id) => ({ id, name: (await app.org.person(id))?.name ?? null })),
      );
      return { ...progress, ...visible, approvers, historyUrl: historyUrl(progress.cycleId) };
    },
  );
  done();
};
