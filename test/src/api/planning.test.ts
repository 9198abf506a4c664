import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleSearchAttributes, WORKFLOW_TYPES } from '@opscycle/workflows/messages';
import { uniqueName } from '../support';
import { savePlanningResults } from './approvalContexts';
import { aPerson } from './builders';
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

describe('plan results within the caller’s scope', () => {
  let h: Harness;
  let teamManager: string;
  // A cycle of its own, never picked up by a worker: the route reads its org from visibility only.
  const cycle = `cycle-FY2027-${uniqueName('acme')}`;
  const read = (token: string, kind: string) =>
    h.callWith(token, { method: 'GET', url: `/api/cycles/${cycle}/plans/${kind}` });
  beforeAll(async () => {
    h = await startHarness('api-plan-results');
    await h.deps.temporal.workflow.start(WORKFLOW_TYPES.annualCycle, {
      taskQueue: uniqueName('no-worker'),
      workflowId: cycle,
      args: [],
      typedSearchAttributes: cycleSearchAttributes(2027, 'acme', 'targetSetting', 'running'),
    });
    await savePlanningResults(h.db, cycle);
    teamManager = await h.addLogin(aPerson('m-east-1', 'manager', 'east-1'));
  });
  afterAll(async () => {
    await h.deps.temporal.workflow.getHandle(cycle).terminate('test over');
    await h.close();
  });

  it('shows a team manager only their team’s reconciliation lines, the totals of those lines', async () => {
    const response = await read(teamManager, 'reconciliation');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      result: {
        lines: [{ unitId: 'east-1', bottomUpMinor: null }],
        submittedUnits: 0,
        missingUnitIds: ['east-1'],
        totalGapMinor: 0,
      },
    });
  });

  it('shows a region manager the region and its teams, a gap of 9,000,000.00 - 10,000,000.00', async () => {
    const response = await h.call('managerEast', {
      method: 'GET',
      url: `/api/cycles/${cycle}/plans/reconciliation`,
    });
    const { result } = response.json<{ result: { lines: { unitId: string }[]; totalGapMinor: number } }>();
    expect(result.lines.map((l) => l.unitId)).toEqual(['east', 'east-1']);
    expect(result.totalGapMinor).toBe(-1_000_000_00);
  });

  it('shows a team manager only their team’s staffing and budget lines', async () => {
    const staffing = (await read(teamManager, 'staffingPlan')).json<unknown>();
    expect(staffing).toMatchObject({
      result: {
        lines: [{ unitId: 'east-1' }],
        hiringPlan: [{ unitId: 'east-1', hires: 3 }],
        totalNewHires: 3,
      },
    });
    const budget = (await read(teamManager, 'budgetPlan')).json<{
      result: { lines: { unitId: string }[]; totalMinor: number; byCategory: unknown[] };
    }>();
    expect(new Set(budget.result.lines.map((l) => l.unitId))).toEqual(new Set(['east-1']));
    // 120,000.00 + 80,000.00 travel and 50,000.00 marketing of east-1
    expect(budget.result.totalMinor).toBe(250_000_00);
    expect(budget.result.byCategory).toEqual([
      { category: 'travel', amountMinor: 200_000_00 },
      { category: 'marketing', amountMinor: 50_000_00 },
    ]);
  });

  it('shows a company-wide reader the result as stored', async () => {
    const response = await h.call('finance', {
      method: 'GET',
      url: `/api/cycles/${cycle}/plans/reconciliation`,
    });
    expect(response.json()).toMatchObject({ result: { submittedUnits: 3, totalGapMinor: -2_000_000_00 } });
  });
});
