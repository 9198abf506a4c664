import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser, PayoutStatement } from '@opscycle/domain';
import { auditModel, loadInquiry, loadStatements } from '@opscycle/storage';
import { screenshot } from './browser';
import { startDemoStack, type DemoStack } from './demoStack';

const LOADED = { timeout: 90_000 };
/** The demo inquiry routing sends lines up to 100,000 CNY to finance alone. */
const FINANCE_ONLY_UP_TO_MINOR = 10_000_000;

/**
 * The demo `rep` questions a line of last period's statement, the demo `finance` login accepts it
 * with an amount on the inquiries screen, and the rep reads the answer: the real API, Temporal and
 * Mongo-wire servers, Chromium, zh-CN.
 */
describe('a statement inquiry from the rep to finance and back, in Chromium', { timeout: 300_000 }, () => {
  let stack: DemoStack;
  let rep: AuthUser;
  let finance: AuthUser;
  let statement: PayoutStatement;
  let lineKey: string;
  const seen: string[] = [];

  beforeAll(async () => {
    stack = await startDemoStack('e2e-inquiry');
    const userOf = (role: AuthUser['role']) => {
      const user = stack.users.find((u) => u.role === role);
      if (!user?.personId) throw new Error(`the demo company has no ${role} login`);
      return user;
    };
    rep = userOf('rep');
    finance = userOf('finance');
    const mine = (await loadStatements(stack.db, { runId: stack.payout.runId })).find(
      (s) => s.payeeId === rep.personId,
    );
    if (!mine) throw new Error(`the demo payout run has no statement of ${rep.personId}`);
    statement = mine;
    // The commission line first: the one a rep questions most ("why is it this amount?").
    const line = [...mine.lines]
      .sort((a, b) => Number(b.lineKey === 'commission') - Number(a.lineKey === 'commission'))
      .find((l) => Math.abs(l.amountMinor) <= FINANCE_ONLY_UP_TO_MINOR);
    if (!line)
      throw new Error(
        `the rep's statement has no line finance resolves alone: ${JSON.stringify(mine.lines)}`,
      );
    lineKey = line.lineKey;
  }, 300_000);

  afterAll(async () => {
    console.log(`[inquiry e2e] console errors and unexpected 4xx/5xx seen: ${seen.length}`);
    await stack?.close();
  });

  async function done(page: Page, problems: string[]) {
    seen.push(...problems);
    expect(problems).toEqual([]);
    await page.close();
  }

  it('the rep questions a statement line, finance accepts it with an amount, the rep reads the answer', async () => {
    const asRep = await stack.signIn('rep', { language: 'zh-CN' });
    await asRep.page.getByTestId(`open-my-statement-${statement.runId}`).click(LOADED);
    await asRep.page.getByTestId(`question-${lineKey}`).click();
    await asRep.page.getByTestId(`question-comment-${lineKey}`).fill('12 月的一笔成交没有计入');
    await asRep.page.getByTestId(`question-send-${lineKey}`).click();
    const myStatus = asRep.page.getByTestId('my-inquiries-list').getByTestId(`inquiry-status-${lineKey}`);
    await expect.poll(() => myStatus.textContent(), LOADED).toBe('处理中');
    await done(asRep.page, asRep.problems);

    const asFinance = await stack.signIn('finance', { language: 'zh-CN' });
    await asFinance.page.getByTestId('nav-inquiries').click();
    const assigned = asFinance.page.getByTestId('inquiries-assigned');
    // Routing is an activity of the inquiry's workflow: the list shows it once finance is asked.
    await expect
      .poll(async () => {
        if (await assigned.getByTestId(`accept-${lineKey}`).count()) return true;
        await asFinance.page.reload();
        await asFinance.page.getByRole('heading', { level: 1 }).waitFor(LOADED);
        return false;
      }, LOADED)
      .toBe(true);
    // The deal the rep names, at the plan's rate, as finance worked it out: 123.45 CNY more.
    await assigned.getByTestId(`resolve-amount-${lineKey}`).fill('123.45');
    await assigned.getByTestId(`resolve-text-${lineKey}`).fill('成交 D-1217 补记');
    await assigned.getByTestId(`accept-${lineKey}`).click();
    await expect
      .poll(() => assigned.getByTestId(`inquiry-status-${lineKey}`).textContent(), LOADED)
      .toBe('已受理');
    await screenshot(asFinance.page, 'inquiries-finance-accepted');
    await done(asFinance.page, asFinance.problems);

    const again = await stack.signIn('rep', { language: 'zh-CN' });
    const answer = again.page.getByTestId('my-inquiries-list').getByTestId(`inquiry-answer-${lineKey}`);
    await expect.poll(() => answer.textContent(), LOADED).toContain('已受理');
    expect(await answer.textContent()).toContain('123.45');
    expect(await answer.textContent()).toContain('将在下次发放中支付');
    await screenshot(again.page, 'inquiries-rep-answer');
    await done(again.page, again.problems);

    // What the screens did is what was stored: 12,345 minor units, accepted by the finance login's person.
    const resolved = await auditModel(stack.db)
      .find()
      .where({ action: 'inquiry.resolved' })
      .lean<{ object: { id: string }; actor: { userId: string } }[]>();
    expect(resolved).toHaveLength(1);
    expect(resolved[0]?.actor.userId).toBe(finance.personId);
    expect(await loadInquiry(stack.db, resolved[0]!.object.id)).toMatchObject({
      status: 'accepted',
      raisedBy: rep.personId,
      line: { lineKey, runId: statement.runId },
      resolution: { kind: 'accepted', amountMinor: 123_45 },
    });
  });
});
