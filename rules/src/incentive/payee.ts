import { AMOUNT_COMPONENT_KINDS } from '@opscycle/domain';
import type {
  CompiledRuleSet,
  IncentivePayoutLine,
  PaidDeal,
  PayeeIncentiveResult,
  PayoutStep,
  RuleTrace,
} from '@opscycle/domain';
import type { AnyDecision } from '../decisions/decisionIndex';
import { decisionsOf } from '../decisions/decisionIndex';
import { describeConditions } from '../decisions/describe';
import { payoutInRange, roundedLine } from './amountRange';
import type { AmountDecision } from './components';
import { componentAmount } from './components';
import type { PayeeContext } from './crediting';
import { paidDealKey } from './crediting';
import { formatMinor, formatRate } from './format';

interface PlanShape {
  /** Where each rule's trace sits in the (name-sorted) trace array both engines return. */
  slot: Map<string, number>;
  amounts: AmountDecision[];
  clawbacks: Extract<AnyDecision, { kind: 'clawback' }>[];
  draw: Extract<AnyDecision, { kind: 'draw' }> | undefined;
  decisions: Map<string, AnyDecision>;
}
const shapes = new WeakMap<CompiledRuleSet, PlanShape>();

function planShape(compiled: CompiledRuleSet): PlanShape {
  let shape = shapes.get(compiled);
  if (!shape) {
    const decisions = decisionsOf(compiled);
    const all = [...decisions.values()];
    const byComponent = (a: { data: { component: string } }, b: { data: { component: string } }) =>
      a.data.component < b.data.component ? -1 : 1;
    const names = compiled.rules.map((r) => r.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    shape = {
      slot: new Map(names.map((name, i) => [name, i])),
      decisions,
      amounts: all
        .filter((d): d is AmountDecision => (AMOUNT_COMPONENT_KINDS as readonly string[]).includes(d.kind))
        .sort(byComponent),
      clawbacks: all.filter((d) => d.kind === 'clawback').sort(byComponent),
      draw: all.find((d) => d.kind === 'draw'),
    };
    shapes.set(compiled, shape);
  }
  return shape;
}

/** Components whose amount is a rate on the payee's revenue: a refund reverses them per deal. */
function paysOnRevenue(d: AmountDecision): boolean {
  if (d.kind === 'rateTimesBase') return d.base?.fact === 'revenue' && d.base.path === undefined;
  if (d.kind === 'tierTable') {
    const base = d.base ?? d.measure;
    return base?.fact === 'revenue' && base.path === undefined;
  }
  return false;
}

/**
 * One payee's payout lines for the period from the fired rules. Each line is rounded once with
 * roundMinor (and must stay in range); draws act on the rounded earnings; the result records the effective rate each credited
 * deal was paid at, which a later period's clawback uses.
 */
export function payeePayout(
  compiled: CompiledRuleSet,
  ctx: PayeeContext,
  traces: RuleTrace[],
  paidDeals: ReadonlyMap<string, PaidDeal>,
  periodId: string,
): PayeeIncentiveResult {
  const currency = compiled.currency ?? 'XXX';
  const shape = planShape(compiled);
  const draw = shape.draw;
  const lines: IncentivePayoutLine[] = [];
  const traceOf = (nodeId: string) => traces[shape.slot.get(nodeId)!]!;
  let revenueBased = 0;
  for (const d of shape.amounts) {
    const trace = traceOf(d.nodeId);
    const lineKind = d.kind === 'spif' ? 'spif' : 'component';
    if (!trace.fired) {
      pushLine(
        lines,
        ctx.payeeId,
        currency,
        d,
        lineKind,
        0,
        false,
        () => [`${d.data.component}: not earned, needs ${describeConditions(trace.conditions)}`],
        [trace],
        [],
      );
      continue;
    }
    const component = componentAmount(d, ctx, currency);
    const { steps } = component;
    const rules = [trace];
    let amount = component.amount;
    for (const modifierId of d.modifiers) {
      const modifier = shape.decisions.get(modifierId);
      const mt = traceOf(modifierId);
      rules.push(mt);
      if (!mt.fired) continue;
      if (modifier?.kind === 'multiplier') {
        amount *= modifier.data.factor;
        steps.push({ nodeId: modifierId, op: 'multiplier', amount, rate: modifier.data.factor });
      } else if (modifier?.kind === 'cap') {
        const limit = capLimit(modifier.data, ctx.facts.targetIncentive);
        if (amount > limit) amount = limit;
        steps.push({ nodeId: modifierId, op: 'cap', amount, limit });
      }
    }
    if (paysOnRevenue(d)) revenueBased += amount;
    const amountMinor = roundedLine(amount, `payee ${ctx.payeeId}: ${d.data.component} (node ${d.nodeId})`);
    pushLine(
      lines,
      ctx.payeeId,
      currency,
      d,
      lineKind,
      amountMinor,
      true,
      () => [
        `${d.data.component}: ${describeConditions(trace.conditions)}`,
        ...component.explain(),
        ...d.modifiers.map((modifierId, i) =>
          explainModifier(shape.decisions.get(modifierId), rules[i + 1]!, steps, currency),
        ),
        `= ${formatMinor(amountMinor, currency)} (rounded once, half away from zero)`,
      ],
      rules,
      steps,
    );
  }

  // A refund is clawed back once: by the first fired clawback (validation allows one per plan; a
  // rule set stored before that rule may carry two).
  const clawedBack = new Set<string>();
  for (const d of shape.clawbacks) {
    const trace = traceOf(d.nodeId);
    if (!trace.fired) continue;
    for (const refund of ctx.refunds) {
      const paid = paidDeals.get(paidDealKey(refund.dealId, ctx.payeeId));
      if (!paid || clawedBack.has(refund.dealId)) continue; // never paid, or already clawed back
      clawedBack.add(refund.dealId);
      const amount = -refund.refundedMinor * paid.rate;
      const amountMinor = roundedLine(
        amount,
        `payee ${ctx.payeeId}: ${d.data.component} of deal ${refund.dealId} (node ${d.nodeId})`,
      );
      const explain = () => [
        `${d.data.component}: deal ${refund.dealId} refunded on ${refund.refundedOn}`,
        `refund ${formatMinor(refund.refundedMinor, currency)} (credit share ${refund.share}) × ${formatRate(paid.rate)} paid in ${paid.periodId} = ${formatMinor(amountMinor, currency)}`,
      ];
      const step: PayoutStep = {
        nodeId: d.nodeId,
        op: 'clawback',
        amount,
        quantity: refund.refundedMinor,
        rate: paid.rate,
        dealId: refund.dealId,
      };
      pushLine(
        lines,
        ctx.payeeId,
        currency,
        d,
        'clawback',
        amountMinor,
        true,
        explain,
        [trace],
        [step],
        refund.dealId,
      );
    }
  }

  const drawBalanceMinor = draw
    ? payDraw(draw, traceOf(draw.nodeId), ctx, lines, currency)
    : ctx.priorState.drawBalanceMinor;

  const revenue = typeof ctx.facts.revenue === 'number' ? ctx.facts.revenue : 0;
  const rate = revenue > 0 ? revenueBased / revenue : 0;
  return {
    payeeId: ctx.payeeId,
    currency,
    lines,
    totalMinor: payoutInRange(
      lines.reduce((sum, l) => sum + l.amountMinor, 0),
      `payee ${ctx.payeeId}: the total`,
    ),
    facts: ctx.facts,
    paidDeals: ctx.credited.map((deal) => ({ dealId: deal.dealId, payeeId: ctx.payeeId, periodId, rate })),
    nextState: { drawBalanceMinor },
  };
}

/**
 * The draw's line and the balance carried on. While the draw's conditions hold it guarantees its
 * amount: earnings below it are topped up (a recoverable top-up adds to the balance) and earnings
 * above it recover the balance. Once they stop holding (a new hire's first months are over) nothing
 * is guaranteed, and a recoverable balance is recovered from all positive earnings until repaid.
 */
function payDraw(
  draw: Extract<AnyDecision, { kind: 'draw' }>,
  trace: RuleTrace,
  ctx: PayeeContext,
  lines: IncentivePayoutLine[],
  currency: string,
): number {
  let drawBalanceMinor = ctx.priorState.drawBalanceMinor;
  const earnings = lines.reduce((sum, l) => sum + l.amountMinor, 0);
  const { drawType, component } = draw.data;
  const guaranteed = trace.fired ? draw.data.amountMinor : 0;
  const rules = [trace];
  if (trace.fired && earnings < guaranteed) {
    const topUp = guaranteed - earnings;
    if (drawType === 'recoverable') drawBalanceMinor += topUp;
    const balance = drawBalanceMinor;
    pushLine(
      lines,
      ctx.payeeId,
      currency,
      draw,
      'drawTopUp',
      topUp,
      true,
      () => [
        `${component}: earnings ${formatMinor(earnings, currency)} below the ${drawType} draw of ${formatMinor(guaranteed, currency)}, top-up ${formatMinor(topUp, currency)}`,
        drawType === 'recoverable'
          ? `to recover from later earnings; balance now ${formatMinor(balance, currency)}`
          : 'not recovered later',
      ],
      rules,
      [{ nodeId: draw.nodeId, op: 'draw', amount: topUp, quantity: earnings, limit: guaranteed }],
    );
  } else if (drawType === 'recoverable' && drawBalanceMinor > 0) {
    const recovery = Math.min(drawBalanceMinor, earnings - guaranteed);
    if (recovery > 0) {
      drawBalanceMinor -= recovery;
      const balance = drawBalanceMinor;
      const from = trace.fired
        ? `earnings above ${formatMinor(guaranteed, currency)}`
        : `earnings (no longer guaranteed: needs ${describeConditions(trace.conditions)})`;
      pushLine(
        lines,
        ctx.payeeId,
        currency,
        draw,
        'drawRecovery',
        -recovery,
        true,
        () => [
          `${component}: recovers ${formatMinor(recovery, currency)} of earlier draws from ${from}`,
          `balance now ${formatMinor(balance, currency)}`,
        ],
        rules,
        [{ nodeId: draw.nodeId, op: 'draw', amount: -recovery, quantity: earnings, limit: guaranteed }],
      );
    }
  }
  return drawBalanceMinor;
}

function capLimit(
  cap: { maxMinor?: number | undefined; pctOfTargetIncentive?: number | undefined },
  target: unknown,
): number {
  let limit = cap.maxMinor ?? Number.POSITIVE_INFINITY;
  if (cap.pctOfTargetIncentive !== undefined && typeof target === 'number')
    limit = Math.min(limit, cap.pctOfTargetIncentive * target);
  return limit;
}

function explainModifier(
  modifier: AnyDecision | undefined,
  trace: RuleTrace,
  steps: PayoutStep[],
  currency: string,
): string {
  if (!modifier || (modifier.kind !== 'multiplier' && modifier.kind !== 'cap')) return '';
  const name = modifier.data.label ?? modifier.nodeId;
  if (!trace.fired) return `${name} not applied: needs ${describeConditions(trace.conditions)}`;
  const step = steps.find((s) => s.nodeId === modifier.nodeId);
  if (modifier.kind === 'multiplier')
    return `${name}: × ${modifier.data.factor} = ${formatMinor(step?.amount ?? 0, currency)}`;
  const limit = step?.limit ?? 0;
  const applied = (step?.amount ?? 0) >= limit;
  return `${name}: cap ${formatMinor(limit, currency)}${applied ? ` applied, pays ${formatMinor(limit, currency)}` : ' not reached'}`;
}

/** Adds a payout line; `explain` renders its sentences from the values the amount was computed from. */
function pushLine(
  lines: IncentivePayoutLine[],
  payeeId: string,
  currency: string,
  d: { nodeId: string; data: { component: string } },
  lineKind: IncentivePayoutLine['lineKind'],
  amountMinor: number,
  earned: boolean,
  explain: () => string[],
  rules: RuleTrace[],
  steps: PayoutStep[],
  dealId?: string,
): void {
  const line: IncentivePayoutLine = {
    lineKey: dealId === undefined ? d.nodeId : `${d.nodeId}:${dealId}`,
    payeeId,
    componentId: d.nodeId,
    component: d.data.component,
    lineKind,
    amountMinor,
    currency,
    earned,
    explanation: explain(),
    trace: { rules, steps },
  };
  if (dealId !== undefined) line.dealId = dealId;
  lines.push(line);
}
