import { expect } from 'vitest';
import type { Page, Response } from 'playwright-core';
import type { NodeKind, RuleSetKind } from '@opscycle/domain';
import { connect } from './e2eHarness';

/**
 * Builds a rule set the way an ops admin does: from an empty canvas, node kinds from the palette,
 * edges dragged from a node's output onto the input handle it is meant for, values typed into the
 * node editors. Node ids are the designer's own (`<kind>-<n>`, n counting every node added).
 */
export class PlanBuilder {
  private added = 0;

  constructor(readonly page: Page) {}

  async create(kind: RuleSetKind, name: string): Promise<void> {
    await this.page.getByTestId('nav-rules').click();
    await this.page.getByTestId('new-kind').selectOption(kind);
    await this.page.getByTestId('new-name').fill(name);
    await this.page.getByTestId('create-rule-set').click();
    await this.page.getByTestId('canvas').waitFor();
    await this.page.getByTestId('effective-from').fill('2027-01-01');
  }

  /** Clicks a palette entry; returns the id the designer gives the new node. */
  async add(kind: NodeKind): Promise<string> {
    await this.page.getByTestId(`palette-${kind}`).click();
    this.added += 1;
    const id = `${kind}-${this.added}`;
    await this.page.getByTestId(`node-${id}`).waitFor();
    return id;
  }

  /** Lays the graph out and fits it in view, so every handle is on screen for the next drag. */
  async layout(): Promise<void> {
    await this.page.getByTestId('layout').click();
    await this.page.waitForTimeout(350);
  }

  /** Drags an edge from `source`'s output onto `input` of `target`, then re-lays the graph out. */
  async wire(source: string, target: string, input: 'when' | 'measure' | 'base' | 'amount'): Promise<void> {
    const before = await this.page.locator('.react-flow__edge').count();
    await connect(this.page, `out-${source}`, `in-${target}-${input}`);
    await expect.poll(() => this.page.locator('.react-flow__edge').count()).toBe(before + 1);
    await this.layout();
  }

  /** Types or picks a value in a node's editor: `path` is the field's data path (`bands.1.rate`). */
  async set(nodeId: string, path: string, value: string | boolean): Promise<void> {
    const field = this.page.getByTestId(`field-${nodeId}-${path}`);
    const kind = await field.evaluate((el) => `${el.tagName}:${el.getAttribute('type') ?? ''}`);
    if (kind.startsWith('SELECT')) await field.selectOption(String(value));
    else if (kind === 'INPUT:checkbox') await field.setChecked(value === true);
    else await field.fill(String(value));
  }

  /** Clicks "+" on a node's list (a tier band, a measure, an approver step). */
  async addItem(nodeId: string, list: string): Promise<void> {
    await this.page.getByTestId(`add-${nodeId}-${list}`).click();
  }

  async validate(): Promise<void> {
    await this.page.getByTestId('validate').click();
    await expect
      .poll(async () => {
        const status = this.page.getByTestId('designer-status');
        return `${await status.getAttribute('class')}: ${await status.textContent()}`;
      })
      .toMatch(/^ok: /);
  }

  async simulate(): Promise<void> {
    // Wait for this run's answer: an earlier result is still on screen until it arrives.
    const answered = this.page.waitForResponse((r) => r.url().endsWith('/api/rule-sets/simulate'));
    await this.page.getByTestId('simulate').click();
    await answered;
    await this.page.waitForTimeout(100);
    await this.page.locator('[data-testid=sim-result], [data-testid=sim-error]').first().waitFor();
    const error = this.page.getByTestId('sim-error');
    if (await error.isVisible()) throw new Error(`the simulation failed: ${await error.textContent()}`);
  }

  async total(payeeId: string): Promise<string> {
    return (await this.page.getByTestId(`sim-total-${payeeId}`).textContent()) ?? '';
  }

  /** Publishes and returns the version number the designer reports. */
  async publish(): Promise<void> {
    await this.page.getByTestId('publish').click();
    await this.page.getByTestId('diff-v1').waitFor();
  }
}

/**
 * What a screen must not show while a person works: page errors, console errors, and HTTP errors the
 * page did not ask for on purpose.
 */
export function watchPage(page: Page): { problems: string[] } {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('response', (response: Response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  return { problems };
}

/** The amount as the screen prints it in either language ("¥7,000.00" / "CN¥7,000.00"). */
export function moneyPattern(major: string): RegExp {
  return new RegExp(`${major.replace(/[.,]/g, (c) => `\\${c}`)}$`);
}
