import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateByWeights, roundMinor } from './money';

describe('roundMinor', () => {
  it('rounds half away from zero, so a clawback mirrors its payout', () => {
    expect(roundMinor(2.5)).toBe(3);
    expect(roundMinor(-2.5)).toBe(-3);
    expect(roundMinor(2.4999)).toBe(2);
    expect(roundMinor(1234.5)).toBe(1235);
  });

  it('absorbs binary noise at the half (0.145 * 100 is 14.499999999999998)', () => {
    expect(roundMinor(0.145 * 100)).toBe(15);
  });

  it('never returns negative zero and refuses non-finite values', () => {
    expect(Object.is(roundMinor(-0.2), 0)).toBe(true);
    expect(() => roundMinor(Number.NaN)).toThrow(RangeError);
  });
});

describe('allocateByWeights', () => {
  it('gives the residue to the largest remainders, ties to the earlier entry', () => {
    const parts = allocateByWeights(100, [
      { key: 'east', weight: 1 },
      { key: 'north', weight: 1 },
      { key: 'south', weight: 1 },
    ]);
    expect([...parts.entries()]).toEqual([
      ['east', 34],
      ['north', 33],
      ['south', 33],
    ]);
    expect([
      ...allocateByWeights(10, [
        { key: 'a', weight: 0.15 },
        { key: 'b', weight: 0.85 },
      ]).values(),
    ]).toEqual([2, 8]);
  });

  it('splits evenly when every weight is zero', () => {
    expect([
      ...allocateByWeights(5, [
        { key: 'a', weight: 0 },
        { key: 'b', weight: 0 },
      ]).values(),
    ]).toEqual([3, 2]);
  });

  it('always sums exactly to the total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }),
        (total, weights) => {
          const parts = allocateByWeights(
            total,
            weights.map((weight, key) => ({ key, weight })),
          );
          expect([...parts.values()].reduce((a, b) => a + b, 0)).toBe(total);
          for (const part of parts.values()) expect(Number.isInteger(part)).toBe(true);
        },
      ),
    );
  });

  it('rejects negative weights and non-integer totals', () => {
    expect(() => allocateByWeights(10, [{ key: 'a', weight: -1 }])).toThrow(/weight -1/);
    expect(() => allocateByWeights(10.5, [{ key: 'a', weight: 1 }])).toThrow(/not a safe integer/);
  });
});
