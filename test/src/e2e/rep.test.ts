import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MyPlan, type AuthUser, type PayoutStatement } from '@opscycle/domain';
import { auditModel, loadStatements } from '@opscycle/storage';
import { DEMO_PASSWORD } from '@opscycle/api';
import { screenshot } from './browser';
import { startDemoStack, type DemoStack } from './demoStack';

/**
 * Screens load from the API: wait for them, not a fixed sleep. Attainment and the estimate read the
 * rep's deals, which FerretDB answers by scanning the collection: seconds on a loaded machine.
 */
const SETTLED = { timeout: 90_000, interval: 250 };
const LOADED = { timeout: 90_000 };
/** What a rep's navigation offers: their own plan and pay, nothing that calls payroll routes. */
const REP_SCREENS = ['nav-me'];

/**
 * The demo `rep` login on the demo company as `npm start` seeds it (last period's payout run paid by
 * the FY2026 plan), against the real API, Temporal and Mongo-wire servers, in Chromium and zh-CN.
 */
describe('a rep’s own plan and pay, in Chromium', { timeout: 300_000 }, () => {
  let stack: DemoStack;
  let rep: AuthUser;
  let statement: PayoutStatement;
  /** Every problem any page of this file saw: reported at the end, must stay empty. */
  const seen: string[] = [];

  beforeAll(async () => {
    stack = await startDemoStack('e2e-rep');
    const found = stack.users.find((u) => u.role === 'rep');
    if (!found?.personId) throw new Error('the demo company has no rep login');
    rep = found;
    const { runId } = stack.payout;
    const mine = (await loadStatements(stack.db, { runId })).find((s) => s.payeeId === rep.personId);
    if (!mine) throw new Error(`the demo payout run has no statement of ${rep.personId}`);
    statement = mine;
  }, 300_000);

  afterAll(async () => {
    console.log(`[rep e2e] console errors and unexpected 4xx/5xx seen: ${seen.length}`);
    await stack?.close();
  });

  /** The demo rep in zh-CN (the language the issue found the rep's screens broken in). */
  const signIn = () => stack.signIn('rep', { language: 'zh-CN' });

  async function done(page: Page, problems: string[]) {
    seen.push(...problems);
    expect(problems).toEqual([]);
    await page.close();
  }

  it('offers the rep only screens they can use, each opening without an error', async () => {
    const { page, problems } = await signIn();
    const nav = await page
      .locator('nav[aria-label=main] a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('data-testid')));
    expect(nav).toEqual(REP_SCREENS);
    for (const testId of REP_SCREENS) {
      await page.getByTestId(testId).click();
      await page.getByTestId('my-plan').waitFor(LOADED);
      await page.getByTestId('my-attainment').waitFor(LOADED);
      await page.getByTestId('my-statements').waitFor(LOADED);
      await page.getByTestId('estimator').waitFor(LOADED);
      expect(await page.locator('[role=alert], .error').count()).toBe(0);
    }
    expect(await page.locator('h1').textContent()).toBe('我的业绩与奖金');
    await done(page, problems);
  });

  it('reads a statement line’s explanation', async () => {
    const line = statement.lines.find((l) => l.amountMinor !== 0) ?? statement.lines[0]!;
    const { page, problems } = await signIn();
    await page.getByTestId(`open-my-statement-${statement.runId}`).click(LOADED);
    await page.getByTestId(`line-${line.lineKey}`).click();
    const sentences = page.getByTestId(`explanation-${line.lineKey}`).locator('li');
    await expect.poll(() => sentences.allTextContents(), SETTLED).toEqual(line.explanation);
    // The total as the statement has it: integer minor units formatted as money.
    const total = (statement.totalMinor / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
    expect(await page.getByTestId(`statement-total-${statement.runId}`).textContent()).toContain(total);
    await done(page, problems);
  });

  it('estimates a deal: the cloud kicker pays 2% of a 100,000.00 cloud deal, 2,000.00', async () => {
    // The FY2026 plan pays direct sellers a 2% kicker on cloud bookings, with no gate, multiplier or cap.
    expect(stack.demo.people.find((p) => p.id === rep.personId)?.salesRole).toBe('direct');
    const { page, problems } = await signIn();
    await page.getByTestId('estimate-amount').fill('100000', LOADED);
    await page.getByTestId('estimate-product-line').fill('cloud');
    await page.getByTestId('estimate-closed-on').fill('2026-12-15');
    await page.getByTestId('run-estimate').click();
    await expect
      .poll(() => page.getByTestId('estimate-delta-cloud-kicker').textContent(), SETTLED)
      .toContain('2,000.00');
    // The screenshot shows every section loaded.
    await page.getByTestId('my-attainment').waitFor(LOADED);
    await screenshot(page, 'rep-my-plan-and-pay');
    await done(page, problems);
  });

  it('acknowledges the plan once, with its date, in the audit trail', async () => {
    const shown = await stack.app.inject({
      method: 'GET',
      url: '/api/me/plan',
      headers: { authorization: `Bearer ${await stack.tokenOf('rep')}` },
    });
    expect(shown.statusCode, shown.body).toBe(200);
    const { plan } = MyPlan.parse(shown.json());
    const { page, problems } = await signIn();
    await expect.poll(() => page.getByTestId('my-plan-name').textContent(), SETTLED).toBe(plan.name);
    expect(await page.getByTestId('my-plan-checksum').textContent()).toBe(plan.checksum.slice(0, 8));
    await page.getByTestId('accept-plan').check();
    await page.getByTestId('acknowledge-plan').click();
    await page.getByTestId('plan-acknowledged').waitFor(LOADED);
    const entries = await auditModel(stack.db)
      .find()
      .where({ action: 'plan.acknowledged', 'object.id': `${plan.ruleSetId}@${plan.version}` })
      .lean<{ actor: { userId: string } }[]>();
    expect(entries.map((e) => e.actor.userId)).toEqual([rep.id]);
    // Reloaded, the screen shows the acknowledgment instead of asking again.
    await page.reload();
    await page.getByTestId('plan-acknowledged').waitFor(LOADED);
    expect(await page.getByTestId('acknowledge-plan').count()).toBe(0);
    await done(page, problems);
  });

  // Last: it changes the demo rep's password for the rest of this file's stack.
  it('sets their own password, typed into the zh-CN dialog; then only the new one signs in', async () => {
    // (A wrong current password is refused with 400 AUTH_CURRENT_PASSWORD_WRONG: test/src/api/approvals.test.ts.)
    const { page, problems } = await stack.signIn('rep', { language: 'zh-CN' });
    await page.getByTestId('change-password').click();
    const dialog = page.getByRole('dialog', { name: '设置您自己的密码' });
    await dialog.getByLabel('新密码').fill('a rep’s own secret');
    await dialog.getByLabel('当前密码').fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect
      .poll(() => dialog.getByRole('status').textContent(), SETTLED)
      .toBe('密码已修改，您的其他会话已退出。');
    const signInWith = (password: string) =>
      stack.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: rep.id, password } });
    expect((await signInWith(DEMO_PASSWORD)).statusCode).toBe(401);
    expect((await signInWith('a rep’s own secret')).statusCode).toBe(200);
    await done(page, problems);
  });
});
