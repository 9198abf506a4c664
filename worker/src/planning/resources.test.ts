import { describe, expect, it } from 'vitest';
import type { BudgetLine } from '@opscycle/domain';
import { planStaffing, rampFactor } from './staffing';
import { planBudget } from './budget';

describe('planStaffing', () => {
  // Productivity 400 a year = 100 a quarter. A veteran delivers 400; a rep hired 2026-11-15 is in
  // their 1st..4th tenure quarter in 2027's Q1..Q4: 100 x (.25 + .5 + .75 + 1) = 250. Capacity 650.
  const unit = {
    unitId: 't1',
    targetMinor: 1500,
    productivityPerRepMinor: 400,
    reps: [{}, { hiredOn: '2026-11-15' }],
  };

  it('ramps recent hires by tenure quarter', () => {
    expect(
      [1, 4, 7, 10].map((m) =>
        rampFactor([0.25, 0.5, 0.75, 1], '2026-11-15', `2027-${String(m).padStart(2, '0')}-01`),
      ),
    ).toEqual([0.25, 0.5, 0.75, 1]);
    expect(rampFactor([0.25, 0.5, 0.75, 1], '2027-02-01', '2027-01-01')).toBe(0);
  });

  it('hires the fewest reps that cover the gap, all in Q1 without a limit', () => {
    // gap 850; a Q1 hire yields 400 x 0.625 = 250 -> ceil(3.4) = 4 hires -> 650 + 1000
    const plan = planStaffing({ fiscalYear: 2027, currency: 'CNY', units: [unit] });
    expect(plan.lines[0]).toMatchObject({
      currentHeadcount: 2,
      capacityMinor: 650,
      requiredFte: 3.75,
      newHires: 4,
      hiresByQuarter: [4, 0, 0, 0],
      plannedCapacityMinor: 1650,
      uncoveredMinor: 0,
    });
    expect(plan.hiringPlan).toEqual([{ unitId: 't1', quarter: 1, hires: 4 }]);
  });

  it('spreads hires over later quarters when hiring is limited', () => {
    // Q1: 2 x 250 -> 1150 (gap 350); Q2 hire yields 400 x 1.5/4 = 150 -> 2 (limit) -> 1450;
    // Q3 hire yields 400 x 0.75/4 = 75 -> 1 -> 1525.
    const plan = planStaffing({ fiscalYear: 2027, currency: 'CNY', units: [unit], maxHiresPerQuarter: 2 });
    expect(plan.lines[0]).toMatchObject({
      hiresByQuarter: [2, 2, 1, 0],
      plannedCapacityMinor: 1525,
      uncoveredMinor: 0,
    });
    expect(plan.totalNewHires).toBe(5);
  });

  it('hires exactly n when the gap is exactly n hires (no float overshoot)', () => {
    const plan = planStaffing({ fiscalYear: 2027, currency: 'CNY', units: [{ ...unit, targetMinor: 1150 }] });
    expect(plan.lines[0]?.newHires).toBe(2);
  });

  it('reports a unit with no productivity as uncovered instead of dividing by zero', () => {
    const plan = planStaffing({
      fiscalYear: 2027,
      currency: 'CNY',
      units: [{ unitId: 't2', targetMinor: 100, productivityPerRepMinor: 0, reps: [] }],
    });
    expect(plan.lines[0]).toMatchObject({ requiredFte: null, newHires: 0, uncoveredMinor: 100 });
  });
});

describe('planBudget', () => {
  const line = (category: BudgetLine['category'], quarter: number, amountMinor: number): BudgetLine => ({
    fiscalYear: 2026,
    unitId: 'u1',
    category,
    quarter,
    basis: 'actual',
    amountMinor,
    currency: 'CNY',
  });
  const lastYear = [
    ...[1, 2, 3, 4].map((q) => line('salaries', q, 100)),
    line('marketing', 1, 50),
    line('marketing', 2, 0),
    line('marketing', 3, 50),
    line('marketing', 4, 100),
    ...[1, 2, 3, 4].map((q) => line('channelCommission', q, 10)),
  ];
  const plan = planBudget(2027, lastYear, [
    { unitId: 'u1', revenueMinor: 2000, channelRevenueMinor: 400, targetMinor: 2200, headcountRatio: 1.5 },
  ]);
  const amounts = (category: string) =>
    plan.lines
      .filter((l) => l.category === category)
      .sort((a, b) => a.quarter - b.quarter)
      .map((l) => l.amountMinor);

  it('grows lines with the target (salaries with headcount) in last year quarterly pattern', () => {
    expect(amounts('salaries')).toEqual([150, 150, 150, 150]); // 400 x 1.5
    expect(amounts('marketing')).toEqual([55, 0, 55, 110]); // 200 x 1.1 split 50:0:50:100
    expect(amounts('channelCommission')).toEqual([11, 11, 11, 11]); // 40 x 1.1
    expect(plan.totalMinor).toBe(864);
    expect(plan.lines.every((l) => l.basis === 'plan' && l.fiscalYear === 2027)).toBe(true);
  });

  it('computes the ROI baseline per line (channel commission earns channel revenue)', () => {
    const roiOf = (category: string) => plan.roiBaseline.lines.find((l) => l.category === category)?.roi;
    expect(roiOf('salaries')).toBe(5); // 2000 / 400 = 1:5
    expect(roiOf('marketing')).toBe(10);
    expect(roiOf('channelCommission')).toBe(10); // 400 / 40
  });

  it('rejects last year spend of a unit without a target', () => {
    expect(() => planBudget(2027, lastYear, [])).toThrow(/u1/);
  });
});
