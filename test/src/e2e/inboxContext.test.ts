import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveApprovalState } from '@opscycle/storage';
import { budgetSubjectId, savePlanningResults } from '../api/approvalContexts';
import { anApprovalState } from '../api/builders';
import { screenshot } from './browser';
import { startE2e, type E2e } from './e2eHarness';

describe('approval context in the inbox, in Chromium', { timeout: 120_000 }, () => {
  let e2e: E2e;
  const approvalId = 'budget-cycle-FY2027-acme-budgetApproval-east';

  beforeAll(async () => {
    e2e = await startE2e('e2e-inbox-context');
    await savePlanningResults(e2e.api.db);
    // The mirror (and inbox row) the approval activity writes for east's budget sign-off.
    await saveApprovalState(e2e.api.db, {
      ...anApprovalState(approvalId, { orgUnitId: 'east', personId: 'm-east-1' }),
      subject: { kind: 'budget', id: budgetSubjectId },
      amountMinor: 250_000_00,
      facts: { totalMinor: 250_000_00 },
    });
  });
  afterAll(async () => e2e?.close());

  it('shows a manager the budget lines of the approval next to the decision form', async () => {
    const { page, errors } = await e2e.signIn('m-east', 'en');
    await page.getByTestId('nav-inbox').click();
    await page.getByTestId(`approval-${approvalId}`).click();
    const lines = page.getByTestId('context-budget-lines');
    await lines.waitFor();
    const rows = await lines.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(4); // three lines of east-1 and the total
    expect(rows[0]).toMatch(/east-1.*Travel.*Q1.*120,000\.00/);
    expect(rows[2]).toMatch(/east-1.*Marketing.*Q1.*50,000\.00/);
    expect(rows[3]).toMatch(/Total.*250,000\.00/);
    // west-1's line is in the company plan, not in east's approval.
    expect(rows.join(' ')).not.toContain('west-1');
    expect(await page.getByTestId('context-roi-baseline').textContent()).toContain('1 : 8.0');
    await expect.poll(() => page.getByTestId('decide-approve').isVisible()).toBe(true);
    await screenshot(page, 'inbox-budget-context');
    expect(errors).toEqual([]);
  });

  it('labels the context in Chinese', async () => {
    const { page, errors } = await e2e.signIn('m-east', 'zh-CN');
    await page.getByTestId('nav-inbox').click();
    await page.getByTestId(`approval-${approvalId}`).click();
    const lines = page.getByTestId('context-budget-lines');
    await lines.waitFor();
    expect(await lines.locator('thead').textContent()).toContain('费用类别');
    expect(await lines.locator('tbody tr').first().textContent()).toContain('差旅费');
    expect(await page.getByText('预算明细').count()).toBeGreaterThan(0);
    await screenshot(page, 'inbox-budget-context-zh');
    expect(errors).toEqual([]);
  });
});
