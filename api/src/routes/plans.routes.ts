import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { PlanParam, RepPlanView, personOfRepPlanId, type RepPlan } from '@opscycle/domain';
import { loadRepPlan } from '@opscycle/storage';
import { allow, EVERYONE, subject } from '../auth/access';
import { acknowledgeOwnRepPlan, repPlanNotFound } from '../plans/repPlanAcknowledgment';

const tags = ['plans'];

const view = (plan: RepPlan): RepPlanView => ({
  ...plan,
  publishedAt: plan.publishedAt.toISOString(),
  acknowledgedAt: plan.acknowledgedAt?.toISOString() ?? null,
  lockedAt: plan.lockedAt?.toISOString() ?? null,
});

/** A rep's plan of the year (published at incentive publication) and the rep's acknowledgment of it. */
export const planRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  const { connection } = app.deps;
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
      if (!plan) throw repPlanNotFound(request.params.planId);
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
    async (request) => view(await acknowledgeOwnRepPlan(app.deps, request.user, request.params.planId)),
  );
  done();
};
