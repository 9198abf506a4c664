import { describe, expect, it } from 'vitest';
import { traceDecorations } from './decorations';
import {
  formatFactValue,
  formatPayoutStep,
  formatTraceMoney,
  formatTraceNumber,
  formatTraceRate,
} from './traceFormat';

// Intl's currency text varies by locale ("CN¥" in en, "¥" in zh): compare the digits.
const digits = (text: string) => text.replace(/(CN)?[¥￥]\s?/g, '').trim();

describe('formatTraceRate', () => {
  it('renders rates as percentages with at most two decimals, without float noise', () => {
    expect(formatTraceRate(0.1)).toBe('10%');
    expect(formatTraceRate(0.07000000000000001)).toBe('7%');
    expect(formatTraceRate(0.0125)).toBe('1.25%');
    expect(formatTraceRate(0.015)).toBe('1.5%');
    expect(formatTraceRate(1.5)).toBe('150%');
    expect(formatTraceRate(-0.005)).toBe('-0.5%');
    expect(formatTraceRate(0)).toBe('0%');
  });
});

describe('formatTraceNumber', () => {
  it('drops float noise and groups thousands', () => {
    expect(formatTraceNumber(0.19999999999999)).toBe('0.2');
    expect(formatTraceNumber(1.2000000000000002)).toBe('1.2');
    expect(formatTraceNumber(1234567.5)).toBe('1,234,567.5');
    expect(formatTraceNumber(12345678)).toBe('12,345,678');
  });
});

describe('formatTraceMoney', () => {
  it('rounds unrounded minor units half away from zero before formatting', () => {
    expect(digits(formatTraceMoney(500040.5, 'CNY'))).toBe('5,000.41');
    expect(digits(formatTraceMoney(-500040.5, 'CNY'))).toBe('-5,000.41');
    expect(digits(formatTraceMoney(0.4, 'CNY'))).toBe('0.00');
  });
});

describe('formatPayoutStep', () => {
  it('shows a tier banded on attainment with the rate in percent and the portion as a ratio', () => {
    // 10% on the 0.2 of attainment above 100%, paid on 1,000,000.00 of revenue.
    const text = formatPayoutStep(
      {
        nodeId: 'tiers',
        op: 'tier',
        amount: 0.1 * (0.19999999999999 / 1.2) * 100_000_000,
        quantity: 0.19999999999999,
        rate: 0.1,
      },
      'CNY',
    );
    expect(digits(text)).toBe('16,666.67 (10% on 0.2)');
    expect(text).not.toMatch(/9999/);
  });
  it('shows the base of a rate as money when the rate was paid on it', () => {
    const text = formatPayoutStep(
      { nodeId: 'pay', op: 'rate', amount: 500040, quantity: 10000800, rate: 0.05 },
      'CNY',
    );
    expect(digits(text)).toBe('5,000.40 (5% on 100,008.00)');
  });
  it('names what a cap, a multiplier and a clawback applied', () => {
    expect(digits(formatPayoutStep({ nodeId: 'cap', op: 'cap', amount: 2e6, limit: 2e6 }, 'CNY'))).toBe(
      '20,000.00 (cap 20,000.00)',
    );
    expect(
      digits(
        formatPayoutStep(
          { nodeId: 'acc', op: 'multiplier', amount: 150000.00000000003, rate: 1.5000000000000002 },
          'CNY',
        ),
      ),
    ).toBe('1,500.00 (×1.5)');
    expect(
      digits(
        formatPayoutStep(
          { nodeId: 'cb', op: 'clawback', amount: -5000, quantity: 100000, rate: 0.05 },
          'CNY',
        ),
      ),
    ).toBe('-50.00 (refund 1,000.00, at 5%)');
  });
});

describe('trace on the graph', () => {
  it('puts formatted steps and noise-free fact values on the nodes', () => {
    const d = traceDecorations(
      {
        rules: [
          {
            nodeId: 'pay',
            kind: 'tierTable',
            fired: true,
            conditions: {
              op: 'all',
              result: true,
              children: [
                { nodeId: 'c1', op: 'fact', result: true, fact: 'attainment', factValue: 1.2000000000000002 },
              ],
            },
          },
        ],
        steps: [
          { nodeId: 'pay', op: 'tier', amount: 1999999.9999999, quantity: 0.19999999999999, rate: 0.1 },
        ],
        currency: 'CNY',
      },
      [],
    );
    expect(d.nodes?.c1?.trace?.values).toEqual({ attainment: '1.2' });
    const shown = String(d.nodes?.pay?.trace?.values?.['tier#0']);
    expect(digits(shown)).toBe('20,000.00 (10% on 0.2)');
    expect(formatFactValue('gold')).toBe('gold');
  });
});
