import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CycleProgress, CycleTemplate } from '@opscycle/domain';
import { upsertOrgUnits, upsertPeople } from '@opscycle/storage';
import { createApprovalActivities, createCycleActivities } from '@opscycle/worker';
import { uniqueName } from '../support';
import { startTestWorker, type TestWorker } from '../testWorker';
import { aRegionOfItsOwn, recordingStepRunners } from '../workflows/cycleFixtures';
import { eventually } from '../workflows/fixtures';
import { screenshot } from './browser';
import { startE2e, type E2e } from './e2eHarness';

/** The test servers are shared: under load a cycle takes longer than eventually's usual 15 s to move. */
const waitFor = <T>(read: () => Promise<T>, done: (value: T) => boolean) => eventually(read, done, 60_000);

const taskQueue = uniqueName('e2e-cycle');
const suffix = uniqueName('v').replace(/_/g, '-').toLowerCase();
const region = aRegionOfItsOwn(suffix);
const TEN_MINUTES = 600_000;

/** A cycle whose first step waits on the sign-offs of the region's and the team's managers. */
function aTemplate(): CycleTemplate {
  const approval = (subjectKind: 'quota' | 'payout', roles: ('manager' | 'finance')[]) => ({
    subjectKind,
    routing: { kind: 'roles' as const, roles },
    levelDeadlineMs: TEN_MINUTES,
    resubmitDeadlineMs: TEN_MINUTES,
  });
  return {
    id: 'e2e-cycle',
    name: 'Target setting',
    steps: [
      {
        step: 'targetSetting',
        scope: 'unit',
        ownerId: 'ops',
        ownerRole: 'opsAdmin',
        deadlineMs: TEN_MINUTES,
        approval: approval('quota', ['manager']),
      },
    ],
    reviewPeriods: ['2027-Q1'],
    periodLengthMs: TEN_MINUTES,
    fanOutWindow: 5,
    payout: {
      planId: `plan-${suffix}`,
      incentiveRuleSet: { ruleSetId: 'incentive', version: 1 },
      partitionCount: 1,
      approval: approval('payout', ['finance']),
      currency: 'CNY',
    },
  };
}

describe('the cycle view in Chromium', { timeout: 120_000 }, () => {
  let e2e: E2e;
  let worker: TestWorker;
  let cycleId = '';
  let progress: CycleProgress;

  beforeAll(async () => {
    e2e = await startE2e('e2e-cycle', { cycleTaskQueue: taskQueue });
    await upsertOrgUnits(e2e.api.db, region.units);
    await upsertPeople(e2e.api.db, region.people);
    e2e.api.app.org.invalidate();
    worker = await startTestWorker({
      taskQueue,
      activities: {
        ...createApprovalActivities({ connection: e2e.api.db }),
        ...createCycleActivities({ connection: e2e.api.db, runners: recordingStepRunners() }),
      },
    });
    const started = await e2e.api.call('ops', {
      method: 'POST',
      url: '/api/cycles',
      payload: { fiscalYear: 2027, orgId: region.regionId, template: aTemplate() },
    });
    if (started.statusCode !== 201) throw new Error(`cycle not started: ${started.body}`);
    cycleId = started.json<{ cycleId: string }>().cycleId;
    progress = await waitFor(
      async () =>
        (await e2e.api.call('ops', { method: 'GET', url: `/api/cycles/${cycleId}` })).json<CycleProgress>(),
      (p) => p.pendingApprovals.length === 2,
    );
  }, 180_000);

  afterAll(async () => {
    // Nothing of this file may keep waiting on the shared server once it is done.
    const temporal = e2e.api.deps.temporal;
    for (const workflowId of [cycleId, ...progress.pendingApprovals.map((p) => p.workflowId)])
      await temporal.workflow
        .getHandle(workflowId)
        .terminate('e2e finished')
        .catch(() => undefined);
    await worker.stop();
    await e2e.close();
  });

  it('shows each started step’s deadline and who the step waits on, by name, in both languages', async () => {
    const deadlineAt = progress.steps[0]?.deadlineAt;
    expect(deadlineAt).toBeDefined();
    for (const language of ['en', 'zh-CN'] as const) {
      const { page, errors } = await e2e.signIn('ops', language);
      await page.goto(`${e2e.designer.url}/#/cycle/${encodeURIComponent(cycleId)}`);
      await page.getByTestId('cycle-detail').waitFor();
      const deadline = page.getByTestId('deadline-targetSetting');
      const expected = await page.evaluate(
        ([iso, lang]) => new Date(iso).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' }),
        [deadlineAt ?? '', language] as const,
      );
      expect(await deadline.innerText()).toContain(expected);
      const blocking = await page.getByTestId('blocking-targetSetting').innerText();
      expect(blocking).toContain(region.names.regionManager);
      expect(blocking).toContain(region.names.teamManager);
      await expect
        .poll(() => page.locator('[data-testid=cycle-steps] th').allInnerTexts())
        .toContain(language === 'en' ? 'Deadline' : '截止日期');
      if (language === 'en') await screenshot(page, 'cycle-view');
      expect(errors).toEqual([]);
      await page.close();
    }
  });
});
