import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import {
  CyclePersonParams,
  CycleUnitParams,
  DomainError,
  KpiList,
  KpiQuery,
  OrgUnitParam,
  PlanResultParams,
  PlanResultView,
  QuotaList,
  SubmissionList,
  SubmissionRequest,
  SubmissionView,
} from '@opscycle/domain';
import {
  bottomUpSubmissionModel,
  kpiSnapshotModel,
  loadPlanResult,
  loadQuotaAllocations,
  type StoredBottomUpSubmission,
} from '@opscycle/storage';
import { allow, EVERYONE, STAFF, subject, unitIn } from '../auth/access';
import { subtreeOf } from '../org/directory';

const tags = ['planning'];
const fiscalYearOf = (cycleId: string) => Number(/^cycle-FY(\d{4})-/.exec(cycleId)?.[1]);
const submissionView = (row: StoredBottomUpSubmission) => ({
  cycleId: row.cycleId,
  fiscalYear: row.fiscalYear,
  unitId: row.unitId,
  submittedBy: row.submittedBy,
  amountMinor: row.amountMinor,
  currency: row.currency,
  comment: row.comment,
  submittedAt: new Date(row.submittedAt).toISOString(),
});

/** Targets (quota), bottom-up submissions, staffing and budget plans, and KPIs, as planning stored them. */
export const planningRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  const { connection } = app.deps;
  const submissions = bottomUpSubmissionModel(connection);
  const subtreeIds = async (unitId: string) =>
    new Set(subtreeOf(await app.org.units(), unitId).map((u) => u.id));

  app.get(
    '/api/cycles/:cycleId/quota/:orgUnitId',
    {
      config: { access: allow(STAFF, unitIn('params')) },
      schema: {
        tags,
        description: 'Quota of a unit and everything below it (units and reps).',
        params: CycleUnitParams,
        response: { 200: QuotaList },
      },
    },
    async (request) => {
      const { cycleId, orgUnitId } = request.params;
      const units = await subtreeIds(orgUnitId);
      const people = await app.org.peopleIn([...units]);
      const wanted = new Set([...units, ...people.map((p) => p.id)]);
      return {
        allocations: (await loadQuotaAllocations(connection, cycleId)).filter((a) => wanted.has(a.unitId)),
      };
    },
  );

  app.get(
    '/api/cycles/:cycleId/quota/people/:personId',
    {
      config: {
        access: allow(
          EVERYONE,
          subject('person', async (request) => {
            const person = await app.org.person(CyclePersonParams.parse(request.params).personId);
            return person ? { orgUnitId: person.orgUnitId, personId: person.id } : undefined;
          }),
        ),
      },
      schema: {
        tags,
        description: 'A person’s own quota (a rep’s plan).',
        params: CyclePersonParams,
        response: { 200: QuotaList },
      },
    },
    async (request) => {
      const { cycleId, personId } = request.params;
      return {
        allocations: (await loadQuotaAllocations(connection, cycleId)).filter((a) => a.unitId === personId),
      };
    },
  );

  app.put(
    '/api/cycles/:cycleId/submissions/:orgUnitId',
    {
      config: { access: allow(['manager'], unitIn('params')) },
      schema: {
        tags,
        description:
          'A manager’s bottom-up number for a unit in their subtree; a new one replaces the previous.',
        params: CycleUnitParams,
        body: SubmissionRequest,
        response: { 200: SubmissionView },
      },
    },
    async (request) => {
      const { cycleId, orgUnitId } = request.params;
      const submittedBy = request.user.personId;
      if (!submittedBy)
        throw new DomainError('PLANNING_FORBIDDEN', `login ${request.user.id} is not linked to a person`);
      const record = {
        _id: `${cycleId}:${orgUnitId}`,
        cycleId,
        fiscalYear: fiscalYearOf(cycleId),
        unitId: orgUnitId,
        submittedBy,
        ...request.body,
        submittedAt: new Date(),
      };
      await submissions.replaceOne({ _id: record._id }, record, { upsert: true });
      return submissionView(record);
    },
  );

  app.get(
    '/api/cycles/:cycleId/submissions/:orgUnitId',
    {
      config: { access: allow(STAFF, unitIn('params')) },
      schema: {
        tags,
        description: 'Bottom-up submissions of a unit and the units below it.',
        params: CycleUnitParams,
        response: { 200: SubmissionList },
      },
    },
    async (request) => {
      const { cycleId, orgUnitId } = request.params;
      const units = await subtreeIds(orgUnitId);
      const rows = await submissions.find({ cycleId }).lean();
      return { submissions: rows.filter((row) => units.has(row.unitId)).map((row) => submissionView(row)) };
    },
  );

  app.get(
    '/api/cycles/:cycleId/plans/:kind',
    {
      config: { access: allow(['opsAdmin', 'finance', 'hr', 'manager']) },
      schema: {
        tags,
        description: 'A planning step’s stored result (strategy, reconciliation, staffing, budget).',
        params: PlanResultParams,
        response: { 200: PlanResultView },
      },
    },
    async (request) => {
      const { cycleId, kind } = request.params;
      const result = await loadPlanResult(connection, kind, cycleId);
      if (result === null)
        throw new DomainError('PLAN_RESULT_NOT_FOUND', `cycle ${cycleId} has no ${kind} yet`);
      return { kind, cycleId, result };
    },
  );

  app.get(
    '/api/kpis/:orgUnitId',
    {
      config: { access: allow(STAFF, unitIn('params')) },
      schema: {
        tags,
        description:
          'A unit’s KPIs and diagnosis per review period, as the performance review computed them.',
        params: OrgUnitParam,
        querystring: KpiQuery,
        response: { 200: KpiList },
      },
    },
    async (request) => {
      const { cycleId, from, to } = request.query;
      const rows = await kpiSnapshotModel(connection)
        .find()
        .where({ unitId: request.params.orgUnitId, ...(cycleId ? { cycleId } : {}) })
        .sort({ periodFrom: 1 })
        .lean();
      return {
        snapshots: rows
          .filter((row) => (!from || row.periodFrom >= from) && (!to || row.periodTo <= to))
          .map((row) => ({
            cycleId: row.cycleId,
            unitId: row.unitId,
            kpis: row.kpis,
            diagnosis: row.diagnosis,
            computedAt: new Date(row.computedAt).toISOString(),
          })),
      };
    },
  );
  done();
};
