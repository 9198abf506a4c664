import { describe, expect, it } from 'vitest';
import { BudgetLine, Deal, MarketSizeInput, OrgUnit, Person } from '@opscycle/domain';
import { generateDemoCompany } from './company';

describe('generateDemoCompany', () => {
  const demo = generateDemoCompany(42);

  it('is the same company for the same seed', () => {
    expect(generateDemoCompany(42)).toEqual(demo);
  });

  it('is a different company for a different seed', () => {
    const other = generateDemoCompany(43);
    expect(other.deals.map((d) => d.amountMinor)).not.toEqual(demo.deals.map((d) => d.amountMinor));
  });

  it('has three regions, about 12 teams and 120 reps, with managers and back-office people', () => {
    const kinds = (kind: string) => demo.units.filter((u) => u.kind === kind);
    expect(kinds('region').map((u) => u.name)).toEqual(['华东', '华北', '华南']);
    expect(kinds('team')).toHaveLength(12);
    const reps = demo.people.filter((p) => p.role === 'rep');
    expect(reps.length).toBeGreaterThanOrEqual(100);
    expect(reps.length).toBeLessThanOrEqual(140);
    expect(demo.people.filter((p) => p.role === 'manager')).toHaveLength(1 + 3 + 12);
    for (const role of ['opsAdmin', 'finance', 'hr'])
      expect(demo.people.some((p) => p.role === role)).toBe(true);
    expect(new Set(demo.people.map((p) => p.email)).size).toBe(demo.people.length);
  });

  it('produces valid records with unique business keys', () => {
    for (const unit of demo.units) OrgUnit.parse(unit);
    for (const person of demo.people) Person.parse(person);
    for (const deal of demo.deals) Deal.parse(deal);
    for (const market of demo.markets) MarketSizeInput.parse(market);
    for (const line of demo.budgets) BudgetLine.parse(line);
    expect(new Set(demo.deals.map((d) => d.dealId)).size).toBe(demo.deals.length);
  });

  it('covers two years with seasonality, both channels, both sizes, refunds and late collections', () => {
    const won = demo.deals.filter((d) => d.status === 'won');
    const inYear = (y: string) => won.filter((d) => d.wonOn?.startsWith(y)).length;
    expect(inYear('2025')).toBeGreaterThan(500);
    expect(inYear('2026')).toBeGreaterThan(500);
    const createdIn = (month: string) => demo.deals.filter((d) => d.createdOn.slice(5, 7) === month).length;
    expect(createdIn('12')).toBeGreaterThan(createdIn('02') * 2); // year-end push vs Spring Festival
    expect(new Set(demo.deals.map((d) => d.channel))).toEqual(new Set(['direct', 'channel']));
    expect(new Set(demo.deals.map((d) => d.customerSize))).toEqual(new Set(['key', 'smb']));
    expect(new Set(demo.deals.map((d) => d.status))).toEqual(new Set(['won', 'lost', 'open', 'refunded']));
    const late = won.filter(
      (d) =>
        d.collectedOn !== null &&
        d.wonOn !== null &&
        Date.parse(d.collectedOn) - Date.parse(d.wonOn) > 60 * 86_400_000,
    );
    expect(late.length).toBeGreaterThan(50);
    expect(demo.deals.some((d) => d.discountPct > 10)).toBe(true);
    expect(demo.markets).toHaveLength(3 * 3 * 2);
    expect(new Set(demo.budgets.map((b) => `${b.fiscalYear}|${b.unitId}|${b.category}`)).size).toBe(
      2 * 3 * 4,
    );
  });
});
