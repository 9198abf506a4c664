import type { ApprovalState, InquiryRecord, PayoutStatement, Person } from '@opscycle/domain';

/** A pending budget approval as the workflow's mirror stores it. */
export function anApprovalState(
  approvalId: string,
  at: { orgUnitId: string; personId: string },
): ApprovalState {
  return {
    approvalId,
    subject: { kind: 'budget', id: approvalId },
    submittedBy: at.personId,
    orgUnitId: at.orgUnitId,
    status: 'pending',
    round: 1,
    currentLevel: 0,
    assigneeIds: ['m-east'],
    escalations: [],
    remindersSent: 0,
    decisions: [],
    facts: {},
  };
}

/** A one-line statement of `payeeId` in run `runId` (March 2027 commission). */
export function aStatement(runId: string, payeeId: string, amountMinor = 123_45): PayoutStatement {
  return {
    runId,
    planId: 'fx-plan',
    period: '2027-01',
    revision: 1,
    payeeId,
    partition: 0,
    lines: [
      {
        lineKey: 'commission',
        kind: 'payout',
        amountMinor,
        currency: 'CNY',
        explanation: ['commission: 5% of 2,469.00 CNY won in 2027-01'],
      },
    ],
    totalMinor: amountMinor,
    currency: 'CNY',
  };
}

/** A person of `role` in `orgUnitId`, named by their id (for logins a test adds to the harness org). */
export function aPerson(id: string, role: Person['role'], orgUnitId: string): Person {
  return { id, name: id, email: `${id}@acme.test`, role, orgUnitId };
}

/** An open inquiry raised by the payee `at.personId` about the commission line of their statement in `runId`. */
export function anInquiry(
  inquiryId: string,
  runId: string,
  at: { orgUnitId: string; personId: string },
): InquiryRecord {
  return {
    inquiryId,
    approvalId: `inquiry-${inquiryId}`,
    status: 'open',
    assigneeIds: ['fin'],
    level: 0,
    line: {
      runId,
      planId: 'fx-plan',
      period: '2027-01',
      revision: 1,
      payeeId: at.personId,
      lineKey: 'commission',
      amountMinor: 123_45,
      currency: 'CNY',
    },
    comment: 'the rate looks wrong',
    raisedBy: at.personId,
    raisedByRole: 'rep',
    orgUnitId: at.orgUnitId,
    raisedAt: '2027-02-01T09:00:00.000Z',
  };
}
