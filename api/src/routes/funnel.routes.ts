import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import {
  DomainError,
  FUNNEL_FAILING_LIMIT,
  FunnelParams,
  FunnelQuery,
  FunnelReport,
  type Deal,
  type FunnelFailingDeal,
  type RuleNodeOf,
  type RuleSetVersion,
} from '@opscycle/domain';
import { dealModel } from '@opscycle/storage';
import { evaluateFunnelStageSync, verifyRuleSetVersion } from '@opscycle/rules';
import { allow, unitIn } from '../auth/access';
import { subtreeOf } from '../org/directory';
import { ruleSetRepository } from '../ruleSets/repository';

const tags = ['funnel'];

/** The deal fields the funnelStage facts are made of: only these are read from storage. */
const FACT_FIELDS = [
  'dealId',
  'leadSource',
  'customerSize',
  'budgetConfirmed',
  'decisionMakerMet',
  'needIdentified',
  'proposalSubmittedOn',
  'proposalAccepted',
  'wonOn',
  'invoicedMinor',
  'collectedMinor',
  'amountMinor',
  'discountPct',
] as const satisfies readonly (keyof Deal)[];
type FunnelDeal = Pick<Deal, (typeof FACT_FIELDS)[number]>;

/** A CRM deal as the funnelStage fact catalog describes it. */
function funnelFacts(deal: FunnelDeal) {
  return {
    leadSource: deal.leadSource,
    customerSize: deal.customerSize,
    budgetConfirmed: deal.budgetConfirmed,
    decisionMakerMet: deal.decisionMakerMet,
    needIdentified: deal.needIdentified,
    proposalSubmitted: deal.proposalSubmittedOn !== null,
    proposalAccepted: deal.proposalAccepted,
    // Won means signed, also when the deal was refunded later.
    contractSigned: deal.wonOn !== null,
    invoicedMinor: deal.invoicedMinor,
    collectedRatio: deal.invoicedMinor > 0 ? deal.collectedMinor / deal.invoicedMinor : 0,
    amountMinor: deal.amountMinor,
    discountPct: deal.discountPct,
  };
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const byDealId = (a: FunnelDeal, b: FunnelDeal) => (a.dealId < b.dealId ? -1 : a.dealId > b.dealId ? 1 : 0);

/**
 * Runs the published stage criteria on each deal. Stages come from the graph, so a stage no deal
 * reaches still shows (with 0); a deal reaches the stages before the first one it fails.
 */
function funnelCounts(published: RuleSetVersion, deals: readonly FunnelDeal[]) {
  const stages = published.graph.nodes
    .filter((node): node is RuleNodeOf<'stageOutcome'> => node.kind === 'stageOutcome')
    .map((node) => ({ nodeId: node.id, stage: node.data.stage, order: node.data.order }))
    .sort((a, b) => a.order - b.order);
  const reached = new Map<string, number>();
  const failing = new Map<string, FunnelFailingDeal[]>();
  for (const deal of [...deals].sort(byDealId)) {
    const decision = evaluateFunnelStageSync(published.compiled, funnelFacts(deal));
    const stop = decision.next ? stages.findIndex((s) => s.nodeId === decision.next?.nodeId) : stages.length;
    for (const s of stages.slice(0, stop)) reached.set(s.nodeId, (reached.get(s.nodeId) ?? 0) + 1);
    if (decision.next) {
      const { nodeId, stage, failing: criteria } = decision.next;
      failing.set(nodeId, [
        ...(failing.get(nodeId) ?? []),
        { dealId: deal.dealId, stage, failing: criteria },
      ]);
    }
  }
  let previous = deals.length;
  return {
    totalDeals: deals.length,
    stages: stages.map((s) => {
      const count = reached.get(s.nodeId) ?? 0;
      const conversion = ratio(count, previous);
      previous = count;
      return { ...s, deals: count, conversion, failingDeals: failing.get(s.nodeId)?.length ?? 0 };
    }),
    failing: stages.flatMap((s) => (failing.get(s.nodeId) ?? []).slice(0, FUNNEL_FAILING_LIMIT)),
  };
}

/** The sales funnel of a unit measured with a published funnelStage rule set. */
export const funnelRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  const repo = ruleSetRepository(app.deps.connection);
  const deals = dealModel(app.deps.connection);

  app.get(
    '/api/funnel/:ruleSetId',
    {
      config: { access: allow(['opsAdmin', 'manager'], unitIn('query')) },
      schema: {
        tags,
        description:
          'Deals of the unit’s subtree created in [from, to], run through the latest published version of a ' +
          `funnelStage rule set: per stage the deals that reached it and the conversion from the previous one; ` +
          `the deals stopped before each stage with its failing criteria (at most ${FUNNEL_FAILING_LIMIT} per stage).`,
        params: FunnelParams,
        querystring: FunnelQuery,
        response: { 200: FunnelReport },
      },
    },
    async (request) => {
      const { ruleSetId } = request.params;
      const { orgUnitId, from, to } = request.query;
      if (from > to) throw new DomainError('FUNNEL_INVALID_PERIOD', `from ${from} is after to ${to}`);
      const published = await repo.latestVersion(ruleSetId);
      if (!published)
        throw new DomainError('RULE_SET_NOT_PUBLISHED', `rule set ${ruleSetId} has no published version`, {
          ruleSetId,
        });
      if (published.kind !== 'funnelStage')
        throw new DomainError(
          'RULE_SET_KIND_MISMATCH',
          `rule set ${ruleSetId} is ${published.kind}, not funnelStage`,
        );
      verifyRuleSetVersion(published);
      const teamIds = subtreeOf(await app.org.units(), orgUnitId).map((u) => u.id);
      const rows = await deals
        .find()
        .where({ createdOn: { $gte: from, $lte: to } })
        .where('teamId')
        .in(teamIds)
        .select(Object.fromEntries(FACT_FIELDS.map((field) => [field, 1])))
        .lean<FunnelDeal[]>();
      return {
        ruleSetId,
        version: published.version,
        orgUnitId,
        from,
        to,
        ...funnelCounts(published, rows),
      };
    },
  );
  done();
};
