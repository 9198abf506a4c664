import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type mongoose from 'mongoose';
import { TASK_QUEUES, type CycleStep, type CycleTemplate, type StepApproval } from '@opscycle/domain';
import { demoBudgetRouting, demoIncentivePlan } from '@opscycle/rules';
import { appendAudit, loadOrgUnits } from '@opscycle/storage';
import { cycleSearchAttributes, cycleWorkflowId, WORKFLOW_TYPES } from '@opscycle/workflows/messages';
import { DEMO_COMPANY_ID } from './org';

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEMO_FISCAL_YEAR = 2027;
/** The demo cycle's workflow id, `cycle-FY2027-acme`: the business key its planning is stored under. */
export const demoCycleId = () => cycleWorkflowId(DEMO_FISCAL_YEAR, DEMO_COMPANY_ID);

/**
 * The demo's FY2027 cycle: real deadlines in days, the budget chain from the published
 * `budget-approval-routing` rule set, quota sign-off by each unit's manager.
 */
export function demoCycleTemplate(): CycleTemplate {
  const approval = (
    subjectKind: StepApproval['subjectKind'],
    routing: StepApproval['routing'],
  ): StepApproval => ({
    subjectKind,
    routing,
    levelDeadlineMs: 5 * DAY_MS,
    reminderEveryMs: 2 * DAY_MS,
    resubmitDeadlineMs: 10 * DAY_MS,
  });
  const step = (name: CycleStep, scope: 'company' | 'unit' = 'company') => ({
    step: name,
    scope,
    ownerId: 'ops-admin',
    ownerRole: 'opsAdmin' as const,
    deadlineMs: 14 * DAY_MS,
  });
  return {
    id: 'standard-annual-cycle',
    name: 'Standard annual cycle (年度运营计划)',
    steps: [
      step('strategyAnalysis'),
      {
        ...step('targetSetting', 'unit'),
        approval: approval('quota', { kind: 'roles', roles: ['manager'] }),
      },
      { ...step('staffing', 'unit'), approval: approval('staffing', { kind: 'roles', roles: ['manager'] }) },
      {
        ...step('budgetApproval'),
        approval: approval('budget', {
          kind: 'ruleSet',
          ruleSet: { ruleSetId: demoBudgetRouting.id, version: 1 },
        }),
      },
      step('incentivePublication'),
      step('performanceReview'),
      step('yearClose'),
    ],
    reviewPeriods: ['2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4'],
    periodLengthMs: 90 * DAY_MS,
    fanOutWindow: 20,
    payout: {
      planId: demoIncentivePlan.id,
      incentiveRuleSet: { ruleSetId: demoIncentivePlan.id, version: 1 },
      partitionCount: 4,
      approval: approval('payout', { kind: 'roles', roles: ['finance'] }),
      currency: 'CNY',
    },
  };
}

/** Tests share one Temporal server that remembers workflow ids: they run their own cycle id and queue. */
export interface DemoCycleOptions {
  cycleId?: string;
  taskQueue?: string;
}

/**
 * Starts the demo cycle once: its workflow id is the business key, so a restart finds the running
 * cycle instead of starting a second one. The worker picks it up when it starts polling.
 */
export async function startDemoCycle(
  client: Client,
  connection: mongoose.Connection,
  options: DemoCycleOptions = {},
): Promise<{ cycleId: string; started: boolean }> {
  const cycleId = options.cycleId ?? demoCycleId();
  const template = demoCycleTemplate();
  try {
    await client.workflow.start(WORKFLOW_TYPES.annualCycle, {
      taskQueue: options.taskQueue ?? TASK_QUEUES.cycle,
      workflowId: cycleId,
      args: [
        {
          fiscalYear: DEMO_FISCAL_YEAR,
          orgId: DEMO_COMPANY_ID,
          startedBy: 'ops-admin',
          template,
          orgUnits: await loadOrgUnits(connection),
        },
      ],
      typedSearchAttributes: cycleSearchAttributes(
        DEMO_FISCAL_YEAR,
        DEMO_COMPANY_ID,
        template.steps[0]!.step,
        'running',
      ),
    });
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return { cycleId, started: false };
    throw error;
  }
  await appendAudit(connection, {
    id: `cycle.started:${cycleId}`,
    at: new Date(),
    actor: { userId: 'ops-admin', role: 'opsAdmin' },
    action: 'cycle.started',
    object: { type: 'cycle', id: cycleId },
    orgUnitId: DEMO_COMPANY_ID,
    details: { fiscalYear: DEMO_FISCAL_YEAR, templateId: template.id },
  });
  return { cycleId, started: true };
}
