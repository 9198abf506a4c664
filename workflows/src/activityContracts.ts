/**
 * The activities workflows call, as types only: the worker implements them (`satisfies`), the
 * workflows proxy them. Activities read Mongo and evaluate rules; workflows pass ids and versions.
 */
import type {
  ApprovalChain,
  ApprovalFacts,
  ApprovalOutcome,
  ApprovalRequest,
  ApprovalRouting,
  ApprovalState,
  AuditEntry,
  CycleProgress,
  CycleStep,
  OrgUnit,
  PartitionSummary,
  PinnedRuleSet,
  InquiryLine,
  InquiryResolution,
  InquiryState,
} from '@opscycle/domain';

/** An audit entry as a workflow writes it: the time is the workflow's (deterministic) clock. */
export type WorkflowAuditEntry = Omit<AuditEntry, 'at'> & { at: string };

export interface ResolveApprovalChainInput {
  approvalId: string;
  round: number;
  subjectKind: ApprovalRequest['subject']['kind'];
  routing: ApprovalRouting;
  facts: ApprovalFacts;
  amountMinor?: number;
  orgUnitId: string;
  submittedBy: string;
}

export interface ApprovalActivities {
  /** Evaluates the routing (rule set or fixed roles) into levels of approvers, never including the submitter. */
  resolveApprovalChain(input: ResolveApprovalChainInput): Promise<ApprovalChain>;
  recordAudit(entry: WorkflowAuditEntry): Promise<void>;
  /** Mirrors the approval into Mongo so the API lists "my pending approvals" without scanning Temporal. */
  saveApprovalState(state: ApprovalState): Promise<void>;
  sendApprovalReminder(input: {
    approvalId: string;
    round: number;
    level: number;
    reminder: number;
    assigneeIds: string[];
  }): Promise<void>;
}

export interface CycleStepInput {
  cycleId: string;
  fiscalYear: number;
  orgId: string;
  step: CycleStep;
  /** The org unit the step runs for: the root unit for company-scoped steps. */
  orgUnitId: string;
  /** performanceReview only: the period reviewed. */
  period?: string;
}

export interface CycleStepResult {
  /** Facts the step's approval routes on (e.g. the budget total) and that the API shows. */
  facts: ApprovalFacts;
  amountMinor?: number;
  summary: string;
}

export interface PublishIncentivePlansInput {
  cycleId: string;
  fiscalYear: number;
  orgId: string;
  /** The units the cycle pinned at start: their reps get a plan. */
  orgUnitIds: string[];
  incentivePlanId: string;
  incentiveRuleSet: PinnedRuleSet;
  currency: string;
  publishedBy: string;
  /** Workflow time of the publication (deterministic, also the audit time). */
  at: string;
}

export interface PublishIncentivePlansResult {
  /** Every rep who has a plan now, sorted. */
  repIds: string[];
  /** Those who acknowledged already (a re-publication after a restart finds them). */
  acknowledgedIds: string[];
}

export interface CloseYearInput {
  cycleId: string;
  fiscalYear: number;
  orgId: string;
  /** The org as the cycle pinned it: summaries roll up along these parents. */
  orgUnits: OrgUnit[];
  incentivePlanId: string;
  currency: string;
  closedBy: string;
  at: string;
}

export interface CycleActivities {
  /** Pins the incentive rule-set version to every rep's plan of the year, audited; idempotent. */
  publishIncentivePlans(input: PublishIncentivePlansInput): Promise<PublishIncentivePlansResult>;
  /** Stores each unit's year summary (target, actual, paid out), locks the year's plans, audited. */
  closeYear(input: CloseYearInput): Promise<CycleStepResult>;
  /** Runs one step's computation for one unit (planning activities) and stores its result. */
  runCycleStep(input: CycleStepInput): Promise<CycleStepResult>;
  /** Mirrors the cycle's progress into Mongo for listings and dashboards. */
  saveCycleProgress(progress: CycleProgress): Promise<void>;
}

export interface PayoutPartitionInput {
  runId: string;
  planId: string;
  period: string;
  revision: number;
  incentiveRuleSet: PinnedRuleSet;
  currency: string;
  partition: number;
  partitionCount: number;
  /** Chunks of the run's deal snapshot this partition reads; absent for runs started before it. */
  dealChunks?: number;
}

export interface PayoutDealSnapshotInput {
  runId: string;
  period: string;
  partitionCount: number;
}

export interface PayoutDealSnapshot {
  /** Deals of the period read once for the whole run. */
  deals: number;
  /** Chunks written per partition, indexed by partition. */
  chunks: number[];
}

export interface PayoutActivities {
  /** Reads the period's deals once and stores each partition's share, so partitions read by key. */
  snapshotPayoutDeals(input: PayoutDealSnapshotInput): Promise<PayoutDealSnapshot>;
  /** Deletes the run's deal snapshot once every partition's statements are stored. */
  dropPayoutDealSnapshot(input: { runId: string }): Promise<void>;
  /**
   * Computes the statements of one partition's payees and stores them keyed by (run, payee): a retry
   * overwrites, never adds. Later revisions store only the differences to what was exported before.
   */
  computePayoutPartition(input: PayoutPartitionInput): Promise<PartitionSummary>;
  /**
   * Exports one partition exactly once per (plan, period, payee, revision): CSV + signed webhook.
   * Payees finance holds are left out (`held`) and paid by a later revision once released.
   */
  exportPayoutPartition(
    input: PayoutPartitionInput,
  ): Promise<{ exported: number; alreadyExported: number; held?: number }>;
  recordAudit(entry: WorkflowAuditEntry): Promise<void>;
}

export interface SettleInquiryInput {
  inquiryId: string;
  approvalId: string;
  line: InquiryLine;
  comment: string;
  orgUnitId: string;
  outcome: ApprovalOutcome;
}

export interface InquiryActivities {
  /** Writes the inquiry's status and assignees over its stored record. */
  saveInquiryState(state: InquiryState): Promise<void>;
  /**
   * Reads the resolver's answer from the finished approval, records an accepted amount as a manual
   * adjustment (idempotent by inquiry id) and audits the resolution.
   */
  settleInquiry(input: SettleInquiryInput): Promise<InquiryResolution>;
  recordAudit(entry: WorkflowAuditEntry): Promise<void>;
}
