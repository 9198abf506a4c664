import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJob } from '@opscycle/domain';
import { dealModel } from '@opscycle/storage';
import { aPerson } from './builders';
import { aDeal, dealsCsv } from './deals';
import { startHarness, type Harness } from './harness';

const csv = { 'content-type': 'text/csv' };

describe('actuals import (CSV of deals)', () => {
  let h: Harness;
  const upload = async (body: string, wait = true) => {
    const response = await h.call('finance', {
      method: 'POST',
      url: `/api/imports/deals?wait=${wait}&fileName=crm.csv`,
      headers: csv,
      payload: body,
    });
    return { status: response.statusCode, job: response.json<ImportJob>() };
  };
  const storedDeals = () => dealModel(h.db).find({}, { _id: 0 }).sort({ dealId: 1 }).lean();

  beforeAll(async () => {
    h = await startHarness('api-imports');
  });
  afterAll(async () => h.close());

  it('imports valid rows and re-importing the same file is idempotent', async () => {
    const file = dealsCsv([
      aDeal({ dealId: 'd-1' }),
      aDeal({ dealId: 'd-2', teamId: 'west-1', repId: 'rep-2' }),
    ]);
    const first = await upload(file);
    expect(first.status).toBe(200);
    expect(first.job).toMatchObject({
      status: 'succeeded',
      total: 2,
      processed: 2,
      created: 2,
      replaced: 0,
      unchanged: 0,
      errors: [],
    });
    const again = await upload(file);
    expect(again.job).toMatchObject({ status: 'succeeded', created: 0, replaced: 0, unchanged: 2 });
    const changed = await upload(dealsCsv([aDeal({ dealId: 'd-1', amountMinor: 130_000 })]));
    expect(changed.job).toMatchObject({ status: 'succeeded', created: 0, replaced: 1, unchanged: 0 });
    const deals = await storedDeals();
    expect(deals.map((deal) => deal.dealId)).toEqual(['d-1', 'd-2']);
    expect(deals[0]).toMatchObject({ amountMinor: 130_000, wonOn: null, isNewCustomer: true });

    const audit = await h.call('ops', {
      method: 'GET',
      url: `/api/audit?objectType=importJob&objectId=${changed.job.id}`,
    });
    expect(audit.json()).toMatchObject({
      entries: [{ action: 'actuals.imported', actor: { userId: 'fin', role: 'finance' } }],
    });
  });

  it('rejects a file with bad rows naming row and field, and changes nothing', async () => {
    const before = await storedDeals();
    const file = dealsCsv([
      aDeal({ dealId: 'd-1', amountMinor: 999 }), // a valid change that must not be applied
      { ...aDeal({ dealId: 'd-3' }), amountMinor: '12.5' } as unknown as Record<string, string>,
      aDeal({ dealId: 'd-4', teamId: 'north-9' }),
      aDeal({ dealId: 'd-5', status: 'won' }),
      aDeal({ dealId: 'd-1' }),
    ]);
    const { status, job } = await upload(file);
    expect(status).toBe(200);
    expect(job.status).toBe('rejected');
    expect(job.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 2, field: 'amountMinor' }),
        expect.objectContaining({ row: 3, field: 'teamId', message: 'no org unit north-9' }),
        expect.objectContaining({ row: 4, field: 'wonOn' }),
        expect.objectContaining({ row: 5, field: 'dealId', message: 'dealId d-1 is also on row 1' }),
      ]),
    );
    expect(job.errors.some((error) => error.row === 1)).toBe(false);
    expect(await storedDeals()).toEqual(before);
  });

  it('names a missing column with row 0', async () => {
    const file = 'dealId,repId\nd-9,rep-1\n';
    const { job } = await upload(file);
    expect(job.status).toBe('rejected');
    expect(job.errors).toContainEqual(expect.objectContaining({ row: 0, field: 'currency' }));
  });

  it('rejects rows for teams outside the importer’s scope', async () => {
    await h.call('ops', {
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'fin-east',
        password: 'a long password',
        name: 'Fin East',
        role: 'finance',
        orgUnitId: 'east',
      },
    });
    const login = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'fin-east', password: 'a long password' },
    });
    const token = login.json<{ token: string }>().token;
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/imports/deals?wait=true',
      headers: { ...csv, authorization: `Bearer ${token}` },
      payload: dealsCsv([aDeal({ dealId: 'd-west', teamId: 'west-1' })]),
    });
    expect(response.json<ImportJob>().errors).toEqual([
      { row: 1, field: 'teamId', message: 'team west-1 is outside your scope (east)' },
    ]);
  });

  it('rejects a scoped row that would replace a deal owned outside the importer’s scope, naming the row', async () => {
    const token = await h.addLogin(aPerson('fin-e', 'finance', 'east'));
    const before = await storedDeals();
    // d-2 is stored on west-1 (first test): re-homing it into east-1 is a change outside east.
    const response = await h.callWith(token, {
      method: 'POST',
      url: '/api/imports/deals?wait=true',
      headers: csv,
      payload: dealsCsv([
        aDeal({ dealId: 'd-1', amountMinor: 1 }),
        aDeal({ dealId: 'd-2', teamId: 'east-1' }),
      ]),
    });
    expect(response.json<ImportJob>()).toMatchObject({
      status: 'rejected',
      errors: [
        {
          row: 2,
          field: 'dealId',
          message: 'deal d-2 belongs to a team outside your scope (east): it cannot be replaced from here',
        },
      ],
    });
    expect(await storedDeals()).toEqual(before);
  });

  it('shows a scoped importer only the jobs started within its scope', async () => {
    const token = await h.addLogin(aPerson('fin-e2', 'finance', 'east'));
    const own = await h.callWith(token, {
      method: 'POST',
      url: '/api/imports/deals?wait=true',
      headers: csv,
      payload: dealsCsv([aDeal({ dealId: 'd-east-only' })]),
    });
    const ownId = own.json<ImportJob>().id;
    const listed = await h.callWith(token, { method: 'GET', url: '/api/imports' });
    const startedBy = listed.json<{ jobs: ImportJob[] }>().jobs.map((job) => job.startedBy);
    expect(startedBy).toContain('fin-e2');
    expect(startedBy).not.toContain('fin');
    const companyJob = (await h.call('finance', { method: 'GET', url: '/api/imports' }))
      .json<{
        jobs: ImportJob[];
      }>()
      .jobs.find((job) => job.startedBy === 'fin')!;
    const theirs = await h.callWith(token, { method: 'GET', url: `/api/imports/${companyJob.id}` });
    const missing = await h.callWith(token, { method: 'GET', url: '/api/imports/import-none' });
    expect(theirs.statusCode).toBe(403);
    expect(missing.statusCode).toBe(403);
    expect(theirs.json()).toEqual(missing.json());
    expect((await h.callWith(token, { method: 'GET', url: `/api/imports/${ownId}` })).statusCode).toBe(200);
  });

  it('answers at once for a large file and reports progress until it is done', async () => {
    const rows = Array.from({ length: 2_000 }, (_, i) =>
      aDeal({ dealId: `bulk-${i}`, customerId: `c-${i}` }),
    );
    const { status, job } = await upload(dealsCsv(rows), false);
    expect(status).toBe(202);
    expect(job.status).toBe('validating');
    const seen: ImportJob[] = [];
    for (let polls = 0; polls < 600; polls++) {
      const current = (
        await h.call('finance', { method: 'GET', url: `/api/imports/${job.id}` })
      ).json<ImportJob>();
      seen.push(current);
      if (current.finishedAt) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ status: 'succeeded', total: 2_000, processed: 2_000, created: 2_000 });
    for (const snapshot of seen) expect(snapshot.processed).toBeLessThanOrEqual(2_000);
    expect(seen.some((snapshot) => snapshot.status !== 'succeeded')).toBe(true);
    expect(await dealModel(h.db).countDocuments({ dealId: /^bulk-/ })).toBe(2_000);
  });

  it('says which part of the request is wrong', async () => {
    const response = await h.call('finance', {
      method: 'POST',
      url: '/api/imports/deals?wait=maybe',
      headers: csv,
      payload: 'x',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'REQUEST_VALIDATION',
      details: { issues: [{ field: 'querystring.wait' }] },
    });
  });
});
