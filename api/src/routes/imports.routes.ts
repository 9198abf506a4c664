import { randomUUID } from 'node:crypto';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  API_ERROR_CODES,
  DomainError,
  IdParam,
  ImportDealsQuery,
  ImportJob,
  ImportList,
  PageQuery,
} from '@opscycle/domain';
import { importJobModel, type ImportJobRecord } from '@opscycle/storage';
import { allow, subject } from '../auth/access';
import { visibilityOf } from '../auth/visibility';
import { runDealImport } from '../imports/dealImport';

const IMPORTERS = ['opsAdmin', 'finance'] as const;
/** How far back a scoped reader's job list looks (the newest jobs of everyone, then filtered). */
const MAX_SCANNED_JOBS = 1_000;

function toView({
  _id,
  rowErrors,
  startedAt,
  finishedAt,
  orgUnitId: _unit,
  ...rest
}: ImportJobRecord): ImportJob {
  return {
    ...rest,
    id: _id,
    errors: rowErrors.map(({ row, field, message }) => ({ row, field, message })),
    startedAt: new Date(startedAt).toISOString(),
    ...(finishedAt ? { finishedAt: new Date(finishedAt).toISOString() } : {}),
  };
}

export const importRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  const jobs = importJobModel(app.deps.connection);
  const load = async (id: string) => {
    const job = await jobs.findById(id).lean();
    if (!job) throw new DomainError(API_ERROR_CODES.notFound, `no import job ${id}`);
    return toView(job);
  };
  /** A job is as visible as its starter's unit; one stored without it, to company-wide readers only. */
  const unitOfJob = async () => {
    const top = (await app.org.units()).find((unit) => unit.parentId === null)?.id ?? '';
    return (job: Pick<ImportJobRecord, 'orgUnitId'>) => job.orgUnitId ?? top;
  };
  const jobScope = subject('import job', async (request) => {
    const job = await jobs.findById(IdParam.parse(request.params).id, { orgUnitId: 1 }).lean();
    return job ? { orgUnitId: (await unitOfJob())(job) } : undefined;
  });

  app.post(
    '/api/imports/deals',
    {
      config: { access: allow(IMPORTERS) },
      schema: {
        tags: ['imports'],
        description:
          'Upload a CRM deal export (text/csv, header = the Deal fields). Every row is validated before anything is ' +
          'written; one bad row rejects the file with a report naming each row and field. Rows are upserted by dealId, ' +
          'so re-importing the same file changes nothing. Answers 202 with the job (poll it for progress) unless wait=true.',
        consumes: ['text/csv'],
        querystring: ImportDealsQuery,
        body: z.string().min(1, 'the CSV body is empty'),
        response: { 200: ImportJob, 202: ImportJob },
      },
    },
    async (request, reply) => {
      const id = `import-${randomUUID()}`;
      const { fileName, wait } = request.query;
      await jobs.create({
        _id: id,
        kind: 'deals',
        status: 'validating',
        ...(fileName ? { fileName } : {}),
        total: 0,
        processed: 0,
        rowErrors: [],
        startedBy: request.user.id,
        orgUnitId: request.user.orgUnitId,
        startedAt: new Date(),
      });
      const run = runDealImport(app.deps.connection, {
        jobId: id,
        csv: request.body,
        ...(fileName ? { fileName } : {}),
        user: request.user,
        units: await app.org.units(),
      }).catch(async (error: unknown) => {
        request.log.error({ err: error, importJob: id }, 'deal import failed');
        await jobs.updateOne({ _id: id }, { $set: { status: 'failed', finishedAt: new Date() } });
      });
      if (wait) {
        await run;
        return reply.status(200).send(await load(id));
      }
      return reply.status(202).send(await load(id));
    },
  );

  app.get(
    '/api/imports',
    {
      config: { access: allow(IMPORTERS) },
      schema: { tags: ['imports'], querystring: PageQuery, response: { 200: ImportList } },
    },
    async (request) => {
      const visible = await visibilityOf(app.org, request.user);
      // Filtered after reading: FerretDB scans for a filter on orgUnitId anyway, and old jobs have none.
      const rows = await jobs
        .find()
        .sort({ startedAt: -1 })
        .limit(visible.whole ? request.query.limit : MAX_SCANNED_JOBS)
        .lean();
      const unitOf = await unitOfJob();
      const mine = rows.filter((row) => visible.unit(unitOf(row))).slice(0, request.query.limit);
      return { jobs: mine.map(toView) };
    },
  );

  app.get(
    '/api/imports/:id',
    {
      config: { access: allow(IMPORTERS, jobScope) },
      schema: {
        tags: ['imports'],
        description: 'An import job: progress while it runs, then its report.',
        params: IdParam,
        response: { 200: ImportJob },
      },
    },
    async (request) => load(request.params.id),
  );
  done();
};
