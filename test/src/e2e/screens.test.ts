import type { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import type mongoose from 'mongoose';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, DEMO_PASSWORD, demoUsername, seedDemoRuleSets, seedDemoUsers } from '@opscycle/api';
import { FunnelReport, ImpactPreview, KpiList, type Role } from '@opscycle/domain';
import { demoFunnelStages } from '@opscycle/rules';
import { loadStatements } from '@opscycle/storage';
import {
  generateDemoCompany,
  type DemoCompany,
  runDemoPayout,
  seedDemoData,
  seedDemoPlanHistory,
} from '@opscycle/worker/demo';
import { connectTestDatabase, temporalClient, uniqueName } from '../support';
import { startPayoutWorker, type PayoutWorker } from '../payouts/payoutWorker';
import { collectPageErrors, launchChromium, screenshot } from './browser';
import { startDesigner, type DesignerServer } from './designerServer';

const SECRET = 'e2e-screens-webhook-secret';
/** The demo's FY2026 deals: the funnel measured over the whole year. */
const YEAR = { from: '2026-01-01', to: '2026-12-31' };
/** Money as the designer prints it in English, without the currency sign (Intl's varies by locale). */
const amount = (minor: number) =>
  (minor / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;
/** Screens load from the API and recharts animates in: wait for them, not a fixed sleep. */
const SETTLED = { timeout: 20_000, interval: 200 };

/**
 * The funnel, performance and payout screens on the demo company as `npm start` seeds it (two
 * years of deals, FY2025-FY2026 reviews, the demo rule sets, last period's payout run), against the
 * real API, Temporal and Mongo-wire servers, in one Chromium for the whole file.
 */
describe('screens with the demo company, in Chromium', { timeout: 120_000 }, () => {
  let db: mongoose.Connection;
  let demo: DemoCompany;
  let client: Client;
  let clientConnection: Connection;
  let app: FastifyInstance;
  let designer: DesignerServer;
  let browser: Browser;
  let payout: Awaited<ReturnType<typeof runDemoPayout>>;
  let payoutWorker: PayoutWorker | undefined;

  beforeAll(async () => {
    // The setup is most of this file's time: each phase is printed so a slow run says where.
    const started = Date.now();
    const lap = (what: string) => console.log(`[screens] ${what} after ${Date.now() - started} ms`);
    db = await connectTestDatabase('e2e-screens');
    demo = generateDemoCompany();
    await seedDemoData(db, demo);
    lap('demo data');
    // The screens read the latest quarter and the one a year before (growth): only those reviewed.
    await seedDemoPlanHistory(db, demo, ['Q4']);
    lap('plan history');
    const users = await seedDemoUsers(db, demo.people);
    const opsAdmin = users.find((u) => u.role === 'opsAdmin');
    if (!opsAdmin) throw new Error('the demo company has no ops admin');
    await seedDemoRuleSets(db, opsAdmin);
    ({ client, connection: clientConnection } = await temporalClient());

    // Last period's payout run, as `npm start` runs it once the worker polls. The worker stays up:
    // the run's page queries the (closed) workflow, which a worker answers by replaying it.
    const taskQueue = uniqueName('e2e-screens');
    payoutWorker = await startPayoutWorker(db, taskQueue, SECRET);
    payout = await runDemoPayout(client, db, { taskQueue, planId: uniqueName('demo-plan') });
    lap('payout run');

    app = await buildApp({
      connection: db,
      temporal: client,
      jwtSecret: 'e2e-screens-secret-0123456789abcdef',
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    designer = await startDesigner(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await designer?.close();
    await app?.close();
    await payoutWorker?.stop();
    await clientConnection?.close();
    await db?.dropDatabase();
    await db?.close();
  });

  async function signIn(role: Role): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const errors = collectPageErrors(page);
    await page.addInitScript(() => localStorage.setItem('opscycle.language', 'en'));
    await page.goto(designer.url);
    await page.locator('input[name=username]').fill(demoUsername(role));
    await page.locator('input[name=password]').fill(DEMO_PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.getByTestId('whoami').waitFor();
    return { page, errors };
  }

  /** What the API answers the same user: the screen must show exactly this. */
  async function apiGet<T>(role: Role, url: string, schema: { parse(value: unknown): T }): Promise<T> {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: demoUsername(role), password: DEMO_PASSWORD },
    });
    const { token } = login.json<{ token: string }>();
    const response = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode, response.body).toBe(200);
    return schema.parse(response.json());
  }

  it('the funnel shows each stage with its deals and conversion, and the deals failing their criteria', async () => {
    const report = await apiGet(
      'opsAdmin',
      `/api/funnel/${demoFunnelStages.id}?orgUnitId=${demo.companyId}&from=${YEAR.from}&to=${YEAR.to}`,
      FunnelReport,
    );
    expect(report.totalDeals).toBeGreaterThan(100);
    expect(report.failing.length).toBeGreaterThan(0);

    const { page, errors } = await signIn('opsAdmin');
    await page.getByTestId('nav-funnel').click();
    await page.getByTestId('funnel-from').fill(YEAR.from);
    await page.getByTestId('funnel-to').fill(YEAR.to);
    const rows = page.getByTestId('funnel-stages').locator('tbody tr');
    const shown = async () =>
      (
        await rows.evaluateAll((trs) =>
          trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
        )
      ).map((cells) => [cells[2], cells[3]]);
    const expected = report.stages.map((s) => [
      String(s.deals),
      s.conversion === null ? '—' : pct(s.conversion),
    ]);
    await expect.poll(shown, SETTLED).toEqual(expected);
    // Deals thin out down the funnel: the stages are in order.
    const deals = report.stages.map((s) => s.deals);
    expect([...deals].sort((a, b) => b - a)).toEqual(deals);

    const failing = page.getByTestId('funnel-failing').locator('tbody tr');
    await expect.poll(() => failing.count(), SETTLED).toBe(report.failing.length);
    const first = report.failing[0]!;
    const cells = await failing.first().locator('td').allTextContents();
    expect(cells[0]).toBe(first.dealId);
    // The reason names the fact that failed and the value the deal had.
    const condition = first.failing[0]!;
    expect(cells[2]).toContain(condition.fact ?? '');
    expect(cells[2]).toContain(JSON.stringify(condition.factValue));
    await screenshot(page, 'funnel-stages-demo');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('performance shows the KPI tiles and charts the units as bubbles and the funnel', async () => {
    const { snapshots } = await apiGet('opsAdmin', `/api/kpis/${demo.companyId}`, KpiList);
    const latest = snapshots.at(-1)!;
    expect(latest.kpis.period).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    const regions = demo.units.filter((u) => u.parentId === demo.companyId);

    const { page, errors } = await signIn('opsAdmin');
    await page.getByTestId('nav-performance').click();
    await expect
      .poll(() => page.getByTestId('kpi-revenue').textContent(), SETTLED)
      .toContain(amount(latest.kpis.revenueMinor));
    const { achievement, collectionRate, newCustomers } = latest.kpis;
    expect(achievement).not.toBeNull();
    expect(await page.getByTestId('kpi-attainment').textContent()).toContain(pct(achievement!));
    expect(await page.getByTestId('kpi-collection').textContent()).toContain(
      collectionRate === null ? '—' : pct(collectionRate),
    );
    expect(await page.getByTestId('kpi-new-customers').textContent()).toContain(String(newCustomers));

    // recharts draws with SVG: one bubble per region (attainment x growth over FY2025's Q4), and
    // one funnel trapezoid per stage.
    const bubbles = page.getByTestId('bubble-chart').locator('svg .recharts-scatter-symbol');
    await expect.poll(() => bubbles.count(), SETTLED).toBe(regions.length);
    // Each bubble is labelled with its unit (the labels appear once the bubbles' animation ends).
    const labels = page.getByTestId('bubble-chart').locator('svg .recharts-label-list text');
    await expect
      .poll(async () => (await labels.allTextContents()).sort(), SETTLED)
      .toEqual(regions.map((r) => r.id).sort());
    const trapezoids = page.getByTestId('funnel-chart').locator('svg .recharts-funnel-trapezoid');
    await expect.poll(() => trapezoids.count(), SETTLED).toBe(latest.kpis.stageConversion.length);
    expect(await page.getByTestId('unit-table').locator('tbody tr').count()).toBe(regions.length);
    await screenshot(page, 'performance-demo');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('payouts list last period’s run, its statements and a statement’s total', async () => {
    const statements = await loadStatements(db, { runId: payout.runId });
    expect(statements).toHaveLength(payout.payees);
    const top = [...statements].sort((a, b) => b.totalMinor - a.totalMinor)[0]!;

    const { page, errors } = await signIn('finance');
    await page.getByTestId('nav-payouts').click();
    await page.getByTestId(`open-run-${payout.runId}`).click();
    const rows = page.getByTestId('statements').locator('tbody tr');
    await expect.poll(() => rows.count(), SETTLED).toBe(payout.payees);
    const progress = await page.getByTestId('run-progress').textContent();
    expect(progress).toContain(amount(payout.totalMinor));
    const partitions = payout.partitionCount;
    expect(progress).toContain(
      `partitions computed ${partitions}/${partitions}, exported ${partitions}/${partitions}`,
    );
    await screenshot(page, 'payout-run-demo');
    await page.getByTestId(`open-statement-${top.payeeId}`).click();
    await expect
      .poll(() => page.getByTestId('statement-total').textContent(), SETTLED)
      .toContain(amount(top.totalMinor));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the impact preview runs the open plan against last period’s actuals, payee by payee', async () => {
    const { ruleSetId } = payout.incentiveRuleSet;
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: demoUsername('opsAdmin'), password: DEMO_PASSWORD },
    });
    const response = await app.inject({
      method: 'POST',
      url: `/api/rule-sets/${ruleSetId}/impact-actuals`,
      headers: { authorization: `Bearer ${login.json<{ token: string }>().token}` },
      payload: { period: '2026-Q4' },
    });
    expect(response.statusCode, response.body).toBe(200);
    const expected = ImpactPreview.parse(response.json());
    expect(expected.payees.length).toBeGreaterThan(100);
    expect(expected.totals.publishedMinor).toBeGreaterThan(0);

    const { page, errors } = await signIn('opsAdmin');
    await page.goto(`${designer.url}/#/rules/${encodeURIComponent(ruleSetId)}`);
    await page.getByTestId('tab-impact').click();
    await page.getByTestId('impact-period').selectOption('2026-Q4');
    await page.getByTestId('run-impact').click();
    await page.getByTestId('impact-table').waitFor();
    expect(await page.locator('[data-testid=impact-table] tbody tr').count()).toBe(expected.payees.length);
    const publishedTotal = (expected.totals.publishedMinor / 100).toLocaleString('en-US', {
      minimumFractionDigits: 2,
    });
    expect(await page.locator('[data-testid=impact-table] tfoot th').nth(1).textContent()).toContain(
      publishedTotal,
    );
    await screenshot(page, 'impact-on-actuals-demo');
    expect(errors).toEqual([]);
    await page.close();
  });
});
