import { FACT_CATALOGS } from '@opscycle/domain';
import type { FactCatalog, PayoutStep } from '@opscycle/domain';
import type { AnyDecision } from '../decisions/decisionIndex';
import { readFact } from '../factPath';
import type { PayeeContext } from './crediting';
import { formatMinor, formatRate } from './format';
import { payTiers } from './tiers';

import type { AmountKind } from '@opscycle/domain';

export type { AmountKind };
export type AmountDecision = Extract<AnyDecision, { kind: AmountKind }>;

export interface ComponentAmount {
  amount: number;
  steps: PayoutStep[];
  /** The sentences explaining the steps; called only when the explanation is read. */
  explain: () => string[];
}

function num(ctx: PayeeContext, ref: { fact: string; path?: string | undefined }): number {
  const value = readFact(ctx.facts, ref.fact, ref.path);
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function refName(ref: { fact: string; path?: string | undefined }): string {
  return ref.path ? `${ref.fact}${ref.path.slice(1)}` : ref.fact;
}

/** Money facts read as money ("1,200,000.07 CNY"); ratios and counts as they are. */
function showValue(
  ref: { fact: string; path?: string | undefined },
  value: number,
  currency: string,
): string {
  const catalog: FactCatalog = FACT_CATALOGS.incentive;
  const type = catalog[ref.fact]?.type;
  return type === 'money' || type === 'moneyByKey' ? formatMinor(value, currency) : String(value);
}

function bandName(from: number, to: number | null): string {
  return `[${from}, ${to ?? '∞'})`;
}

/** The unrounded amount a fired payout component earns, with its steps (modifiers come after). */
export function componentAmount(d: AmountDecision, ctx: PayeeContext, currency: string): ComponentAmount {
  switch (d.kind) {
    case 'tierTable': {
      const measureRef = d.measure ?? { fact: 'revenue' };
      const measure = num(ctx, measureRef);
      const base = d.base ? num(ctx, d.base) : measure;
      const { amount, steps } = payTiers(d.data.bands, d.data.mode, measure, base);
      return {
        amount,
        steps: steps.map((s) => ({
          nodeId: d.nodeId,
          op: 'tier',
          amount: s.amount,
          quantity: s.portion,
          rate: s.band.rate ?? 0,
        })),
        explain: () => [
          `${refName(measureRef)} ${showValue(measureRef, measure, currency)}${d.base ? `, paid on ${refName(d.base)} ${formatMinor(base, currency)}` : ''} (${d.data.mode} tiers)`,
          ...steps.map((s) => {
            const pays =
              s.band.rate !== undefined
                ? `at ${formatRate(s.band.rate)}`
                : `pays ${formatMinor(s.band.amountMinor ?? 0, currency)}`;
            return `band ${bandName(s.band.from, s.band.to)} ${pays}: ${formatMinor(s.amount, currency)}`;
          }),
        ],
      };
    }
    case 'rateTimesBase': {
      const baseRef = d.base ?? { fact: 'revenue' };
      const base = num(ctx, baseRef);
      const amount = d.data.rate * base;
      return {
        amount,
        steps: [{ nodeId: d.nodeId, op: 'rate', amount, quantity: base, rate: d.data.rate }],
        explain: () => [
          `${refName(baseRef)} ${formatMinor(base, currency)} × ${formatRate(d.data.rate)} = ${formatMinor(amount, currency)}`,
        ],
      };
    }
    case 'fixedAmount':
      return {
        amount: d.data.amountMinor,
        steps: [{ nodeId: d.nodeId, op: 'fixed', amount: d.data.amountMinor }],
        explain: () => [`fixed amount ${formatMinor(d.data.amountMinor, currency)}`],
      };
    case 'weightedMeasures': {
      const target = num(ctx, { fact: 'targetIncentive' });
      let factor = 0;
      const steps: PayoutStep[] = [];
      for (const m of d.data.measures) {
        const value = num(ctx, m);
        const counted = m.floor !== undefined && value < m.floor ? 0 : Math.min(value, m.cap ?? value);
        factor += m.weight * counted;
        steps.push({
          nodeId: d.nodeId,
          op: 'measure',
          amount: target * m.weight * counted,
          quantity: value,
          rate: m.weight,
        });
      }
      const amount = target * factor;
      return {
        amount,
        steps,
        explain: () => [
          `target incentive ${formatMinor(target, currency)} × weighted measures`,
          ...d.data.measures.map((m, i) => {
            const value = steps[i]?.quantity ?? 0;
            const counted = m.floor !== undefined && value < m.floor ? 0 : Math.min(value, m.cap ?? value);
            const why =
              counted === 0 && m.floor !== undefined && value < m.floor
                ? ` (below floor ${m.floor})`
                : counted < value
                  ? ` (capped at ${m.cap})`
                  : '';
            return `${refName(m)} ${value}${why} counts ${counted} × weight ${m.weight}`;
          }),
          `= ${formatMinor(target, currency)} × ${+factor.toFixed(6)} = ${formatMinor(amount, currency)}`,
        ],
      };
    }
    case 'spif': {
      const { window, productLines, newCustomersOnly, amountMinorPerDeal, rate } = d.data;
      const steps: PayoutStep[] = [];
      let amount = 0;
      for (const deal of ctx.credited) {
        if (deal.closedOn < window.from || deal.closedOn > window.to) continue;
        if (productLines && !productLines.includes(deal.productLine)) continue;
        if (newCustomersOnly && !deal.newCustomer) continue;
        const paid =
          amountMinorPerDeal !== undefined
            ? amountMinorPerDeal * deal.share
            : (rate ?? 0) * deal.creditedMinor;
        amount += paid;
        steps.push({ nodeId: d.nodeId, op: 'deal', amount: paid, quantity: deal.share, dealId: deal.dealId });
      }
      return {
        amount,
        steps,
        explain: () => {
          const rule = [
            `deals closed ${window.from}..${window.to}`,
            productLines ? `in ${productLines.join(', ')}` : '',
            newCustomersOnly ? 'with new customers' : '',
          ]
            .filter(Boolean)
            .join(' ');
          const each =
            amountMinorPerDeal !== undefined
              ? `${formatMinor(amountMinorPerDeal, currency)} per deal (× credit share)`
              : `${formatRate(rate ?? 0)} of credited amount`;
          return [`${steps.length} qualifying ${rule}: ${each} = ${formatMinor(amount, currency)}`];
        },
      };
    }
  }
}
