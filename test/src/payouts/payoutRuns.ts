import type { Client } from '@temporalio/client';
import type mongoose from 'mongoose';
import { expect } from 'vitest';
import type { Deal, PayoutRunInput, PayoutStatement, Person } from '@opscycle/domain';
import { loadStatements } from '@opscycle/storage';
import type { payoutRunWorkflow } from '@opscycle/workflows';
import {
  approvalIdFor,
  approvalStateQuery,
  approvalWorkflowId,
  approveUpdate,
  payoutRunId,
  payoutRunWorkflowId,
  WORKFLOW_TYPES,
} from '@opscycle/workflows/messages';
import { eventually } from '../workflows/fixtures';

export const aPerson = (
  id: string,
  role: Person['role'],
  orgUnitId: string,
  extra: Partial<Person> = {},
): Person => ({
  id,
  name: id,
  email: `${id}@co.test`,
  role,
  orgUnitId,
  ...extra,
});

/** A direct ERP deal of team `co-t1`, won, invoiced and collected on `wonOn`. */
export const aWonDeal = (
  dealId: string,
  repId: string,
  amountMinor: number,
  wonOn: string,
  extra: Partial<Deal> = {},
): Deal => ({
  dealId,
  repId,
  teamId: 'co-t1',
  customerId: `cust-${dealId}`,
  customerSize: 'smb',
  customerValue: 'normal',
  isNewCustomer: false,
  productLine: 'erp',
  channel: 'direct',
  stage: 'paymentFollowUp',
  status: 'won',
  amountMinor,
  currency: 'CNY',
  discountPct: 0,
  createdOn: '2026-12-01',
  wonOn,
  invoicedMinor: amountMinor,
  collectedMinor: amountMinor,
  collectedOn: wonOn,
  refundedOn: null,
  leadSource: 'inbound',
  budgetConfirmed: true,
  decisionMakerMet: true,
  needIdentified: true,
  proposalSubmittedOn: '2026-12-15',
  proposalAccepted: true,
  ...extra,
});

/** A payout run of version 1 of `planId` (in CNY, org unit `co`), approved by finance. */
export function payoutRunInput(planId: string, period: string, revision: number): PayoutRunInput {
  return {
    planId,
    period,
    revision,
    incentiveRuleSet: { ruleSetId: planId, version: 1 },
    currency: 'CNY',
    partitionCount: 2,
    submittedBy: 'ops',
    orgUnitId: 'co',
    approval: {
      subjectKind: 'payout',
      routing: { kind: 'roles', roles: ['finance'] },
      levelDeadlineMs: 60_000,
      resubmitDeadlineMs: 60_000,
    },
  };
}

/** Starts a run, `fin` approves it, and its statements once exported (by payee). */
export async function runPayoutPeriod(
  client: Client,
  db: mongoose.Connection,
  taskQueue: string,
  input: PayoutRunInput,
): Promise<Map<string, PayoutStatement>> {
  const { planId, period, revision } = input;
  const handle = await client.workflow.start<typeof payoutRunWorkflow>(WORKFLOW_TYPES.payoutRun, {
    taskQueue,
    workflowId: payoutRunWorkflowId(planId, period, revision),
    args: [input],
  });
  const runId = payoutRunId(planId, period, revision);
  const approval = client.workflow.getHandle(approvalWorkflowId(approvalIdFor('payout', runId)));
  await eventually(
    () => approval.query(approvalStateQuery).catch(() => undefined),
    (s) => s?.status === 'pending',
    // The run computes every payee before it asks for approval: minutes on two busy cores at worst.
    60_000,
  );
  const decisionId = `fin-approves-${runId}`;
  await approval.executeUpdate(approveUpdate, {
    args: [{ decisionId, actorId: 'fin' }],
    updateId: decisionId,
  });
  expect(await handle.result()).toMatchObject({ status: 'exported' });
  return new Map((await loadStatements(db, { runId })).map((s) => [s.payeeId, s]));
}
