import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PayoutStatement } from '@opscycle/domain';
import { saveStatements } from '@opscycle/storage';
import { aPerson, aStatement } from './builders';
import { startHarness, type Harness } from './harness';

describe('payout statements and payroll export', () => {
  let h: Harness;
  const run = 'plan-2027-01-r1';

  beforeAll(async () => {
    h = await startHarness('api-payouts');
    await saveStatements(h.db, [aStatement(run, 'rep-1', 250_00), aStatement(run, 'rep-2', -12_34)]);
  });
  afterAll(async () => h.close());

  it('shows a rep their own statement with every line explained', async () => {
    const response = await h.call('rep', { method: 'GET', url: `/api/payout-runs/${run}/statements/rep-1` });
    expect(response.statusCode).toBe(200);
    const statement = response.json<PayoutStatement>();
    expect(statement).toMatchObject({ payeeId: 'rep-1', totalMinor: 250_00, currency: 'CNY' });
    expect(statement.lines[0]?.explanation[0]).toContain('commission');
    const mine = await h.call('rep', { method: 'GET', url: '/api/people/rep-1/statements' });
    expect(mine.json<{ statements: PayoutStatement[] }>().statements.map((s) => s.runId)).toEqual([run]);
  });

  it('lists for a manager only the statements of their subtree', async () => {
    const east = await h.call('managerEast', { method: 'GET', url: `/api/payout-runs/${run}/statements` });
    expect(east.json<{ statements: PayoutStatement[] }>().statements.map((s) => s.payeeId)).toEqual([
      'rep-1',
    ]);
    const all = await h.call('finance', { method: 'GET', url: `/api/payout-runs/${run}/statements` });
    expect(all.json<{ statements: PayoutStatement[] }>().statements.map((s) => s.payeeId)).toEqual([
      'rep-1',
      'rep-2',
    ]);
  });

  it('exports the run for payroll as CSV in integer minor units', async () => {
    const response = await h.call('finance', { method: 'GET', url: `/api/payout-runs/${run}/export.csv` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.body.trim().split('\n')).toEqual([
      'exportId,planId,period,revision,payeeId,lineKey,kind,amountMinor,currency',
      'fx-plan:2027-01:rep-1:r1,fx-plan,2027-01,1,rep-1,commission,payout,25000,CNY',
      'fx-plan:2027-01:rep-2:r1,fx-plan,2027-01,1,rep-2,commission,payout,-1234,CNY',
    ]);
    const missing = await h.call('finance', {
      method: 'GET',
      url: '/api/payout-runs/no-such-run/export.csv',
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'PAYOUT_RUN_NOT_FOUND' });
  });

  it('exports for a finance login scoped to a region only the rows of its payees', async () => {
    const token = await h.addLogin(aPerson('fin-east', 'finance', 'east'));
    const response = await h.callWith(token, { method: 'GET', url: `/api/payout-runs/${run}/export.csv` });
    expect(response.statusCode).toBe(200);
    expect(response.body.trim().split('\n')).toEqual([
      'exportId,planId,period,revision,payeeId,lineKey,kind,amountMinor,currency',
      'fx-plan:2027-01:rep-1:r1,fx-plan,2027-01,1,rep-1,commission,payout,25000,CNY',
    ]);
    const listed = await h.callWith(token, { method: 'GET', url: `/api/payout-runs/${run}/statements` });
    expect(listed.json<{ statements: PayoutStatement[] }>().statements.map((s) => s.payeeId)).toEqual([
      'rep-1',
    ]);
  });

  it('answers a run with no payee in scope like a run that does not exist', async () => {
    const token = await h.addLogin(aPerson('fin-west', 'finance', 'west'));
    await saveStatements(h.db, [aStatement('east-only-run', 'rep-1', 10_00)]);
    const outside = await h.callWith(token, {
      method: 'GET',
      url: '/api/payout-runs/east-only-run/export.csv',
    });
    const missing = await h.callWith(token, {
      method: 'GET',
      url: '/api/payout-runs/no-such-run/export.csv',
    });
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).toMatchObject({ code: 'PAYOUT_RUN_NOT_FOUND' });
    expect(missing.statusCode).toBe(404);
    expect(outside.json<{ message: string }>().message.replace('east-only-run', 'X')).toBe(
      missing.json<{ message: string }>().message.replace('no-such-run', 'X'),
    );
  });
});
