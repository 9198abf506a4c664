import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDealLineProblem } from './dealLineCheck';
import { IncentiveDealLine } from './evaluation';

const valid = {
  dealId: 'd1',
  amountMinor: 1_000,
  currency: 'CNY',
  productLine: 'erp',
  customerId: 'c1',
  newCustomer: false,
  closedOn: '2027-03-10',
  status: 'won',
  credits: [{ payeeId: 'rep-1', share: 1 }],
};

/** Values that are right for some field and wrong for most. */
const oddValue = fc.constantFrom<unknown>(
  undefined,
  null,
  '',
  'x',
  '2027-02-30',
  '2028-02-29',
  '2027-3-1',
  'USD',
  'usd',
  'won',
  'open',
  'maybe',
  '-bad id',
  0,
  0.5,
  1,
  1.5,
  -1,
  101,
  2 ** 53,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  [],
  [{ payeeId: 'rep-2', share: 0.5 }],
  [{ payeeId: '-bad', share: 1 }],
  [{ payeeId: 'rep-2', share: 0 }],
  {},
);
const field = fc.constantFrom(...Object.keys(valid), 'refundedOn', 'refundAmountMinor', 'discountPct');

describe('findDealLineProblem', () => {
  it('accepts exactly what the IncentiveDealLine schema accepts', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(field, oddValue), { maxLength: 3 }), (changes) => {
        const line: Record<string, unknown> = structuredClone(valid);
        for (const [key, value] of changes) line[key] = value;
        expect(findDealLineProblem(line) === null).toBe(IncentiveDealLine.safeParse(line).success);
      }),
      { numRuns: 2_000 },
    );
  });

  it('names the field that is wrong', () => {
    expect(findDealLineProblem({ ...valid, closedOn: '2027-02-30' })).toBe(
      'closedOn: must be a date (YYYY-MM-DD)',
    );
    expect(findDealLineProblem({ ...valid, credits: [{ payeeId: 'rep-1', share: 0 }] })).toBe(
      'credits.0.share: must be more than 0 and at most 1',
    );
  });
});
