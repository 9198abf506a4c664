import type { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import type mongoose from 'mongoose';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, DEMO_PASSWORD, demoUsername, seedDemoRuleSets, seedDemoUsers } from '@opscycle/api';
import type { AuthUser, PayoutStatement } from '@opscycle/domain';
import { auditModel, loadInquiry, loadStatements } from '@opscycle/storage';
import { generateDemoCompany, runDemoPayout, seedDemoData, seedDemoPlanHistory } from '@opscycle/worker/demo';
import { startPayoutWorker, type PayoutWorker } from '../payouts/payoutWorker';
import { connectTestDatabase, temporalClient, uniqueName } from '../support';
import { launchChromium, screenshot } from './browser';
import { startDesigner, type DesignerServer } from './designerServer';
import { collectPageProblems } from './pageProblems';

const SECRET = 'e2e-inquiry-webhook-secret';
const LOADED = { timeout: 90_000 };
/** The demo inquiry routing sends lines up to 100,000 CNY to finance alone. */
const FINANCE_ONLY_UP_TO_MINOR = 10_000_000;

/**
 * The demo `rep` questions a line of last period's statement, the demo `finance` login accepts it
 * with an amount on the inquiries screen, and the rep reads the answer: the real API, Temporal and
 * Mongo-wire servers, Chromium, zh-CN.
 */
describe('a statement inquiry from the rep to finance and back, in Chromium', { timeout: 300_000 }, () => {
  let db: mongoose.Connection;
  let client: Client;
  let clientConnection: Connection;
  let app: FastifyInstance;
  let designer: DesignerServer;
  let browser: Browser;
  let payoutWorker: PayoutWorker | undefined;
  let rep: AuthUser;
  let finance: AuthUser;
  let statement: PayoutStatement;
  let lineKey: string;
  const seen: string[] = [];

  beforeAll(async () => {
    db = await connectTestDatabase('e2e-inquiry');
    const demo = generateDemoCompany();
    await seedDemoData(db, demo);
    await seedDemoPlanHistory(db, demo, ['Q4']);
    const users = await seedDemoUsers(db, demo.people);
    const opsAdmin = users.find((u) => u.role === 'opsAdmin');
    const foundRep = users.find((u) => u.role === 'rep');
    const foundFinance = users.find((u) => u.role === 'finance');
    if (!opsAdmin || !foundRep?.personId || !foundFinance?.personId)
      throw new Error('the demo company has no ops admin, rep or finance login');
    rep = foundRep;
    finance = foundFinance;
    // Publishes the demo inquiry routing with the other demo rule sets.
    await seedDemoRuleSets(db, opsAdmin);
    ({ client, connection: clientConnection } = await temporalClient());
    const taskQueue = uniqueName('e2e-inquiry');
    payoutWorker = await startPayoutWorker(db, taskQueue, SECRET);
    const payout = await runDemoPayout(client, db, { taskQueue, planId: uniqueName('demo-plan') });
    const mine = (await loadStatements(db, { runId: payout.runId })).find((s) => s.payeeId === rep.personId);
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

    app = await buildApp({
      connection: db,
      temporal: client,
      jwtSecret: 'e2e-inquiry-secret-0123456789abcdef',
      cycleTaskQueue: taskQueue,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    designer = await startDesigner(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    console.log(`[inquiry e2e] console errors and unexpected 4xx/5xx seen: ${seen.length}`);
    await browser?.close();
    await designer?.close();
    await app?.close();
    await payoutWorker?.stop();
    await clientConnection?.close();
    await db?.dropDatabase();
    await db?.close();
  });

  async function signIn(role: 'rep' | 'finance'): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1200 } });
    const problems = collectPageProblems(page);
    await page.addInitScript(() => localStorage.setItem('opscycle.language', 'zh-CN'));
    await page.goto(designer.url);
    await page.locator('input[name=username]').fill(demoUsername(role));
    await page.locator('input[name=password]').fill(DEMO_PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.getByTestId('whoami').waitFor();
    return { page, problems };
  }

  async function done(page: Page, problems: string[]) {
    seen.push(...problems);
    expect(problems).toEqual([]);
    await page.close();
  }

  it('the rep questions a statement line, finance accepts it with an amount, the rep reads the answer', async () => {
    const asRep = await signIn('rep');
    await asRep.page.getByTestId(`open-my-statement-${statement.runId}`).click(LOADED);
    await asRep.page.getByTestId(`question-${lineKey}`).click();
    await asRep.page.getByTestId(`question-comment-${lineKey}`).fill('12 月的一笔成交没有计入');
    await asRep.page.getByTestId(`question-send-${lineKey}`).click();
    const myStatus = asRep.page.getByTestId('my-inquiries-list').getByTestId(`inquiry-status-${lineKey}`);
    await expect.poll(() => myStatus.textContent(), LOADED).toBe('处理中');
    await done(asRep.page, asRep.problems);

    const asFinance = await signIn('finance');
    await asFinance.page.getByTestId('nav-inquiries').click();
    const assigned = asFinance.page.getByTestId('inquiries-assigned');
    // Routing is an activity of the inquiry's workflow: the list shows it once finance is asked.
    await expect
      .poll(async () => {
        if (await assigned.getByTestId(`accept-${lineKey}`).count()) return true;
        await asFinance.page.reload();
        await asFinance.page
          .getByTestId('inquiries-assigned')
          .or(asFinance.page.getByText('暂无质询').first())
          .waitFor(LOADED);
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

    const again = await signIn('rep');
    const answer = again.page.getByTestId('my-inquiries-list').getByTestId(`inquiry-answer-${lineKey}`);
    await expect.poll(() => answer.textContent(), LOADED).toContain('已受理');
    expect(await answer.textContent()).toContain('123.45');
    expect(await answer.textContent()).toContain('将在下次发放中支付');
    await screenshot(again.page, 'inquiries-rep-answer');
    await done(again.page, again.problems);

    // What the screens did is what was stored: 12,345 minor units, accepted by the finance login's person.
    const inquiries = await auditModel(db)
      .find()
      .where({ action: 'inquiry.resolved' })
      .lean<{ object: { id: string }; actor: { userId: string } }[]>();
    expect(inquiries).toHaveLength(1);
    expect(inquiries[0]?.actor.userId).toBe(finance.personId);
    const stored = await loadInquiry(db, inquiries[0]!.object.id);
    expect(stored).toMatchObject({
      status: 'accepted',
      raisedBy: rep.personId,
      line: { lineKey, runId: statement.runId },
      resolution: { kind: 'accepted', amountMinor: 123_45 },
    });
  });
});
