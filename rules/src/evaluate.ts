import { DomainError, findFactsProblem } from '@opscycle/domain';
import type {
  CompiledRuleSet,
  IncentivePeriodInput,
  IncentivePeriodResult,
  PaidDeal,
  PayeeIncentiveResult,
  RoutingDecision,
  RuleSetKind,
  RuleTrace,
  SegmentDecision,
  StageDecision,
} from '@opscycle/domain';
import { decideStage } from './decisions/funnel';
import { decideRoute } from './decisions/routing';
import { decideSegment } from './decisions/segment';
import { runFast } from './engine/fast';
import { runJsonRulesEngine } from './engine/jsonRulesEngine';
import type { Facts } from './engine/ruleRun';
import type { PayeeContext } from './incentive/crediting';
import { creditPeriod } from './incentive/crediting';
import { payoutInRange } from './incentive/amountRange';
import { payeePayout } from './incentive/payee';

/**
 * Evaluation, per rule-set kind, in two flavours with identical results:
 * - `evaluateX` runs the conditions with json-rules-engine (the reference, async);
 * - `evaluateXSync` runs OpsCycle's closure-compiled evaluator (fast, proven equal by the
 *   differential test in engine/differential.test.ts).
 */
function assertKind(compiled: CompiledRuleSet, kind: RuleSetKind): void {
  if (compiled.kind !== kind)
    throw new DomainError(
      'RULES_KIND_MISMATCH',
      `rule set ${compiled.ruleSetId} is ${compiled.kind}, not ${kind}`,
    );
}

/**
 * Facts from outside are checked against the kind's catalog before any engine sees them: unknown
 * keys, wrong types, functions and missing required facts are refused, naming the fact.
 */
export function parseFacts(kind: RuleSetKind, facts: unknown): Facts {
  const problem = findFactsProblem(kind, facts);
  if (problem !== null) throw new DomainError('RULES_INVALID_FACTS', problem);
  return facts as Facts;
}

type Decide<R> = (compiled: CompiledRuleSet, traces: RuleTrace[]) => R;

function decisionEvaluators<R>(kind: RuleSetKind, decide: Decide<R>) {
  return {
    evaluate: async (compiled: CompiledRuleSet, facts: unknown): Promise<R> => {
      assertKind(compiled, kind);
      return decide(compiled, await runJsonRulesEngine(compiled, parseFacts(kind, facts)));
    },
    evaluateSync: (compiled: CompiledRuleSet, facts: unknown): R => {
      assertKind(compiled, kind);
      return decide(compiled, runFast(compiled, parseFacts(kind, facts)));
    },
  };
}

const routing = decisionEvaluators<RoutingDecision>('approvalRouting', decideRoute);
const discount = decisionEvaluators<RoutingDecision>('discountAuthority', decideRoute);
const funnel = decisionEvaluators<StageDecision>('funnelStage', decideStage);
const segment = decisionEvaluators<SegmentDecision>('customerSegment', decideSegment);

/** Budget approval routing: facts (amount, category, unitId, unitKind, requesterRole) -> approval chain. */
export const evaluateApprovalRouting = routing.evaluate;
export const evaluateApprovalRoutingSync = routing.evaluateSync;
/** Discount authority: deal facts (discountPct, dealAmount, ...) -> who must approve, in order. */
export const evaluateDiscountAuthority = discount.evaluate;
export const evaluateDiscountAuthoritySync = discount.evaluateSync;
/** Funnel stage criteria: a deal's qualification facts -> stage reached and what the next one lacks. */
export const evaluateFunnelStage = funnel.evaluate;
export const evaluateFunnelStageSync = funnel.evaluateSync;
/** Customer segmentation: customer facts -> one segment per dimension. */
export const evaluateCustomerSegment = segment.evaluate;
export const evaluateCustomerSegmentSync = segment.evaluateSync;

/** A period's result from its payees' results (the period total in payout range). */
export function periodResult(
  compiled: CompiledRuleSet,
  periodId: string,
  payees: PayeeIncentiveResult[],
): IncentivePeriodResult {
  return {
    ruleSetId: compiled.ruleSetId,
    graphVersion: compiled.graphVersion,
    periodId,
    currency: compiled.currency ?? 'XXX',
    payees,
    totalMinor: payoutInRange(
      payees.reduce((sum, p) => sum + p.totalMinor, 0),
      `period ${periodId}: the total`,
    ),
  };
}

function planCurrency(compiled: CompiledRuleSet): string {
  assertKind(compiled, 'incentive');
  if (!compiled.currency)
    throw new DomainError('RULES_INVALID_GRAPH', `plan ${compiled.ruleSetId} has no currency`);
  return compiled.currency;
}

/**
 * A period's payout for every payee: deal lines are credited (split credit, refunds), facts derived,
 * the plan's rules run per payee with json-rules-engine, and payout lines computed with their trace.
 * Draw balances and the rates earlier deals were paid at come in explicitly (`priorState`, `paidDeals`).
 */
export async function evaluateIncentive(
  compiled: CompiledRuleSet,
  input: IncentivePeriodInput,
): Promise<IncentivePeriodResult> {
  const credited = creditPeriod(input, planCurrency(compiled));
  const payees: PayeeIncentiveResult[] = [];
  for (const ctx of credited.payees) {
    const traces = await runJsonRulesEngine(compiled, ctx.facts);
    payees.push(payeePayout(compiled, ctx, traces, credited.paidDeals, credited.period.id));
  }
  return periodResult(compiled, credited.period.id, payees);
}

export function evaluateIncentiveSync(
  compiled: CompiledRuleSet,
  input: IncentivePeriodInput,
): IncentivePeriodResult {
  const credited = creditPeriod(input, planCurrency(compiled));
  const payees = credited.payees.map((ctx) =>
    payeePayout(compiled, ctx, runFast(compiled, ctx.facts), credited.paidDeals, credited.period.id),
  );
  return periodResult(compiled, credited.period.id, payees);
}

const NO_PAID_DEALS: ReadonlyMap<string, PaidDeal> = new Map();

/**
 * One payee whose facts are already known (no deal lines to credit): what the benchmark and
 * what-if tools evaluate. Facts are parsed against the incentive catalog.
 */
export async function evaluatePayee(
  compiled: CompiledRuleSet,
  payee: PayeeEvaluation,
): Promise<PayeeIncentiveResult> {
  planCurrency(compiled);
  const ctx = payeeContext(payee);
  return payeePayout(
    compiled,
    ctx,
    await runJsonRulesEngine(compiled, ctx.facts),
    NO_PAID_DEALS,
    payee.periodId,
  );
}

export function evaluatePayeeSync(compiled: CompiledRuleSet, payee: PayeeEvaluation): PayeeIncentiveResult {
  planCurrency(compiled);
  const ctx = payeeContext(payee);
  return payeePayout(compiled, ctx, runFast(compiled, ctx.facts), NO_PAID_DEALS, payee.periodId);
}

export interface PayeeEvaluation {
  payeeId: string;
  periodId: string;
  facts: Record<string, unknown>;
  drawBalanceMinor?: number;
}

function payeeContext(payee: PayeeEvaluation): PayeeContext {
  return {
    payeeId: payee.payeeId,
    facts: { ...parseFacts('incentive', payee.facts) },
    credited: [],
    refunds: [],
    priorState: { drawBalanceMinor: payee.drawBalanceMinor ?? 0 },
  };
}
