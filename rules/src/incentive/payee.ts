import { AMOUNT_COMPONENT_KINDS, roundMinor } from '@opscycle/domain';
import type {
  CompiledRuleSet,
  IncentivePayoutLine,
  PaidDeal,
  PayeeIncentiveResult,
  PayoutStep,
  RuleTrace,
} from '@opscycle/domain';
import type { AnyDecision } from '../decisions/decisionIndex';
import { decisionsOf, traceIndex } from '../decisions/decisionIndex';
import { describeConditions } from '../decisions/describe';
import type { AmountDecision } from './components';
import { componentAmount } from './components';
import type { PayeeContext } from './crediting';
import { paidDealKey } from './crediting';
import { formatMinor, formatRate } from './format';

interface PlanShape {
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
    shape = {
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
 * roundMinor; draws act on the rounded earnings; the result records the effective rate each credited
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
  const byNode = traceIndex(traces);
  const money = (v: number) => formatMinor(v, currency);
  const lines: IncentivePayoutLine[] = [];
  const line = (
    d: { nodeId: string; data: { component: string } },
    lineKind: IncentivePayoutLine['lineKind'],
    amountMinor: number,
    earned: boolean,
    explanation: string[],
    rules: RuleTrace[],
    steps: PayoutStep[],
    dealId?: string,
  ) => {
    const l: IncentivePayoutLine = {
      lineKey: dealId === undefined ? d.nodeId : `${d.nodeId}:${dealId}`,
      payeeId: ctx.payeeId,
      componentId: d.nodeId,
      component: d.data.component,
      lineKind,
      amountMinor,
      currency,
      earned,
      explanation,
      trace: { rules, steps },
    };
    if (dealId !== undefined) l.dealId = dealId;
    lines.push(l);
  };

  let revenueBased = 0;
  for (const d of shape.amounts) {
    const trace = byNode.get(d.nodeId)!;
    const rules = [trace];
    if (!trace.fired) {
      line(
        d,
        d.kind === 'spif' ? 'spif' : 'component',
        0,
        false,
        [`${d.data.component}: not earned, needs ${describeConditions(trace.conditions)}`],
        rules,
        [],
      );
      continue;
    }
    const { amount: base, steps, explanation } = componentAmount(d, ctx, currency);
    explanation.unshift(`${d.data.component}: ${describeConditions(trace.conditions)}`);
    let amount = base;
    for (const modifierId of d.modifiers) {
      const modifier = shape.decisions.get(modifierId);
      const mt = byNode.get(modifierId)!;
      rules.push(mt);
      if (!modifier || (modifier.kind !== 'multiplier' && modifier.kind !== 'cap')) continue;
      const name = modifier.data.label ?? modifier.nodeId;
      if (!mt.fired) {
        explanation.push(`${name} not applied: needs ${describeConditions(mt.conditions)}`);
        continue;
      }
      if (modifier.kind === 'multiplier') {
        amount *= modifier.data.factor;
        explanation.push(`${name}: × ${modifier.data.factor} = ${money(amount)}`);
        steps.push({ nodeId: modifierId, op: 'multiplier', detail: `× ${modifier.data.factor}`, amount });
      } else {
        const limits = [modifier.data.maxMinor];
        const target = ctx.facts.targetIncentive;
        if (modifier.data.pctOfTargetIncentive !== undefined && typeof target === 'number')
          limits.push(modifier.data.pctOfTargetIncentive * target);
        const limit = Math.min(...limits.filter((l): l is number => l !== undefined));
        const capped = amount > limit;
        if (capped) amount = limit;
        explanation.push(
          `${name}: cap ${money(limit)}${capped ? ` applied, pays ${money(amount)}` : ' not reached'}`,
        );
        steps.push({
          nodeId: modifierId,
          op: 'cap',
          detail: `cap ${limit}${capped ? ' applied' : ''}`,
          amount,
        });
      }
    }
    if (paysOnRevenue(d)) revenueBased += amount;
    const amountMinor = roundMinor(amount);
    explanation.push(`= ${money(amountMinor)} (rounded once, half away from zero)`);
    line(d, d.kind === 'spif' ? 'spif' : 'component', amountMinor, true, explanation, rules, steps);
  }

  for (const d of shape.clawbacks) {
    const trace = byNode.get(d.nodeId)!;
    if (!trace.fired) continue;
    for (const refund of ctx.refunds) {
      const paid = paidDeals.get(paidDealKey(refund.dealId, ctx.payeeId));
      if (!paid) continue; // never paid, so nothing to claw back
      const amount = -refund.refundedMinor * paid.rate;
      const amountMinor = roundMinor(amount);
      line(
        d,
        'clawback',
        amountMinor,
        true,
        [
          `${d.data.component}: deal ${refund.dealId} refunded on ${refund.refundedOn}`,
          `refund ${money(refund.refundedMinor)} (credit share ${refund.share}) × ${formatRate(paid.rate)} paid in ${paid.periodId} = ${money(amountMinor)}`,
        ],
        [trace],
        [{ nodeId: d.nodeId, op: 'clawback', detail: `deal ${refund.dealId} at ${paid.rate}`, amount }],
        refund.dealId,
      );
    }
  }

  let drawBalanceMinor = ctx.priorState.drawBalanceMinor;
  const earnings = lines.reduce((sum, l) => sum + l.amountMinor, 0);
  const draw = shape.draw;
  if (draw && byNode.get(draw.nodeId)?.fired) {
    const { amountMinor: guaranteed, drawType } = draw.data;
    const rules = [byNode.get(draw.nodeId)!];
    if (earnings < guaranteed) {
      const topUp = guaranteed - earnings;
      if (drawType === 'recoverable') drawBalanceMinor += topUp;
      line(
        draw,
        'drawTopUp',
        topUp,
        true,
        [
          `${draw.data.component}: earnings ${money(earnings)} below the ${drawType} draw of ${money(guaranteed)}, top-up ${money(topUp)}`,
          drawType === 'recoverable'
            ? `to recover from later earnings; balance now ${money(drawBalanceMinor)}`
            : 'not recovered later',
        ],
        rules,
        [{ nodeId: draw.nodeId, op: 'draw', detail: `top-up to ${guaranteed}`, amount: topUp }],
      );
    } else if (drawType === 'recoverable' && drawBalanceMinor > 0) {
      const recovery = Math.min(drawBalanceMinor, earnings - guaranteed);
      if (recovery > 0) {
        drawBalanceMinor -= recovery;
        line(
          draw,
          'drawRecovery',
          -recovery,
          true,
          [
            `${draw.data.component}: recovers ${money(recovery)} of earlier draws from earnings above ${money(guaranteed)}`,
            `balance now ${money(drawBalanceMinor)}`,
          ],
          rules,
          [{ nodeId: draw.nodeId, op: 'draw', detail: `recover ${recovery}`, amount: -recovery }],
        );
      }
    }
  }

  const revenue = typeof ctx.facts.revenue === 'number' ? ctx.facts.revenue : 0;
  const rate = revenue > 0 ? revenueBased / revenue : 0;
  return {
    payeeId: ctx.payeeId,
    currency,
    lines,
    totalMinor: lines.reduce((sum, l) => sum + l.amountMinor, 0),
    facts: ctx.facts,
    paidDeals: ctx.credited.map((deal) => ({ dealId: deal.dealId, payeeId: ctx.payeeId, periodId, rate })),
    nextState: { drawBalanceMinor },
  };
}
