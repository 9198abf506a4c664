import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalWorkflowInput, ApprovalView, RuleGraph } from '@opscycle/domain';
import { saveStatements } from '@opscycle/storage';
import { createApprovalActivities } from '@opscycle/worker';
import type { approvalWorkflow } from '@opscycle/workflows';
import { approvalStateQuery, approvalWorkflowId, WORKFLOW_TYPES } from '@opscycle/workflows/messages';
import { aStatement } from '../api/builders';
import { temporalClient, uniqueName } from '../support';
import { withTestWorker } from '../testWorker';
import { eventually } from '../workflows/fixtures';
import { screenshot } from './browser';
import { connect, startE2e, type E2e } from './e2eHarness';
import { SCREENS_BY_ROLE } from '@opscycle/designer/shell/navigation';
import { aBudgetApproval } from '../builders';

/** The three journeys of the designer, in Chromium, against the real API, Temporal and the Mongo-wire server. */
describe('designer journeys in Chromium', { timeout: 120_000 }, () => {
  let e2e: E2e;

  beforeAll(async () => {
    e2e = await startE2e('e2e-journeys');
  }, 180_000);
  afterAll(async () => e2e?.close());

  it('an ops admin builds a tiered incentive visually, simulates it and publishes it', async () => {
    const { page, errors } = await e2e.signIn('ops');
    await page.getByTestId('nav-rules').click();
    await page.getByTestId('new-kind').selectOption('incentive');
    await page.getByTestId('new-name').fill('E2E tiered commission');
    await page.getByTestId('create-rule-set').click();
    await page.getByTestId('canvas').waitFor();

    // Build the graph from the palette: start, two facts (the measure and the base) and a tier table.
    for (const kind of ['start', 'factInput', 'factInput', 'tierTable'])
      await page.getByTestId(`palette-${kind}`).click();
    await page.getByTestId('field-factInput-2-fact').selectOption('attainment');
    await page.getByTestId('field-factInput-3-fact').selectOption('revenue');
    await page.getByTestId('layout').click();
    await page.waitForTimeout(300);
    await connect(page, 'out-start-1', 'in-tierTable-4-when');
    await connect(page, 'out-factInput-2', 'in-tierTable-4-measure');
    await connect(page, 'out-factInput-3', 'in-tierTable-4-base');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(3);
    // A refused connection (a tier table cannot feed a fact) is not drawn.
    await connect(page, 'out-tierTable-4', 'out-factInput-2');
    expect(await page.locator('.react-flow__edge').count()).toBe(3);

    // Accelerator: 3% up to quota, 10% (instead of the default 5%) beyond it.
    await page.getByTestId('field-tierTable-4-bands.1.rate').fill('10');
    await page.getByTestId('effective-from').fill('2027-01-01');
    await page.getByTestId('validate').click();
    await expect.poll(() => page.getByTestId('designer-status').getAttribute('class')).toBe('ok');

    // Quota 100,000.00, one won deal of 120,000.00: attainment 1.2. 3% on the first 1/1.2 of the
    // revenue (3,000.00) + 10% on the remaining 0.2/1.2 (2,000.00) = 5,000.00.
    await page.getByTestId('simulate').click();
    await expect.poll(() => page.getByTestId('sim-total-rep-1').textContent()).toContain('5,000.00');
    expect(await page.getByTestId('node-tierTable-4').getAttribute('data-fired')).toBe('true');
    // The trace on the node reads as people read it: the band's rate in percent, its portion of the
    // attainment without float noise (0.2, not 0.19999999999999996), money in whole minor units.
    const trace = await page.getByTestId('trace-tierTable-4').textContent();
    expect(trace).toMatch(/tier#0=\D*3,000\.00 \(3% on 1\)/);
    expect(trace).toMatch(/tier#1=\D*2,000\.00 \(10% on 0\.2\)/);
    expect(trace).not.toMatch(/9999/);
    await screenshot(page, 'designer-tiered-incentive-simulated');

    await page.getByTestId('publish').click();
    await page.getByTestId('diff-v1').waitFor();
    const id = decodeURIComponent(page.url().split('#/rules/')[1] ?? '');
    const versions = await e2e.api.call('ops', { method: 'GET', url: `/api/rule-sets/${id}/versions/1` });
    expect(versions.statusCode).toBe(200);
    const published = versions.json<{ graph: RuleGraph }>().graph;
    const tierNode = published.nodes.find((n) => n.id === 'tierTable-4');
    expect(tierNode?.kind === 'tierTable' && tierNode.data.bands.map((b) => b.rate)).toEqual([0.03, 0.1]);
    expect(published.edges.map((e) => `${e.sourceId}>${e.targetId}:${e.targetHandle}`).sort()).toEqual([
      'factInput-2>tierTable-4:measure',
      'factInput-3>tierTable-4:base',
      'start-1>tierTable-4:when',
    ]);
    expect(errors).toEqual([]);
  });

  describe('with an approval worker', () => {
    const taskQueue = uniqueName('e2e-approvals');

    beforeAll(async () => {
      await e2e.api.addLogin({
        id: 'm-east-1',
        name: 'M East 1',
        email: 'm-east-1@acme.test',
        role: 'manager',
        orgUnitId: 'east-1',
      });
    });
    withTestWorker(() => ({ taskQueue, activities: createApprovalActivities({ connection: e2e.api.db }) }));

    it('a manager approves a budget step from the inbox, with a comment', async () => {
      const approvalId = uniqueName('budget');
      const input: ApprovalWorkflowInput = { ...aBudgetApproval(approvalId, 120_000) };
      const { client, connection } = await temporalClient();
      try {
        const handle = await client.workflow.start<typeof approvalWorkflow>(WORKFLOW_TYPES.approval, {
          taskQueue,
          workflowId: approvalWorkflowId(approvalId),
          args: [input],
        });
        await eventually(
          async () =>
            (await e2e.api.call('managerEast', { method: 'GET', url: '/api/approvals' })).json<{
              approvals: ApprovalView[];
            }>(),
          (list) => list.approvals.some((a) => a.approvalId === approvalId),
        );

        const { page, errors } = await e2e.signIn('m-east');
        await page.getByTestId('nav-inbox').click();
        await page.getByTestId(`approval-${approvalId}`).click();
        await expect.poll(() => page.getByTestId('approval-amount').textContent()).toContain('5,000.00');
        expect(await page.getByTestId('approval-context').textContent()).toContain('travel');
        await screenshot(page, 'inbox-budget-approval');
        await page.getByTestId('decision-comment').fill('Within the regional travel envelope');
        await page.getByTestId('decide-approve').click();
        await page.getByTestId('decision-notice').waitFor();
        // Decided, it leaves the manager's inbox.
        await page.getByTestId(`approval-${approvalId}`).waitFor({ state: 'detached' });

        // The workflow moved on to finance, with the manager's decision and comment on record.
        const state = await eventually(
          () => handle.query(approvalStateQuery),
          (s) => s.currentLevel === 1,
        );
        expect(state.decisions).toMatchObject([
          { kind: 'approve', actorId: 'm-east', reason: 'Within the regional travel envelope' },
        ]);
        expect(state.assigneeIds).toEqual(['fin']);
        await page.getByTestId('tab-history').click();
        await expect
          .poll(() => page.getByTestId('decision-history').textContent())
          .toContain('Within the regional travel envelope');
        expect(errors).toEqual([]);
      } finally {
        await connection.close();
      }
    });
  });

  it('every screen is reachable from the navigation of each role, in both languages', async () => {
    // The navigation each role is given (the designer's own table), and the harness's login of that role.
    const loginOf = { opsAdmin: 'ops', manager: 'm-east', finance: 'fin', hr: 'hr', rep: 'rep-1' } as const;
    const expected = Object.fromEntries(
      Object.entries(loginOf).map(([role, login]) => [login, SCREENS_BY_ROLE[role as keyof typeof loginOf]]),
    );
    expect(expected.ops).toContain('rules');
    expect(expected['rep-1']).toEqual(['me']);
    for (const [login, screens] of Object.entries(expected)) {
      const { page, errors } = await e2e.signIn(login, 'en');
      const nav = page.getByRole('navigation', { name: 'main' }).locator('a');
      expect(await nav.evaluateAll((links) => links.map((a) => a.getAttribute('data-testid')))).toEqual(
        screens.map((s) => `nav-${s}`),
      );
      for (const screen of screens) {
        await page.getByTestId(`nav-${screen}`).click();
        await page.locator('main h1').first().waitFor();
      }
      const english = await nav.allTextContents();
      await page.getByTestId('language').selectOption('zh-CN');
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
      const chinese = await nav.allTextContents();
      expect(chinese).toHaveLength(english.length);
      chinese.forEach((label, i) => expect(label, `${login}: ${english[i]}`).not.toBe(english[i]));
      expect(chinese.every((label) => /[\u4e00-\u9fff]/.test(label))).toBe(true);
      expect(errors, login).toEqual([]);
      await page.close();
    }
  });

  it('finance opens a payout statement and sees a line explained', async () => {
    const run = uniqueName('plan-2027-01-r1');
    await saveStatements(e2e.api.db, [
      aStatement(run, 'rep-1', 2_469_00),
      aStatement(run, 'rep-2', 1_000_00),
    ]);
    const { page, errors } = await e2e.signIn('fin', 'en');
    await page.goto(`${e2e.designer.url}/#/payouts/${run}`);
    await page.getByTestId('open-statement-rep-1').click();
    await page.getByTestId('statement').waitFor();
    expect(await page.getByTestId('statement-total').textContent()).toContain('2,469.00');
    await page.getByTestId('line-commission').click(); // collapse
    await page.getByTestId('line-commission').click(); // and open again
    expect(await page.getByTestId('explanation-commission').textContent()).toContain(
      'commission: 5% of 2,469.00 CNY won in 2027-01',
    );
    await screenshot(page, 'payout-statement-explained');
    expect(errors).toEqual([]);
  });

  it('signing out revokes the token on the API, not only in the browser', async () => {
    const { page, errors } = await e2e.signIn('fin', 'en');
    const token = await page.evaluate(() => sessionStorage.getItem('opscycle.token'));
    expect(token).toBeTruthy();
    const me = () => fetch(`${e2e.apiUrl}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect((await me()).status).toBe(200);
    await page.getByTestId('logout').click();
    await page.locator('input[name=username]').waitFor();
    await expect.poll(async () => (await me()).status).toBe(401);
    expect(errors).toEqual([]);
    await page.close();
  });
});
