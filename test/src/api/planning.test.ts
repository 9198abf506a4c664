import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';

describe('bottom-up submissions', () => {
  let h: Harness;
  const cycle = 'cycle-FY2027-acme';
  beforeAll(async () => {
    h = await startHarness('api-planning');
  });
  afterAll(async () => h.close());

  it('stores a manager’s number for a unit of their subtree, a resubmission replacing it', async () => {
    const submit = (amountMinor: number) =>
      h.call('managerEast', {
        method: 'PUT',
        url: `/api/cycles/${cycle}/submissions/east-1`,
        payload: { amountMinor, currency: 'CNY', comment: 'two new reps' },
      });
    expect((await submit(9_000_000_00)).statusCode).toBe(200);
    const second = await submit(9_500_000_00);
    expect(second.json()).toMatchObject({
      fiscalYear: 2027,
      unitId: 'east-1',
      submittedBy: 'm-east',
      amountMinor: 9_500_000_00,
    });
    const list = await h.call('finance', { method: 'GET', url: `/api/cycles/${cycle}/submissions/acme` });
    expect(list.json()).toMatchObject({ submissions: [{ unitId: 'east-1', amountMinor: 9_500_000_00 }] });
    const west = await h.call('managerWest', { method: 'GET', url: `/api/cycles/${cycle}/submissions/west` });
    expect(west.json()).toEqual({ submissions: [] });
  });

  it('names the field of a negative amount', async () => {
    const response = await h.call('managerEast', {
      method: 'PUT',
      url: `/api/cycles/${cycle}/submissions/east`,
      payload: { amountMinor: -5, currency: 'CNY' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ details: { issues: [{ field: 'body.amountMinor' }] } });
  });
});
