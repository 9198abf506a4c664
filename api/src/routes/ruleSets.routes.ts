import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DomainError,
  ImpactPreview,
  ImpactOnActualsRequest,
  ImpactRequest,
  NewRuleSetRequest,
  PublishRequest,
  RuleGraph,
  RuleGraphValidation,
  RuleSetDiff,
  RuleSetDiffQuery,
  RuleSetList,
  RuleSetListQuery,
  RuleSetParam,
  RuleSetVersion,
  RuleSetVersionList,
  RuleSetVersionParam,
  SimulateRequest,
  SimulateResponse,
} from '@opscycle/domain';
import { impactPreview, simulate, validateRuleGraph } from '@opscycle/rules';
import { buildIncentiveInput } from '@opscycle/storage';
import { allow, STAFF } from '../auth/access';
import { diffRuleGraphs } from '../ruleSets/diff';
import { ruleSetRepository } from '../ruleSets/repository';

const tags = ['rule sets'];
/** Rule sets are company-wide: anyone on staff reads them, only ops admins design and publish. */
const READ = allow(STAFF);
const DESIGN = allow(['opsAdmin']);

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'rule-set';

export const ruleSetRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  const repo = ruleSetRepository(app.deps.connection);

  app.get(
    '/api/rule-sets',
    {
      config: { access: READ },
      schema: { tags, querystring: RuleSetListQuery, response: { 200: RuleSetList } },
    },
    async (request) => ({ ruleSets: await repo.list(request.query.kind) }),
  );

  app.post(
    '/api/rule-sets',
    {
      config: { access: DESIGN },
      schema: {
        tags,
        description: 'Creates a draft (empty, or from `graph`).',
        body: NewRuleSetRequest,
        response: { 201: RuleGraph },
      },
    },
    async (request, reply) => {
      const { kind, name, graph } = request.body;
      const id = request.body.id ?? graph?.id ?? `${slug(name)}-${Date.now().toString(36)}`;
      const draft = graph
        ? { ...graph, id, kind, name }
        : {
            id,
            version: 1,
            kind,
            name,
            nodes: [],
            edges: [],
            ...(kind === 'incentive' ? { currency: 'CNY' } : {}),
          };
      if (graph && graph.kind !== kind)
        throw new DomainError('RULE_SET_KIND_MISMATCH', `the graph is a ${graph.kind} graph, not ${kind}`);
      return reply.status(201).send(await repo.create(draft, request.user));
    },
  );

  app.get(
    '/api/rule-sets/:id/draft',
    { config: { access: READ }, schema: { tags, params: RuleSetParam, response: { 200: RuleGraph } } },
    async (request) => repo.draftGraph(request.params.id),
  );

  app.put(
    '/api/rule-sets/:id/draft',
    {
      config: { access: DESIGN },
      schema: {
        tags,
        description:
          'Saves the draft; `version` must be the revision you loaded (409 RULE_SET_DRAFT_CONFLICT otherwise).',
        params: RuleSetParam,
        body: RuleGraph,
        response: { 200: RuleGraph },
      },
    },
    async (request) => repo.save(request.params.id, request.body, request.user),
  );

  app.delete(
    '/api/rule-sets/:id/draft',
    {
      config: { access: DESIGN },
      schema: {
        tags,
        description:
          'Discards the draft: back to the latest published graph, or deletes a never-published rule set.',
        params: RuleSetParam,
        response: { 200: z.object({ draft: RuleGraph.nullable() }) },
      },
    },
    async (request) => ({ draft: await repo.discard(request.params.id, request.user) }),
  );

  app.post(
    '/api/rule-sets/validate',
    {
      config: { access: DESIGN },
      schema: {
        tags,
        description:
          'Every problem of a graph, each with its code and node, edge or test case id; and, when the graph is sound, every test case run (testResults).',
        body: z.record(z.string(), z.unknown()),
        response: { 200: RuleGraphValidation },
      },
    },
    (request) => validateRuleGraph(request.body),
  );

  app.post(
    '/api/rule-sets/simulate',
    {
      config: { access: DESIGN },
      schema: {
        tags,
        description: 'Evaluates a draft graph on given facts, with the trace.',
        body: SimulateRequest,
        response: { 200: SimulateResponse },
      },
    },
    async (request) => simulate(request.body.graph, request.body.facts),
  );

  /** What a draft is compared with: the latest published version. */
  async function publishedToCompare(id: string) {
    const published = await repo.latestVersion(id);
    if (!published)
      throw new DomainError(
        'RULE_SET_NOT_PUBLISHED',
        `rule set ${id} has no published version to compare with`,
      );
    return published;
  }

  app.post(
    '/api/rule-sets/:id/impact',
    {
      config: { access: DESIGN },
      schema: {
        tags,
        description:
          'Per payee: what the latest published version pays on `actuals` and what the draft would pay.',
        params: RuleSetParam,
        body: ImpactRequest,
        response: { 200: ImpactPreview },
      },
    },
    async (request) => {
      const { id } = request.params;
      const published = await publishedToCompare(id);
      return impactPreview(
        request.body.graph ?? (await repo.draftGraph(id)),
        published,
        request.body.actuals,
      );
    },
  );

  app.post(
    '/api/rule-sets/:id/impact-actuals',
    {
      config: { access: DESIGN },
      schema: {
        tags,
        description:
          "Per payee and in total: what the latest published version and the draft (`graph`, else the stored draft) pay on a period's stored actuals (deals won or refunded, quotas, paid deals, draw balances), built as a payout run builds them.",
        params: RuleSetParam,
        body: ImpactOnActualsRequest,
        response: { 200: ImpactPreview },
      },
    },
    async (request) => {
      const { id } = request.params;
      const published = await publishedToCompare(id);
      const draft = request.body.graph ?? (await repo.draftGraph(id));
      const { input } = await buildIncentiveInput(app.deps.connection, {
        period: request.body.period,
        planId: id,
      });
      return impactPreview(draft, published, input);
    },
  );

  app.post(
    '/api/rule-sets/:id/publish',
    {
      config: { access: DESIGN },
      schema: {
        tags,
        description:
          'Publishes the reviewed draft revision as the next immutable, checksummed version (audited), with its test results; refused (400 RULES_TEST_CASE_FAILED, naming each case) while a test case fails.',
        params: RuleSetParam,
        body: PublishRequest,
        response: { 201: RuleSetVersion },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await repo.publish(request.params.id, request.body.draftVersion, request.user)),
  );

  app.get(
    '/api/rule-sets/:id/versions',
    {
      config: { access: READ },
      schema: { tags, params: RuleSetParam, response: { 200: RuleSetVersionList } },
    },
    async (request) => ({
      versions: (await repo.versions(request.params.id)).map((v) => ({
        version: v.version,
        checksum: v.checksum,
        publishedAt: v.publishedAt,
        publishedBy: v.publishedBy,
        effectiveFrom: v.effectiveFrom,
        effectiveTo: v.effectiveTo,
        testResults: v.testResults,
      })),
    }),
  );

  app.get(
    '/api/rule-sets/:id/versions/:version',
    {
      config: { access: READ },
      schema: { tags, params: RuleSetVersionParam, response: { 200: RuleSetVersion } },
    },
    async (request) => repo.version(request.params.id, request.params.version),
  );

  app.get(
    '/api/rule-sets/:id/diff',
    {
      config: { access: READ },
      schema: {
        tags,
        description: 'What changed between two published versions.',
        params: RuleSetParam,
        querystring: RuleSetDiffQuery,
        response: { 200: RuleSetDiff },
      },
    },
    async (request) => {
      const { id } = request.params;
      const [from, to] = await Promise.all([
        repo.version(id, request.query.from),
        repo.version(id, request.query.to),
      ]);
      return diffRuleGraphs(id, from, to);
    },
  );
  done();
};
