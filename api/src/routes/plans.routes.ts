import { WorkflowNotFoundError } from '@temporalio/client';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { DomainError, PlanParam, RepPlanView, personOfRepPlanId, type RepPlan } from '@opscycle/domain';
import { acknowledgeRepPlan, appendAudit, loadRepPlan } from '@opscycle/storage';
import { planAcknowledgedSignal } from '@opscycle/workflows/messages';
import { allow, EVERYONE, subject } from '../auth/access';

const tags = ['plans'];

const view = (plan: RepPlan): RepPlanView => ({
  ...plan,
  publishedAt: plan.publishedAt.toISOString(),
  acknowledgedAt: plan.acknowledgedAt?.toISOString() ?? null,
  lockedAt: plan.lockedAt?.toISOString() ?? null,
});

const notFound = (planId: string) => new DomainError('PLAN_NOT_FOUND', `no plan ${planId}`, { planId });

/** A rep's plan of the year (published at incentive publication) and the rep's acknowledgment of it. */
export const planRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  const { connection, temporal } = app.deps;
  // Whom a plan concerns follows from its id (<cycleId>:<personId>), so another rep's plan is 403
  // whether or not it exists, and the scope check needs no read of the plan.
  const planOwner = subject('plan', async (request) => {
    const personId = personOfRepPlanId(PlanParam.parse(request.params).planId);
    const person = personId === undefined ? undefined : await app.org.person(personId);
    return person ? { orgUnitId: person.orgUnitId, personId: person.id } : undefined;
  });

  app.get(
    '/api/plans/:planId',
    {
      config: { access: allow(EVERYONE, planOwner) },
      schema: {
        tags,
        description:
          'A rep’s plan of the year: the pinned incentive rule set, the quota, the acknowledgment.',
        params: PlanParam,
        response: { 200: RepPlanView },
      },
    },
    async (request) => {
      const plan = await loadRepPlan(connection, request.params.planId);
      if (!plan) throw notFound(request.params.planId);
      return view(plan);
    },
  );

  app.post(
    '/api/plans/:planId/acknowledgment',
    {
      config: { access: allow(['rep'], planOwner) },
      schema: {
        tags,
        description:
          'The rep acknowledges their own plan (once: a repeat answers the same). Audited, then reported to the cycle.',
        params: PlanParam,
        response: { 200: RepPlanView },
      },
    },
    async (request) => {
      const { planId } = request.params;
      const outcome = await acknowledgeRepPlan(connection, planId, new Date());
      if (outcome.kind === 'notFound') throw notFound(planId);
      if (outcome.kind === 'locked')
        throw new DomainError('PLAN_ALREADY_LOCKED', `plan ${planId} is locked: its year is closed`, {
          planId,
        });
      const { plan } = outcome;
      await appendAudit(connection, {
        id: `plan.acknowledged:${planId}`,
        at: plan.acknowledgedAt ?? new Date(),
        actor: { userId: request.user.id, role: request.user.role },
        action: 'plan.acknowledged',
        object: { type: 'plan', id: planId },
        orgUnitId: plan.orgUnitId,
        details: { cycleId: plan.cycleId, incentiveRuleSet: plan.incentiveRuleSet },
      });
      // Sent on every call, so a signal lost after storing (a crash in between) goes out on a retry.
      try {
        await temporal.workflow
          .getHandle(plan.cycleId)
          .signal(planAcknowledgedSignal, { planId, personId: plan.personId });
      } catch (error) {
        // A closed cycle no longer waits; the acknowledgment is stored and audited all the same.
        if (!(error instanceof WorkflowNotFoundError)) throw error;
      }
      return view(plan);
    },
  );
  done();
};
