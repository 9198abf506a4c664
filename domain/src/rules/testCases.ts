import { z } from 'zod';
import { MinorUnits } from '../money';
import { Id } from '../org';
import { IncentivePeriodResult, RoutingDecision, SegmentDecision, StageDecision } from './evaluation';
import { ApproverStep } from './nodeData';

/**
 * Plans tested like code: a rule set carries cases (an input and what it must produce) that run on
 * every validation and must all pass before a version is published. Cases compare amounts,
 * approvers, stages and segments by id, never explanation text (which is worded per language).
 */

/** What a simulation answered, per rule-set kind (the API's simulate response). */
export const SimulationResult = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('incentive'), result: IncentivePeriodResult }),
  z.object({ kind: z.enum(['approvalRouting', 'discountAuthority']), result: RoutingDecision }),
  z.object({ kind: z.literal('funnelStage'), result: StageDecision }),
  z.object({ kind: z.literal('customerSegment'), result: SegmentDecision }),
]);
export type SimulationResult = z.infer<typeof SimulationResult>;

/** One payout line a case expects: which payee, which component node (and deal, for per-deal lines). */
export const ExpectedPayoutLine = z.object({
  payeeId: Id,
  componentId: Id,
  dealId: z.string().min(1).max(120).optional(),
  amountMinor: MinorUnits,
});
export type ExpectedPayoutLine = z.infer<typeof ExpectedPayoutLine>;

export const TEST_CASE_LIMITS = { cases: 100, lines: 500, approvers: 50 } as const;

/** What a case expects, in the shape of its rule set's kind; also what a run actually produced. */
export const RuleTestExpectation = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('incentive'),
    /** A line absent here is expected to pay 0 (unearned lines need not be listed). */
    lines: z.array(ExpectedPayoutLine).max(TEST_CASE_LIMITS.lines),
    totalMinor: MinorUnits,
  }),
  z.object({
    kind: z.enum(['approvalRouting', 'discountAuthority']),
    /** The approval chain in order; empty when nobody beyond the requester approves. */
    approvers: z.array(ApproverStep).max(TEST_CASE_LIMITS.approvers),
  }),
  z.object({ kind: z.literal('funnelStage'), stage: z.string().max(200).nullable() }),
  z.object({
    kind: z.literal('customerSegment'),
    /** Segment per dimension. */
    segments: z.record(z.string(), z.string()),
  }),
]);
export type RuleTestExpectation = z.infer<typeof RuleTestExpectation>;

export const RuleTestCase = z.object({
  id: Id,
  name: z.string().trim().min(1).max(200),
  /**
   * What the simulator is given: an IncentivePeriodInput for incentive plans, the kind's facts
   * otherwise. Kept loose here so a wrong input is reported by the validator naming the case,
   * not refused as a shapeless schema error on the whole graph.
   */
  input: z.record(z.string(), z.unknown()),
  expected: RuleTestExpectation,
});
export type RuleTestCase = z.infer<typeof RuleTestCase>;

/** One way a run differed from its case's expectation. */
export const RuleTestDifference = z.discriminatedUnion('what', [
  z.object({
    what: z.literal('line'),
    payeeId: z.string(),
    componentId: z.string(),
    dealId: z.string().optional(),
    expectedMinor: z.number().int(),
    actualMinor: z.number().int(),
  }),
  z.object({ what: z.literal('total'), expectedMinor: z.number().int(), actualMinor: z.number().int() }),
  z.object({
    what: z.literal('approvers'),
    expected: z.array(ApproverStep),
    actual: z.array(ApproverStep),
  }),
  z.object({ what: z.literal('stage'), expected: z.string().nullable(), actual: z.string().nullable() }),
  z.object({
    what: z.literal('segment'),
    dimension: z.string(),
    expected: z.string().nullable(),
    actual: z.string().nullable(),
  }),
]);
export type RuleTestDifference = z.infer<typeof RuleTestDifference>;

/** A case's outcome: what differed, and what the run produced (null when the input was refused). */
export const RuleTestResult = z.object({
  caseId: z.string(),
  name: z.string(),
  passed: z.boolean(),
  differences: z.array(RuleTestDifference),
  actual: RuleTestExpectation.nullable(),
  /** Why the case could not run (its input or expectation is wrong), when it could not. */
  error: z.string().optional(),
});
export type RuleTestResult = z.infer<typeof RuleTestResult>;

/**
 * A simulation's answer in a case's terms: what "save as test case" stores as expected, and what
 * a run is compared on. Every payout line is kept (zero ones too), so editing one is possible.
 */
export function expectationOf(simulation: SimulationResult): RuleTestExpectation {
  switch (simulation.kind) {
    case 'incentive':
      return {
        kind: 'incentive',
        lines: simulation.result.payees.flatMap((payee) =>
          payee.lines.map((line) => ({
            payeeId: line.payeeId,
            componentId: line.componentId,
            ...(line.dealId !== undefined ? { dealId: line.dealId } : {}),
            amountMinor: line.amountMinor,
          })),
        ),
        totalMinor: simulation.result.totalMinor,
      };
    case 'approvalRouting':
    case 'discountAuthority':
      return { kind: simulation.kind, approvers: simulation.result.approvers.map(approverKey) };
    case 'funnelStage':
      return { kind: 'funnelStage', stage: simulation.result.stage };
    case 'customerSegment':
      return {
        kind: 'customerSegment',
        segments: Object.fromEntries(
          Object.entries(simulation.result.segments).map(([dimension, s]) => [dimension, s.segment]),
        ),
      };
  }
}

/** The part of an approver step that decides who approves (the label is display only). */
export function approverKey(step: ApproverStep): ApproverStep {
  return {
    ...(step.role !== undefined ? { role: step.role } : {}),
    ...(step.position !== undefined ? { position: step.position } : {}),
    ...(step.orgLevel !== undefined ? { orgLevel: step.orgLevel } : {}),
  };
}
