import type { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type mongoose from 'mongoose';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, DEMO_PASSWORD, demoUsername, seedDemoRuleSets, seedDemoUsers } from '@opscycle/api';
import type { Deal, PayoutRunProgress, PayoutStatement, Role, RuleGraph } from '@opscycle/domain';
import { aNode, anEdge, layOut } from '@opscycle/rules';
import { dealModel, loadStatements, upsertDeals } from '@opscycle/storage';
import { approvalIdFor, payoutRunProgressQuery } from '@opscycle/workflows/messages';
import { zhCN } from '@opscycle/designer/i18n/zhCN';
import { SCREENS_BY_ROLE } from '@opscycle/designer/shell/navigation';
import { generateDemoCompany, seedDemoData, seedDemoPlanHistory } from '@opscycle/worker/demo';
import { startPayoutWorker, type PayoutWorker } from '../payouts/payoutWorker';
import { connectTestDatabase, temporalClient, uniqueName } from '../support';
import { launchChromium, screenshot } from './browser';
import { startDesigner, type DesignerServer } from './designerServer';

const SECRET = 'e2e-finance-webhook-secret';
const PERIOD = '2026-Q4';
/** Unique per run: the plan id is part of the runs' business keys, which the shared Temporal server keeps. */
const PLAN = uniqueName('flat-2026');
const SETTLED = { timeout: 30_000, interval: 250 };

/** 10% of revenue, in force for 2026: an adjustment a reader checks by hand. */
const flatPlan: RuleGraph = {
  id: PLAN,
  version: 1,
  kind: 'incentive',
  name: 'Flat 10% commission 2026',
  currency: 'CNY',
  effectiveFrom: '2026-01-01',
  effectiveTo: '2026-12-31',
  nodes: layOut([
    [aNode('start', 'start', {}), aNode('revenue', 'factInput', { fact: 'revenue' })],
    [aNode('commission', 'rateTimesBase', { component: 'Commission', rate: 0.1 })],
  ]),
  edges: [anEdge('start', 'commission'), anEdge('revenue', 'commission')],
};

/** What a page did wrong: uncaught errors, console errors, and any 4xx/5xx it got back. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400)
      problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  return problems;
}

describe('finance and HR in Chromium, on the demo company', { timeout: 300_000 }, () => {
  let db: mongoose.Connection;
  let client: Client;
  let clientConnection: Connection;
  let app: FastifyInstance;
  let designer: DesignerServer;
  let browser: Browser;
  let payoutWorker: PayoutWorker | undefined;
  /** Every problem any page of this file saw, for the closing count. */
  const seen: string[] = [];

  beforeAll(async () => {
    const started = Date.now();
    const lap = (what: string) => console.log(`[finance] ${what} after ${Date.now() - started} ms`);
    db = await connectTestDatabase('e2e-finance');
    const demo = generateDemoCompany();
    await seedDemoData(db, demo);
    await seedDemoPlanHistory(db, demo, ['Q4']);
    const users = await seedDemoUsers(db, demo.people);
    const opsAdmin = users.find((u) => u.role === 'opsAdmin');
    if (!opsAdmin) throw new Error('the demo company has no ops admin');
    await seedDemoRuleSets(db, opsAdmin);
    lap('demo data');
    ({ client, connection: clientConnection } = await temporalClient());
    const taskQueue = uniqueName('e2e-finance');
    payoutWorker = await startPayoutWorker(db, taskQueue, SECRET);
    app = await buildApp({
      connection: db,
      temporal: client,
      jwtSecret: 'e2e-finance-secret-0123456789abcdef',
      cycleTaskQueue: taskQueue,
    });
    // The ops admin designs and publishes the plan, as in the rule designer.
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: demoUsername('opsAdmin'), password: DEMO_PASSWORD },
    });
    const headers = { authorization: `Bearer ${login.json<{ token: string }>().token}` };
    for (const [url, payload] of [
      ['/api/rule-sets', { kind: 'incentive', name: flatPlan.name, graph: flatPlan }],
      [`/api/rule-sets/${PLAN}/publish`, { draftVersion: 1 }],
    ] as const) {
      const response = await app.inject({ method: 'POST', url, headers, payload });
      expect(response.statusCode, response.body).toBeLessThan(300);
    }
    await app.listen({ port: 0, host: '127.0.0.1' });
    designer = await startDesigner(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
    browser = await launchChromium();
    lap('servers');
  }, 300_000);

  afterAll(async () => {
    console.log(`[finance] console errors and unexpected 4xx/5xx seen: ${seen.length}`);
    await browser?.close();
    await designer?.close();
    await app?.close();
    await payoutWorker?.stop();
    await clientConnection?.close();
    await db?.dropDatabase();
    await db?.close();
  });

  async function signIn(role: Role): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
    const problems = watch(page);
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

  const runIdOf = (page: Page) => decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '');
  const progressText = (page: Page) => page.getByTestId('run-progress').textContent();

  const progressOf = (runId: string): Promise<PayoutRunProgress> =>
    client.workflow.getHandle(`payout-${runId}`).query(payoutRunProgressQuery);

  /** The ops admin approves the run from the inbox: the run's starter (finance) may not. */
  async function approveAsOpsAdmin(runId: string) {
    await expect.poll(async () => (await progressOf(runId)).status, SETTLED).toBe('waitingForApproval');
    const { page, problems } = await signIn('opsAdmin');
    await page.getByTestId('nav-inbox').click();
    const item = page.getByTestId(`approval-${approvalIdFor('payout', runId)}`);
    await expect.poll(() => item.count(), SETTLED).toBe(1);
    await item.click();
    await page.getByTestId('decision-comment').fill('totals checked');
    await page.getByTestId('decide-approve').click();
    // A decided approval leaves the inbox.
    await expect.poll(() => item.count(), SETTLED).toBe(0);
    await done(page, problems);
    await expect.poll(async () => (await progressOf(runId)).status, SETTLED).toBe('exported');
  }

  for (const role of ['finance', 'hr'] as const)
    it(`opens every screen of ${role}'s navigation with no console error and no 4xx/5xx`, async () => {
      const { page, problems } = await signIn(role);
      for (const screen of SCREENS_BY_ROLE[role]) {
        await page.getByTestId(`nav-${screen}`).click();
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(500);
      }
      await done(page, problems);
    });

  it('finance starts a run, the ops admin approves it, finance re-runs the period and sees only the adjustment; HR downloads the payroll export', async () => {
    const { page, problems } = await signIn('finance');
    await page.getByTestId('nav-payouts').click();
    await page.getByTestId('start-run-plan').selectOption(PLAN);
    await expect.poll(() => page.getByTestId('start-run-version').inputValue(), SETTLED).toBe('1');
    await page.getByTestId('start-run-period').fill(PERIOD);
    await page.getByTestId('start-run-submit').click();
    await expect.poll(() => runIdOf(page), SETTLED).toBe(`${PLAN}-${PERIOD}-r1`);
    const firstRun = runIdOf(page);
    await expect.poll(() => progressText(page), SETTLED).toContain(zhCN.payoutRunStatus.waitingForApproval);
    await approveAsOpsAdmin(firstRun);
    await expect.poll(() => progressText(page), SETTLED).toContain(zhCN.payoutRunStatus.exported);
    const first = await loadStatements(db, { runId: firstRun });
    expect(first.length).toBeGreaterThan(100);

    // The CRM corrects a won deal of the period after it was paid: 1,000.00 more.
    const deal = await dealModel(db)
      .findOne({ status: 'won', wonOn: { $gte: '2026-10-01', $lte: '2026-12-31' } }, { _id: 0 })
      .lean<Deal>();
    if (!deal) throw new Error('the demo has no deal won in 2026-Q4');
    const added = 100_000;
    await upsertDeals(db, [
      {
        ...deal,
        amountMinor: deal.amountMinor + added,
        invoicedMinor: deal.invoicedMinor + added,
        collectedMinor: deal.collectedMinor + added,
      },
    ]);

    await page.getByTestId('rerun').click();
    await expect.poll(() => runIdOf(page), SETTLED).toBe(`${PLAN}-${PERIOD}-r2`);
    const rerun = runIdOf(page);
    await approveAsOpsAdmin(rerun);
    await expect.poll(() => progressText(page), SETTLED).toContain(zhCN.payoutRunStatus.exported);
    // 10% of the 1,000.00 added is 100.00, to the deal's rep, and nothing to anyone else.
    const adjustment = added / 10;
    const paid = (await loadStatements(db, { runId: rerun })).filter(
      (s: PayoutStatement) => s.lines.length > 0,
    );
    expect(paid.map((s) => [s.payeeId, s.lines.map((l) => [l.kind, l.amountMinor])])).toEqual([
      [deal.repId, [['adjustment', adjustment]]],
    ]);
    const rows = page.getByTestId('statements').locator('tbody tr');
    await expect.poll(() => rows.count(), SETTLED).toBe(first.length);
    await page.getByTestId(`open-statement-${deal.repId}`).click();
    await expect.poll(() => page.getByTestId('statement-total').textContent(), SETTLED).toContain('100.00');
    expect(await page.getByTestId('statement').textContent()).toContain(zhCN.lineKind.adjustment);
    await screenshot(page, 'payout-rerun-adjustment');
    await done(page, problems);

    // HR takes the re-run's payroll file: one row, the adjustment.
    const hr = await signIn('hr');
    await hr.page.getByTestId('nav-payouts').click();
    await hr.page.getByTestId(`open-run-${rerun}`).click();
    await expect.poll(() => progressText(hr.page), SETTLED).toContain(zhCN.payoutRunStatus.exported);
    const [download] = await Promise.all([
      hr.page.waitForEvent('download'),
      hr.page.getByTestId('export-csv').click(),
    ]);
    const csv = (await readFile(await download.path(), 'utf8')).trim().split('\n');
    expect(csv).toHaveLength(2);
    expect(csv[1]).toBe(
      `${PLAN}:${PERIOD}:${deal.repId}:r2,${PLAN},${PERIOD},2,${deal.repId},commission,adjustment,${adjustment},CNY`,
    );
    // The run list names the runs' state in the user's language.
    await hr.page.getByTestId('nav-payouts').click();
    await expect
      .poll(() => hr.page.getByTestId('payout-runs').textContent(), SETTLED)
      .toContain(zhCN.executionStatus.COMPLETED);
    expect(await hr.page.getByTestId('payout-runs').textContent()).not.toContain('COMPLETED');
    await done(hr.page, hr.problems);
  });
});
