import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalContext } from '@opscycle/domain';
import { saveApprovalState, saveStatements } from '@opscycle/storage';
import { aStatement, anApprovalState } from './builders';
import {
  budgetSubjectId,
  CONTEXT_CYCLE,
  quotaSubjectId,
  savePlanningResults,
  staffingSubjectId,
} from './approvalContexts';
import { startHarness, type Harness, type Login } from './harness';

describe('GET /api/approvals/:approvalId/context', () => {
  let h: Harness;
  const context = async (login: Login | null, approvalId: string) =>
    h.call(login, { method: 'GET', url: `/api/approvals/${approvalId}/context` });
  const contextOf = async (login: Login, approvalId: string) => {
    const response = await context(login, approvalId);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<ApprovalContext>();
  };
  /** An approval of east submitted by its team manager, waiting for the east managers. */
  const approvalOf = (
    approvalId: string,
    kind: 'budget' | 'quota' | 'staffing' | 'payout',
    subjectId: string,
  ) =>
    saveApprovalState(h.db, {
      ...anApprovalState(approvalId, { orgUnitId: 'east', personId: 'm-east-1' }),
      subject: { kind, id: subjectId },
    });

  beforeAll(async () => {
    h = await startHarness('api-approval-context');
    await savePlanningResults(h.db);
    await approvalOf('ctx-budget', 'budget', budgetSubjectId);
    await approvalOf('ctx-quota', 'quota', quotaSubjectId('east'));
    await approvalOf('ctx-staffing', 'staffing', staffingSubjectId('east'));
    await approvalOf('ctx-adhoc', 'budget', 'travel-request-17');
    await saveStatements(h.db, [
      aStatement('fx-run-1', 'rep-1', 100_00),
      aStatement('fx-run-1', 'rep-2', 250_50),
    ]);
    await saveApprovalState(h.db, {
      ...anApprovalState('ctx-payout', { orgUnitId: 'acme', personId: 'ops' }),
      subject: { kind: 'payout', id: 'fx-run-1' },
      assigneeIds: ['fin'],
    });
  });
  afterAll(async () => h.close());

  it('gives a budget approver the budget lines of the approval’s subtree with the ROI baseline', async () => {
    const budget = await contextOf('managerEast', 'ctx-budget');
    expect(budget).toMatchObject({
      kind: 'budget',
      cycleId: CONTEXT_CYCLE,
      fiscalYear: 2027,
      orgUnitId: 'east',
    });
    if (budget.kind !== 'budget') throw new Error(budget.kind);
    // west-1's line is in the stored plan but outside east.
    expect(budget.lines.map((l) => [l.unitId, l.category, l.quarter, l.amountMinor])).toEqual([
      ['east-1', 'travel', 1, 120_000_00],
      ['east-1', 'travel', 2, 80_000_00],
      ['east-1', 'marketing', 1, 50_000_00],
    ]);
    expect(budget.totalMinor).toBe(250_000_00);
    expect(budget.byCategory).toEqual([
      { category: 'travel', amountMinor: 200_000_00 },
      { category: 'marketing', amountMinor: 50_000_00 },
    ]);
    expect(budget.roiBaseline).toEqual([expect.objectContaining({ unitId: 'east-1', roi: 8 })]);
  });

  it('gives a quota approver the unit’s target, its split, the bottom-up number and the gap', async () => {
    const quota = await contextOf('managerEast', 'ctx-quota');
    if (quota.kind !== 'quota') throw new Error(quota.kind);
    expect(quota.allocation?.amountMinor).toBe(30_000_000_00);
    expect(quota.children.map((c) => [c.unitId, c.amountMinor])).toEqual([['east-1', 30_000_000_00]]);
    expect(quota.submission).toMatchObject({ amountMinor: 27_000_000_00, comment: 'two reps left in Q4' });
    expect(quota.gapMinor).toBe(-3_000_000_00);
  });

  it('gives a staffing approver the staffing lines, hires and ramp of the subtree', async () => {
    const staffing = await contextOf('managerEast', 'ctx-staffing');
    if (staffing.kind !== 'staffing') throw new Error(staffing.kind);
    expect(staffing.lines.map((l) => l.unitId)).toEqual(['east-1']);
    expect(staffing.hiringPlan).toEqual([{ unitId: 'east-1', quarter: 1, hires: 3 }]);
    expect([staffing.currentHeadcount, staffing.newHires]).toEqual([7, 3]);
    expect(staffing.ramp).toEqual([0.25, 0.5, 0.75, 1]);
  });

  it('gives finance the payout run totals', async () => {
    expect(await contextOf('finance', 'ctx-payout')).toEqual({
      kind: 'payout',
      runId: 'fx-run-1',
      payees: 2,
      totalMinor: 350_50,
      currency: 'CNY',
      byLine: [expect.objectContaining({ amountMinor: 350_50, payees: 2 })],
    });
  });

  it('says why when the approval has no stored context', async () => {
    expect(await contextOf('managerEast', 'ctx-adhoc')).toEqual({
      kind: 'unavailable',
      reason: "travel-request-17 is not a cycle step's sign-off",
    });
  });

  it('is scoped like the approval itself', async () => {
    const outside = await context('managerWest', 'ctx-budget');
    expect(outside.statusCode).toBe(403);
    expect(outside.json()).toMatchObject({ code: 'AUTH_OUT_OF_SCOPE' });
    expect((await context('rep', 'ctx-budget')).statusCode).toBe(403);
    expect((await context(null, 'ctx-budget')).statusCode).toBe(401);
    // Below the top of the org, an approval that does not exist answers like one outside the scope.
    const missing = await context('managerEast', 'no-such-approval');
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toEqual((await context('managerEast', 'ctx-payout')).json());
    expect((await context('finance', 'no-such-approval')).statusCode).toBe(404);
  });
});
