import type { PayoutStep } from '@opscycle/domain';
import type { AnyDecision } from '../decisions/decisionIndex';
import { readFact } from '../factPath';
import type { PayeeContext } from './crediting';
import { formatMinor, formatRate } from './format';
import { payTiers } from './tiers';

export type AmountKind = 'tierTable' | 'rateTimesBase' | 'fixedAmount' | 'weightedMeasures' | 'spif';
export type AmountDecision = Extract<AnyDecision, { kind: AmountKind }>;

export interface ComponentAmount {
  amount: number;
  steps: PayoutStep[];
  explanation: string[];
}

function num(ctx: PayeeContext, ref: { fact: string; path?: string | undefined }): number {
  const value = readFact(ctx.facts, ref.fact, ref.path);
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function refName(ref: { fact: string; path?: string | undefined }): string {
  return ref.path ? `${ref.fact}${ref.path.slice(1)}` : ref.fact;
}

/** The unrounded amount a fired payout component earns, with its steps (modifiers come after). */
export function componentAmount(d: AmountDecision, ctx: PayeeContext, currency: string): ComponentAmount {
  const money = (v: number) => formatMinor(v, currency);
  switch (d.kind) {
    case 'tierTable': {
      const measureRef = d.measure ?? { fact: 'revenue' };
      const baseRef = d.base ?? measureRef;
      const measure = num(ctx, measureRef);
      const base = d.base ? num(ctx, d.base) : measure;
      const { amount, steps } = payTiers(d.data.bands, d.data.mode, measure, base);
      const explanation = [
        `${refName(measureRef)} ${measure}${d.base ? `, paid on ${refName(baseRef)} ${money(base)}` : ''} (${d.data.mode} tiers)`,
        ...steps.map((s) => {
          const range = `[${s.band.from}, ${s.band.to ?? '∞'})`;
          const pays =
            s.band.rate !== undefined
              ? `at ${formatRate(s.band.rate)}`
              : `pays ${money(s.band.amountMinor ?? 0)}`;
          return `band ${range} ${pays}: ${money(s.amount)}`;
        }),
      ];
      return {
        amount,
        explanation,
        steps: steps.map((s) => ({
          nodeId: d.nodeId,
          op: 'tier' as const,
          detail: `[${s.band.from}, ${s.band.to ?? '∞'}) portion ${s.portion}`,
          amount: s.amount,
        })),
      };
    }
    case 'rateTimesBase': {
      const baseRef = d.base ?? { fact: 'revenue' };
      const base = num(ctx, baseRef);
      const amount = d.data.rate * base;
      return {
        amount,
        explanation: [`${refName(baseRef)} ${money(base)} × ${formatRate(d.data.rate)} = ${money(amount)}`],
        steps: [{ nodeId: d.nodeId, op: 'rate', detail: `${refName(baseRef)} × ${d.data.rate}`, amount }],
      };
    }
    case 'fixedAmount': {
      return {
        amount: d.data.amountMinor,
        explanation: [`fixed amount ${money(d.data.amountMinor)}`],
        steps: [{ nodeId: d.nodeId, op: 'fixed', detail: 'fixed amount', amount: d.data.amountMinor }],
      };
    }
    case 'weightedMeasures': {
      const target = num(ctx, { fact: 'targetIncentive' });
      let factor = 0;
      const explanation = [`target incentive ${money(target)} × weighted measures`];
      const steps: PayoutStep[] = [];
      for (const m of d.data.measures) {
        const value = num(ctx, m);
        const counted = m.floor !== undefined && value < m.floor ? 0 : Math.min(value, m.cap ?? value);
        factor += m.weight * counted;
        const why =
          m.floor !== undefined && value < m.floor
            ? ` (below floor ${m.floor})`
            : counted < value
              ? ` (capped at ${m.cap})`
              : '';
        explanation.push(`${refName(m)} ${value}${why} counts ${counted} × weight ${m.weight}`);
        steps.push({
          nodeId: d.nodeId,
          op: 'measure',
          detail: `${refName(m)} ${value} -> ${counted} × ${m.weight}`,
          amount: target * m.weight * counted,
        });
      }
      const amount = target * factor;
      explanation.push(`= ${money(target)} × ${+factor.toFixed(6)} = ${money(amount)}`);
      return { amount, explanation, steps };
    }
    case 'spif': {
      const { window, productLines, newCustomersOnly, amountMinorPerDeal, rate } = d.data;
      const qualifying = ctx.credited.filter(
        (deal) =>
          deal.closedOn >= window.from &&
          deal.closedOn <= window.to &&
          (!productLines || productLines.includes(deal.productLine)) &&
          (!newCustomersOnly || deal.newCustomer),
      );
      const rule = [
        `deals closed ${window.from}..${window.to}`,
        productLines ? `in ${productLines.join(', ')}` : '',
        newCustomersOnly ? 'with new customers' : '',
      ]
        .filter(Boolean)
        .join(' ');
      const steps = qualifying.map((deal) => {
        const amount =
          amountMinorPerDeal !== undefined
            ? amountMinorPerDeal * deal.share
            : (rate ?? 0) * deal.creditedMinor;
        return {
          nodeId: d.nodeId,
          op: 'deal' as const,
          detail: `deal ${deal.dealId} share ${deal.share}`,
          amount,
        };
      });
      const amount = steps.reduce((sum, s) => sum + s.amount, 0);
      const each =
        amountMinorPerDeal !== undefined
          ? `${money(amountMinorPerDeal)} per deal (× credit share)`
          : `${formatRate(rate ?? 0)} of credited amount`;
      return {
        amount,
        steps,
        explanation: [`${qualifying.length} qualifying ${rule}: ${each} = ${money(amount)}`],
      };
    }
  }
}
