import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import type { AppDeps } from '@opscycle/api';
import { startHarness, PASSWORD, type Harness } from '../api/harness';
import { collectPageErrors, launchChromium } from './browser';
import { startDesigner, type DesignerServer } from './designerServer';

/**
 * The real stack for a browser journey: the API (built in-process on its own test database, with the
 * real Temporal client) listening on a free port, the designer's Vite server proxying to it, and
 * Debian's Chromium.
 */
export interface E2e {
  api: Harness;
  apiUrl: string;
  designer: DesignerServer;
  browser: Browser;
  /** A fresh page signed in as `username`, in `language`; page errors are collected for the test to check. */
  signIn(username: string, language?: 'zh-CN' | 'en'): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

/** `overrides` reach the API's dependencies (e.g. the task queue its cycles start on). */
export async function startE2e(label: string, overrides: Partial<AppDeps> = {}): Promise<E2e> {
  const api = await startHarness(label, overrides);
  await api.app.listen({ port: 0, host: '127.0.0.1' });
  const apiUrl = `http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}`;
  const designer = await startDesigner(apiUrl);
  const browser = await launchChromium();
  return {
    api,
    apiUrl,
    designer,
    browser,
    async signIn(username, language = 'zh-CN') {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      const errors = collectPageErrors(page);
      await page.addInitScript((lang) => localStorage.setItem('opscycle.language', lang), language);
      await page.goto(designer.url);
      await page.locator('input[name=username]').fill(username);
      await page.locator('input[name=password]').fill(PASSWORD);
      await page.locator('button[type=submit]').click();
      await page.getByTestId('whoami').waitFor();
      return { page, errors };
    },
    async close() {
      await browser.close();
      await designer.close();
      await api.close();
    },
  };
}

/** Drags a React Flow connection from one handle to another, the way a user does. */
export async function connect(page: Page, fromTestId: string, toTestId: string): Promise<void> {
  const from = await page.getByTestId(fromTestId).boundingBox();
  const to = await page.getByTestId(toTestId).boundingBox();
  if (!from || !to) throw new Error(`handle ${fromTestId} or ${toTestId} is not on screen`);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 5 });
  await page.mouse.up();
}
