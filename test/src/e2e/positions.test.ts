import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleGraph } from '@opscycle/domain';
import { connect, startE2e, type E2e } from './e2eHarness';

/** An approval routed to an org position, built by mouse in the rule designer. */
describe('approver positions in the designer (Chromium)', { timeout: 120_000 }, () => {
  let e2e: E2e;

  beforeAll(async () => {
    e2e = await startE2e('e2e-positions');
    // Publication needs someone holding the position somewhere in the org.
    const held = await e2e.api.call('ops', {
      method: 'PUT',
      url: '/api/org/units/acme/positions/cfo',
      payload: { personId: 'fin' },
    });
    if (held.statusCode !== 200) throw new Error(`assigning the CFO failed: ${held.body}`);
  }, 180_000);
  afterAll(async () => e2e?.close());

  it('an ops admin routes to the CFO position from an empty approval routing rule set and publishes it', async () => {
    const { page, errors } = await e2e.signIn('ops', 'en');
    await page.getByTestId('nav-rules').click();
    await page.getByTestId('new-kind').selectOption('approvalRouting');
    await page.getByTestId('new-name').fill('E2E CFO routing');
    await page.getByTestId('create-rule-set').click();
    await page.getByTestId('canvas').waitFor();

    for (const kind of ['start', 'routeOutcome']) await page.getByTestId(`palette-${kind}`).click();
    await page.getByTestId('layout').click();
    await page.waitForTimeout(300);
    await connect(page, 'out-start-1', 'in-routeOutcome-2-when');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(1);

    // The new outcome's one approver is a manager; choosing a position replaces the role.
    const position = page.getByTestId('field-routeOutcome-2-approvers.0.position');
    expect(await position.locator('option', { hasText: 'CFO' }).count()).toBe(1);
    await position.selectOption('cfo');
    await expect.poll(() => page.getByTestId('field-routeOutcome-2-approvers.0.role').inputValue()).toBe('');
    await page.getByTestId('effective-from').fill('2027-01-01');
    await page.getByTestId('validate').click();
    await expect.poll(() => page.getByTestId('designer-status').getAttribute('class')).toBe('ok');

    await page.getByTestId('publish').click();
    await page.getByTestId('diff-v1').waitFor();
    const id = decodeURIComponent(page.url().split('#/rules/')[1] ?? '');
    const version = await e2e.api.call('ops', { method: 'GET', url: `/api/rule-sets/${id}/versions/1` });
    expect(version.statusCode).toBe(200);
    const outcome = version.json<{ graph: RuleGraph }>().graph.nodes.find((n) => n.id === 'routeOutcome-2');
    expect(outcome?.kind === 'routeOutcome' && outcome.data.approvers).toEqual([{ position: 'cfo' }]);
    expect(errors).toEqual([]);
  });
});
