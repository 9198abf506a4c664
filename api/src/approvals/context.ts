import type mongoose from 'mongoose';
import {
  BudgetPlan,
  QuotaAllocation,
  StaffingPlan,
  isWithinScope,
  parseCycleSubjectId,
  type ApprovalContext,
  type ApprovalState,
  type ApprovalSubjectKind,
  type OrgUnit,
} from '@opscycle/domain';
import {
  bottomUpSubmissionId,
  bottomUpSubmissionModel,
  loadPlanResult,
  loadStatements,
  quotaAllocationId,
  quotaAllocationModel,
} from '@opscycle/storage';

interface ContextInput {
  connection: mongoose.Connection;
  units: readonly OrgUnit[];
  approval: ApprovalState;
}
type CycleSubject = NonNullable<ReturnType<typeof parseCycleSubjectId>>;

const unavailable = (reason: string): ApprovalContext => ({ kind: 'unavailable', reason });

async function budgetContext(
  { connection, units, approval }: ContextInput,
  cycle: CycleSubject,
): Promise<ApprovalContext> {
  const stored = await loadPlanResult(connection, 'budgetPlan', cycle.cycleId);
  if (stored === null) return unavailable(`the budget of ${cycle.cycleId} is not computed yet`);
  const plan = BudgetPlan.parse(stored);
  const inUnit = (unitId: string) => isWithinScope(units, approval.orgUnitId, unitId);
  const lines = plan.lines.filter((line) => inUnit(line.unitId));
  const byCategory = new Map<(typeof lines)[number]['category'], number>();
  for (const line of lines)
    byCategory.set(line.category, (byCategory.get(line.category) ?? 0) + line.amountMinor);
  return {
    kind: 'budget',
    cycleId: cycle.cycleId,
    fiscalYear: cycle.fiscalYear,
    orgUnitId: approval.orgUnitId,
    currency: plan.currency,
    lines,
    totalMinor: lines.reduce((sum, line) => sum + line.amountMinor, 0),
    byCategory: [...byCategory].map(([category, amountMinor]) => ({ category, amountMinor })),
    roiBaseline: plan.roiBaseline.lines.filter((line) => inUnit(line.unitId)),
  } satisfies ApprovalContext;
}

async function quotaContext(
  { connection, approval }: ContextInput,
  cycle: CycleSubject,
): Promise<ApprovalContext> {
  const allocations = quotaAllocationModel(connection);
  const unitId = approval.orgUnitId;
  const [allocation, children, submission] = await Promise.all([
    allocations.findById(quotaAllocationId(cycle.cycleId, unitId), { _id: 0, cycleId: 0 }).lean(),
    allocations.find({ cycleId: cycle.cycleId, parentId: unitId }, { _id: 0, cycleId: 0 }).lean(),
    bottomUpSubmissionModel(connection).findById(bottomUpSubmissionId(cycle.cycleId, unitId)).lean(),
  ]);
  if (!allocation) return unavailable(`${cycle.cycleId} has no target for ${unitId} yet`);
  const target = QuotaAllocation.parse(allocation);
  return {
    kind: 'quota',
    cycleId: cycle.cycleId,
    fiscalYear: cycle.fiscalYear,
    orgUnitId: unitId,
    allocation: target,
    children: children
      .map((child) => QuotaAllocation.parse(child))
      .sort((a, b) => b.amountMinor - a.amountMinor),
    submission: submission
      ? {
          cycleId: submission.cycleId,
          fiscalYear: submission.fiscalYear,
          unitId: submission.unitId,
          submittedBy: submission.submittedBy,
          amountMinor: submission.amountMinor,
          currency: submission.currency,
          comment: submission.comment,
          submittedAt: new Date(submission.submittedAt).toISOString(),
        }
      : null,
    gapMinor: submission ? submission.amountMinor - target.amountMinor : null,
  } satisfies ApprovalContext;
}

async function staffingContext(
  { connection, units, approval }: ContextInput,
  cycle: CycleSubject,
): Promise<ApprovalContext> {
  const stored = await loadPlanResult(connection, 'staffingPlan', cycle.cycleId);
  if (stored === null) return unavailable(`the staffing plan of ${cycle.cycleId} is not computed yet`);
  const plan = StaffingPlan.parse(stored);
  const inUnit = (unitId: string) => isWithinScope(units, approval.orgUnitId, unitId);
  const lines = plan.lines.filter((line) => inUnit(line.unitId));
  return {
    kind: 'staffing',
    cycleId: cycle.cycleId,
    fiscalYear: cycle.fiscalYear,
    orgUnitId: approval.orgUnitId,
    currency: plan.currency,
    ramp: plan.ramp,
    lines,
    hiringPlan: plan.hiringPlan.filter((line) => inUnit(line.unitId)),
    currentHeadcount: lines.reduce((sum, line) => sum + line.currentHeadcount, 0),
    newHires: lines.reduce((sum, line) => sum + line.newHires, 0),
  } satisfies ApprovalContext;
}

async function payoutContext({ connection, approval }: ContextInput): Promise<ApprovalContext> {
  const runId = approval.subject.id;
  const statements = await loadStatements(connection, { runId });
  if (statements.length === 0) return unavailable(`payout run ${runId} has no statements`);
  const byLine = new Map<string, { amountMinor: number; payees: Set<string> }>();
  for (const statement of statements)
    for (const line of statement.lines) {
      const entry = byLine.get(line.lineKey) ?? { amountMinor: 0, payees: new Set<string>() };
      entry.amountMinor += line.amountMinor;
      entry.payees.add(statement.payeeId);
      byLine.set(line.lineKey, entry);
    }
  return {
    kind: 'payout',
    runId,
    payees: new Set(statements.map((s) => s.payeeId)).size,
    totalMinor: statements.reduce((sum, s) => sum + s.totalMinor, 0),
    currency: statements[0]?.currency ?? null,
    byLine: [...byLine].map(([lineKey, entry]) => ({
      lineKey,
      amountMinor: entry.amountMinor,
      payees: entry.payees.size,
    })),
  };
}

/** A cycle step's sign-off names its cycle and step in its subject id. */
const forCycleStep =
  (build: (input: ContextInput, cycle: CycleSubject) => Promise<ApprovalContext>) =>
  async (input: ContextInput): Promise<ApprovalContext> => {
    const cycle = parseCycleSubjectId(input.approval.subject.id);
    return cycle
      ? build(input, cycle)
      : unavailable(`${input.approval.subject.id} is not a cycle step's sign-off`);
  };

const CONTEXTS = {
  budget: forCycleStep(budgetContext),
  quota: forCycleStep(quotaContext),
  staffing: forCycleStep(staffingContext),
  payout: payoutContext,
  plan: () => Promise.resolve(unavailable('no context is kept for plan approvals')),
  inquiry: ({ approval }) =>
    Promise.resolve(
      unavailable(`inquiry ${approval.subject.id} is read and decided on the inquiries screen`),
    ),
} satisfies Record<ApprovalSubjectKind, (input: ContextInput) => Promise<ApprovalContext>>;

/** What the approver of `approval` needs to see next to the decision form. */
export function approvalContext(input: ContextInput): Promise<ApprovalContext> {
  return CONTEXTS[input.approval.subject.kind](input);
}
