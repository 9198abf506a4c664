import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import {
  DomainError,
  MyAsOfQuery,
  MyAttainment,
  MyEstimate,
  MyEstimateRequest,
  MyPlan,
  PinnedRuleSet,
  StatementList,
  type AuthUser,
  type IncentiveDealLine,
  type IncentivePayoutLine,
  type RuleSetVersion,
} from '@opscycle/domain';
import { evaluateIncentive } from '@opscycle/rules';
import {
  acknowledgePlanVersion,
  appendAudit,
  loadCreditedDeals,
  loadPayeeStatements,
  loadPlanAcknowledgment,
  loadRuleSetVersion,
  periodQuotas,
  planAcknowledgmentId,
} from '@opscycle/storage';
import { allow } from '../auth/access';
import { ownPeriodInput, payingPlanOn, quarterOf, quartersOf, type PayingPlan } from '../me/payingPlan';
import { acknowledgeOwnRepPlan } from '../plans/repPlanAcknowledgment';

const tags = ['me'];
/**
 * The caller's own plan and pay. Role only: every handler reads the caller's person and nothing
 * else, so there is no other subject to scope (managers read a rep through /api/people and /api/plans).
 */
const OWN = allow(['rep']);
const DAY_MS = 86_400_000;

const clampDate = (date: string, from: string, to: string | null) =>
  date < from ? from : to !== null && date > to ? to : date;
const today = () => new Date().toISOString().slice(0, 10);
const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;

/** The hypothetical deal's id: no CRM deal id looks like it, so it never meets a stored one. */
const ESTIMATED_DEAL_ID = '~estimate';

/** Validation refuses to publish an incentive plan without a currency; a stored one lacking it is broken. */
function currencyOf(version: RuleSetVersion): string {
  if (!version.compiled.currency)
    throw new DomainError('RULES_INVALID_GRAPH', `plan ${version.ruleSetId} has no currency`);
  return version.compiled.currency;
}

const planView = (version: RuleSetVersion) => ({
  ruleSetId: version.ruleSetId,
  version: version.version,
  name: version.name,
  checksum: version.checksum,
  effectiveFrom: version.effectiveFrom,
  effectiveTo: version.effectiveTo,
  currency: currencyOf(version),
  publishedAt: version.publishedAt,
});

function ownPersonId(user: AuthUser): string {
  if (!user.personId)
    throw new DomainError('MY_PERSON_NOT_FOUND', `login ${user.id} is not linked to a person`, {
      userId: user.id,
    });
  return user.personId;
}

/** Straight-line pace: how much of the period's quota should be in by `asOf`, and actual against it. */
function paceOf(period: { from: string; to: string }, asOf: string, quotaMinor: number, actualMinor: number) {
  const elapsed = Math.min(1, Math.max(0, days(period.from, asOf) / days(period.from, period.to)));
  const expectedToDateMinor = Math.round(quotaMinor * elapsed);
  return {
    phase: asOf < period.from ? 'upcoming' : asOf > period.to ? 'closed' : 'current',
    elapsed,
    expectedToDateMinor,
    pace: expectedToDateMinor > 0 ? actualMinor / expectedToDateMinor : null,
  } as const;
}

/** Lines by key, with and without the deal: every line either side, its amounts and the difference. */
function lineDelta(without: readonly IncentivePayoutLine[], withDeal: readonly IncentivePayoutLine[]) {
  const before = new Map(without.map((l) => [l.lineKey, l]));
  const after = new Map(withDeal.map((l) => [l.lineKey, l]));
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  return keys.map((lineKey) => {
    const b = before.get(lineKey);
    const a = after.get(lineKey);
    const withoutMinor = b?.amountMinor ?? 0;
    const withMinor = a?.amountMinor ?? 0;
    return {
      lineKey,
      component: (a ?? b)?.component ?? lineKey,
      withoutMinor,
      withMinor,
      deltaMinor: withMinor - withoutMinor,
      explanation: (a ?? b)?.explanation ?? [],
    };
  });
}

export const meRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  const { connection } = app.deps;

  const acknowledgedAtOf = async ({ version, repPlan }: PayingPlan, personId: string) =>
    repPlan ? (repPlan.acknowledgedAt ?? null) : await loadPlanAcknowledgment(connection, version, personId);

  app.get(
    '/api/me/plan',
    {
      config: { access: OWN },
      schema: {
        tags,
        description:
          'The published plan version that pays the caller on `asOf` (default today), their quota per quarter and their acknowledgment.',
        querystring: MyAsOfQuery,
        response: { 200: MyPlan },
      },
    },
    async (request) => {
      const personId = ownPersonId(request.user);
      const asOf = request.query.asOf ?? today();
      const paying = await payingPlanOn(connection, personId, asOf);
      const { version, repPlan } = paying;
      const fiscalYear = Number(asOf.slice(0, 4));
      const quotas = await Promise.all(
        quartersOf(fiscalYear).map(async (q) => ({
          ...q,
          quotaMinor: (await periodQuotas(connection, [personId], q)).get(personId) ?? 0,
        })),
      );
      const acknowledgedAt = await acknowledgedAtOf(paying, personId);
      return {
        plan: planView(version),
        source: repPlan
          ? { kind: 'cycle' as const, repPlanId: repPlan.planId }
          : { kind: 'published' as const },
        personId,
        fiscalYear,
        quotas,
        annualQuotaMinor: quotas.reduce((sum, q) => sum + q.quotaMinor, 0),
        acknowledgedAt: acknowledgedAt?.toISOString() ?? null,
      };
    },
  );

  app.post(
    '/api/me/plan/acknowledgment',
    {
      config: { access: OWN },
      schema: {
        tags,
        description:
          'The caller acknowledges the plan version they read ("I have read and accept my plan"), which must be the one paying them during its effective dates: once per version, a repeat answers the same; audited.',
        body: PinnedRuleSet,
        response: { 200: MyPlan.pick({ plan: true, acknowledgedAt: true }) },
      },
    },
    async (request) => {
      const personId = ownPersonId(request.user);
      const named = await loadRuleSetVersion(connection, request.body.ruleSetId, request.body.version);
      // The day the named version pays: today, or its first / last day when today is outside it.
      const on = named && clampDate(today(), named.effectiveFrom, named.effectiveTo);
      const { version, repPlan } = on ? await payingPlanOn(connection, personId, on) : { version: undefined };
      if (!named || version?.ruleSetId !== named.ruleSetId || version.version !== named.version)
        throw new DomainError(
          'MY_PLAN_NOT_PAYING',
          `${request.body.ruleSetId}@${request.body.version} is not the plan version that pays ${personId}`,
          { ...request.body, personId },
        );
      let acknowledgedAt: Date;
      if (repPlan) {
        // A cycle waits for this acknowledgment: it goes through the rep plan, as /api/plans does.
        const plan = await acknowledgeOwnRepPlan(app.deps, request.user, repPlan.planId);
        acknowledgedAt = plan.acknowledgedAt ?? new Date();
      } else {
        ({ acknowledgedAt } = await acknowledgePlanVersion(connection, version, personId, new Date()));
        const id = planAcknowledgmentId(version, personId);
        await appendAudit(connection, {
          id: `plan.acknowledged:${id}`,
          at: acknowledgedAt,
          actor: { userId: request.user.id, role: request.user.role },
          action: 'plan.acknowledged',
          object: { type: 'planVersion', id: `${version.ruleSetId}@${version.version}` },
          orgUnitId: request.user.orgUnitId,
          details: { personId, checksum: version.checksum },
        });
      }
      return {
        plan: planView(version),
        acknowledgedAt: acknowledgedAt.toISOString(),
      };
    },
  );

  app.get(
    '/api/me/attainment',
    {
      config: { access: OWN },
      schema: {
        tags,
        description:
          "Per quarter of `asOf`'s year: the caller's quota, credited actual (as the plan credits their deals), attainment and pace against the straight line.",
        querystring: MyAsOfQuery,
        response: { 200: MyAttainment },
      },
    },
    async (request) => {
      const personId = ownPersonId(request.user);
      const asOf = request.query.asOf ?? today();
      const { version, payoutPlanId } = await payingPlanOn(connection, personId, asOf);
      const quarters = quartersOf(Number(asOf.slice(0, 4)));
      // One read of the deals for the year (FerretDB scans the collection per query), split by quarter.
      const year = { from: quarters[0]!.from, to: quarters[3]!.to };
      const deals = await loadCreditedDeals(connection, [personId], year);
      const productLines = new Set<string>();
      const periods = await Promise.all(
        quarters.map(async (q) => {
          const input = await ownPeriodInput(connection, personId, q.period, payoutPlanId, deals);
          const [own] = (await evaluateIncentive(version.compiled, input)).payees;
          const quotaMinor = input.payees[0].quotaMinor;
          const actualMinor = Number(own?.facts.revenue ?? 0);
          (input.dealLines ?? []).forEach((d) => productLines.add(d.productLine));
          return {
            ...q,
            quotaMinor,
            actualMinor,
            attainment: quotaMinor > 0 ? actualMinor / quotaMinor : null,
            ...paceOf(q, asOf, quotaMinor, actualMinor),
          };
        }),
      );
      return {
        personId,
        asOf,
        currency: currencyOf(version),
        plan: { ruleSetId: version.ruleSetId, version: version.version },
        periods,
        productLines: [...productLines].sort(),
      };
    },
  );

  app.get(
    '/api/me/statements',
    {
      config: { access: OWN },
      schema: {
        tags,
        description: "The caller's statements, newest period first, every line with its explanation.",
        response: { 200: StatementList },
      },
    },
    async (request) => ({ statements: await loadPayeeStatements(connection, ownPersonId(request.user)) }),
  );

  app.post(
    '/api/me/estimate',
    {
      config: { access: OWN },
      schema: {
        tags,
        description:
          "What closing a deal would earn the caller: the published plan run on the caller's own facts for the deal's quarter, without and with the deal, line by line. Nothing is stored.",
        body: MyEstimateRequest,
        response: { 200: MyEstimate },
      },
    },
    async (request) => {
      const personId = ownPersonId(request.user);
      const deal = request.body;
      const { version, payoutPlanId } = await payingPlanOn(connection, personId, deal.closedOn);
      const currency = currencyOf(version);
      const period = quarterOf(deal.closedOn);
      const input = await ownPeriodInput(connection, personId, period, payoutPlanId);
      const hypothetical: IncentiveDealLine = {
        dealId: ESTIMATED_DEAL_ID,
        amountMinor: deal.amountMinor,
        currency,
        productLine: deal.productLine,
        customerId: ESTIMATED_DEAL_ID,
        newCustomer: deal.newCustomer,
        closedOn: deal.closedOn,
        status: 'won',
        credits: [{ payeeId: personId, share: 1 }],
      };
      const [without, withDeal] = await Promise.all([
        evaluateIncentive(version.compiled, input),
        evaluateIncentive(version.compiled, {
          ...input,
          dealLines: [...(input.dealLines ?? []), hypothetical],
        }),
      ]);
      const before = without.payees[0];
      const after = withDeal.payees[0];
      const withoutMinor = before?.totalMinor ?? 0;
      const withMinor = after?.totalMinor ?? 0;
      return {
        period,
        plan: { ruleSetId: version.ruleSetId, version: version.version },
        currency,
        lines: lineDelta(before?.lines ?? [], after?.lines ?? []),
        withoutMinor,
        withMinor,
        deltaMinor: withMinor - withoutMinor,
      };
    },
  );
  done();
};
