import type { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import type mongoose from 'mongoose';
import type { Browser, Page } from 'playwright-core';
import { buildApp, DEMO_PASSWORD, demoUsername, seedDemoRuleSets, seedDemoUsers } from '@opscycle/api';
import type { AuthUser, Role } from '@opscycle/domain';
import {
  generateDemoCompany,
  runDemoPayout,
  seedDemoData,
  seedDemoPlanHistory,
  type DemoCompany,
} from '@opscycle/worker/demo';
import { startPayoutWorker, type PayoutWorker } from '../payouts/payoutWorker';
import { connectTestDatabase, temporalClient, uniqueName } from '../support';
import { launchChromium } from './browser';
import { startDesigner, type DesignerServer } from './designerServer';
import { collectPageProblems } from './pageProblems';

/**
 * The demo company as `npm start` seeds it (two years of deals, FY2026 planned and its Q4 reviewed,
 * the demo rule sets and logins, last period's payout run) behind the real API, Temporal and
 * Mongo-wire servers, the designer and one Chromium: what the screen tests on demo data share.
 */
export interface DemoStack {
  db: mongoose.Connection;
  demo: DemoCompany;
  users: AuthUser[];
  app: FastifyInstance;
  /** Where the designer is served (hash routes go after it). */
  designerUrl: string;
  payout: Awaited<ReturnType<typeof runDemoPayout>>;
  /**
   * A fresh page signed in with the role's demo login. `collect` watches it from the first request
   * (default: page errors, console errors and 4xx/5xx answers).
   */
  signIn(
    role: Role,
    options?: { language?: 'en' | 'zh-CN'; collect?: (page: Page) => string[] },
  ): Promise<{ page: Page; problems: string[] }>;
  /** A token of the role's demo login, for asking the API what a screen must show. */
  tokenOf(role: Role): Promise<string>;
  close(): Promise<void>;
}

/** `label` names the database and the task queue; each phase of the (long) setup is printed. */
export async function startDemoStack(label: string): Promise<DemoStack> {
  const started = Date.now();
  const lap = (what: string) => console.log(`[${label}] ${what} after ${Date.now() - started} ms`);
  const db = await connectTestDatabase(label);
  const demo = generateDemoCompany();
  let client: Client | undefined;
  let clientConnection: Connection | undefined;
  let payoutWorker: PayoutWorker | undefined;
  let app: FastifyInstance | undefined;
  let designer: DesignerServer | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await designer?.close();
    await app?.close();
    await payoutWorker?.stop();
    await clientConnection?.close();
    await db.dropDatabase();
    await db.close();
  };
  try {
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
    const taskQueue = uniqueName(label);
    payoutWorker = await startPayoutWorker(db, taskQueue, `${label}-webhook-secret`);
    const payout = await runDemoPayout(client, db, { taskQueue, planId: uniqueName('demo-plan') });
    lap('payout run');
    const api = await buildApp({
      connection: db,
      temporal: client,
      jwtSecret: `${label}-secret-0123456789abcdef0123456789`,
      // What the API starts (inquiries, cycles) runs on the stack's own worker.
      cycleTaskQueue: taskQueue,
    });
    app = api;
    await api.listen({ port: 0, host: '127.0.0.1' });
    const shell = await startDesigner(`http://127.0.0.1:${(api.server.address() as AddressInfo).port}`);
    designer = shell;
    const chromium = await launchChromium();
    browser = chromium;
    return {
      db,
      demo,
      users,
      app: api,
      designerUrl: shell.url,
      payout,
      async signIn(role, { language = 'en', collect = collectPageProblems } = {}) {
        const page = await chromium.newPage({ viewport: { width: 1600, height: 1000 } });
        const problems = collect(page);
        await page.addInitScript((lang) => localStorage.setItem('opscycle.language', lang), language);
        await page.goto(shell.url);
        await page.locator('input[name=username]').fill(demoUsername(role));
        await page.locator('input[name=password]').fill(DEMO_PASSWORD);
        await page.locator('button[type=submit]').click();
        await page.getByTestId('whoami').waitFor();
        return { page, problems };
      },
      async tokenOf(role) {
        const login = await api.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: demoUsername(role), password: DEMO_PASSWORD },
        });
        return login.json<{ token: string }>().token;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
