import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import {
  API_ERROR_CODES,
  AdjustedStrategyAnalysis,
  CycleParam,
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
  TargetAdjustmentRequest,
  isWithinScope,
  type AuthUser,
  type OrgUnit,
} from '@opscycle/domain';
import {
  appendAudit,
  bottomUpSubmissionModel,
  kpiSnapshotModel,
  loadPlanResult,
  loadQuotaAllocations,
  quotaAllocationModel,
  savePlanResult,
  type StoredBottomUpSubmission,
} from '@opscycle/storage';
import { searchAttributeKeys } from '@opscycle/workflows/messages';
import { allow, EVERYONE, STAFF, subject, unitIn } from '../auth/access';
import { visibilityOf } from '../auth/visibility';
import { subtreeOf } from '../org/directory';
import { planResultWithin } from '../planning/scopedResults';
import { concernsCycle, readCycleProgress } from './cycleScope';

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

  /** The cycle's top unit (its OrgUnit search attribute); refused unless the cycle concerns the caller. */
  async function cycleConcerning(
    cycleId: string,
    user: AuthUser,
  ): Promise<{ orgId: string; units: OrgUnit[] }> {
    const described = await app.deps.temporal.workflow.getHandle(cycleId).describe();
    const orgId = described.typedSearchAttributes.get(searchAttributeKeys.OrgUnit);
    const units = await app.org.units();
    if (!orgId || !concernsCycle(units, user, orgId))
      throw new DomainError(API_ERROR_CODES.outOfScope, `cycle ${cycleId} does not concern your unit`);
    return { orgId, units };
  }

  /**
   * Target setting reads the company target once, when it decomposes it: after the step has
   * started (or any allocation is stored) an adjustment would no longer reach the targets.
   */
  async function refuseOnceTargetSettingStarted(cycleId: string): Promise<void> {
    const progress = await readCycleProgress(app.deps.temporal, connection, cycleId);
    const step = progress.steps.find((s) => s.step === 'targetSetting');
    const decomposed = await quotaAllocationModel(connection).exists({ cycleId });
    if ((step && step.status !== 'pending') || decomposed)
      throw new DomainError(
        'PLANNING_TARGET_SETTING_ALREADY_STARTED',
        `target setting of ${cycleId} has started (${step?.status ?? 'targets stored'}): the company target can no longer be adjusted`,
        { cycleId, step: 'targetSetting', status: step?.status ?? null },
      );
  }

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
      const { orgId, units } = await cycleConcerning(cycleId, request.user);
      const result = await loadPlanResult(connection, kind, cycleId);
      if (result === null)
        throw new DomainError('PLAN_RESULT_NOT_FOUND', `cycle ${cycleId} has no ${kind} yet`);
      if (isWithinScope(units, request.user.orgUnitId, orgId)) return { kind, cycleId, result };
      return {
        kind,
        cycleId,
        result: planResultWithin(kind, result, await visibilityOf(app.org, request.user)),
      };
    },
  );

  app.post(
    '/api/cycles/:cycleId/strategy/target-adjustment',
    {
      config: { access: allow(['opsAdmin']) },
      schema: {
        tags,
        description:
          'The ops admin changes the proposed company target, with a reason, before target setting starts ' +
          '(409 after); target decomposition reads the adjusted target from the stored strategy analysis.',
        params: CycleParam,
        body: TargetAdjustmentRequest,
        response: { 200: PlanResultView },
      },
    },
    async (request) => {
      const { cycleId } = request.params;
      const { companyTargetMinor, reason } = request.body;
      const { orgId, units } = await cycleConcerning(cycleId, request.user);
      if (!isWithinScope(units, request.user.orgUnitId, orgId))
        throw new DomainError(API_ERROR_CODES.outOfScope, `cycle ${cycleId} plans more than your unit`);
      const stored = await loadPlanResult(connection, 'strategyAnalysis', cycleId);
      if (stored === null)
        throw new DomainError('PLAN_RESULT_NOT_FOUND', `cycle ${cycleId} has no strategyAnalysis yet`);
      const analysis = AdjustedStrategyAnalysis.parse(stored);
      await refuseOnceTargetSettingStarted(cycleId);
      const at = new Date();
      const adjustedBy = request.user.personId ?? request.user.id;
      const proposedMinor = analysis.adjustment?.proposedMinor ?? analysis.proposal.companyTargetMinor;
      const adjustment = {
        companyTargetMinor,
        reason,
        proposedMinor,
        adjustedBy,
        adjustedAt: at.toISOString(),
      };
      const result = AdjustedStrategyAnalysis.parse({
        ...analysis,
        proposal: { ...analysis.proposal, companyTargetMinor },
        adjustment,
      });
      // Where target decomposition reads the company target (worker decomposeTargets): no
      // workflow change, and the decomposition stays one read of one document.
      await savePlanResult(connection, {
        kind: 'strategyAnalysis',
        cycleId,
        fiscalYear: analysis.fiscalYear,
        result,
        computedAt: at,
      });
      await appendAudit(connection, {
        id: `target.adjusted:${cycleId}:${at.getTime()}`,
        at,
        actor: { userId: request.user.id, role: request.user.role },
        action: 'target.adjusted',
        object: { type: 'cycle', id: cycleId },
        orgUnitId: orgId,
        details: {
          fromMinor: analysis.proposal.companyTargetMinor,
          toMinor: companyTargetMinor,
          proposedMinor,
          reason,
        },
      });
      return { kind: 'strategyAnalysis' as const, cycleId, result };
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
