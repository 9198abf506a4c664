import { describe, expect, it } from 'vitest';
import { impactPeriods, periodOfRun, quartersBefore } from './impactPeriods';

describe('impactPeriods', () => {
  it('reads the period a payout run paid from its id', () => {
    expect(periodOfRun('plan-fy2026-field-sales-2026-Q4-r1')).toBe('2026-Q4');
    expect(periodOfRun('plan-x-2027-03-r12')).toBe('2027-03');
    expect(periodOfRun('not-a-run')).toBeUndefined();
  });

  it('lists the quarters before the current one, across a year boundary', () => {
    expect(quartersBefore(new Date('2027-02-10T00:00:00Z'), 3)).toEqual(['2026-Q4', '2026-Q3', '2026-Q2']);
  });

  it('defaults to the latest paid period, else the quarter before today', () => {
    const today = new Date('2026-11-22T00:00:00Z');
    expect(impactPeriods(['p-2026-Q4-r1', 'p-2026-Q3-r2', 'p-2026-Q3-r1'], today)).toEqual({
      periods: ['2026-Q4', '2026-Q3', '2026-Q2', '2026-Q1', '2025-Q4'],
      latest: '2026-Q4',
    });
    expect(impactPeriods([], today).latest).toBe('2026-Q3');
  });
});
