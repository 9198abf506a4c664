import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { PlanningNode, QuotaAllocation } from '@opscycle/domain';
import { decomposeTarget, type HistoryLine, type TargetDecompositionInput } from './decomposition';
import { reconcileTargets } from './reconciliation';

const flat = Array.from({ length: 12 }, () => 1);
const tree: PlanningNode[] = [
  { id: 'c', kind: 'company', parentId: null },
  { id: 'rA', kind: 'region', parentId: 'c' },
  { id: 'rB', kind: 'region', parentId: 'c' },
  { id: 'tA1', kind: 'team', parentId: 'rA' },
  { id: 'tB1', kind: 'team', parentId: 'rB' },
  { id: 'a1', kind: 'rep', parentId: 'tA1' },
  { id: 'a2', kind: 'rep', parentId: 'tA1' },
  { id: 'b1', kind: 'rep', parentId: 'tB1' },
];
const history: HistoryLine[] = [
  { teamId: 'tA1', repId: 'a1', productLine: 'p1', customerSize: 'key', revenueMinor: 600 },
  { teamId: 'tA1', repId: 'a2', productLine: 'p1', customerSize: 'smb', revenueMinor: 200 },
  { teamId: 'tB1', repId: 'b1', productLine: 'p2', customerSize: 'smb', revenueMinor: 200 },
];
const input: TargetDecompositionInput = {
  fiscalYear: 2027,
  currency: 'CNY',
  rootId: 'c',
  totalMinor: 1001,
  nodes: tree,
  history,
  potential: new Map([
    ['rA', 1],
    ['rB', 1],
  ]),
  weights: { historyShare: 0.5, potential: 0.5 },
  seasonalIndices: flat,
};
const amountOf = (allocations: QuotaAllocation[], id: string) => allocations.find((a) => a.unitId === id);

describe('decomposeTarget', () => {
  const allocations = decomposeTarget(input);

  it('weights history share and potential (hand-computed)', () => {
    // rA: 0.5 x 800/1000 + 0.5 x 1/2 = 0.65 -> 650.65; rB: 0.35 -> 350.35; residue 1 to rA (.65 > .35)
    expect(amountOf(allocations, 'rA')?.amountMinor).toBe(651);
    expect(amountOf(allocations, 'rB')?.amountMinor).toBe(350);
    expect(amountOf(allocations, 'tA1')?.amountMinor).toBe(651);
    // reps without explicit potential use one each: a1 0.5 x 0.75 + 0.5 x 0.5 = 0.625 -> 406.875,
    // a2 0.375 -> 244.125; residue 1 to a1 (.875 > .125)
    expect(amountOf(allocations, 'a1')?.amountMinor).toBe(407);
    expect(amountOf(allocations, 'a2')?.amountMinor).toBe(244);
  });

  it('splits each unit by its own product-line x size mix and phases it by month', () => {
    // rA history: p1|key 600, p1|smb 200 -> 488.25 / 162.75; residue to smb (.75)
    expect(amountOf(allocations, 'rA')?.mix).toEqual([
      { productLine: 'p1', customerSize: 'key', amountMinor: 488 },
      { productLine: 'p1', customerSize: 'smb', amountMinor: 163 },
    ]);
    // 651 / 12 = 54.25 -> 54 each, residue 3 to the first three months (ties go to the earlier month)
    expect(amountOf(allocations, 'rA')?.monthlyMinor).toEqual([
      55, 55, 55, 54, 54, 54, 54, 54, 54, 54, 54, 54,
    ]);
  });

  it('gives a tied residue to the smaller id, whatever the input order', () => {
    const nodes: PlanningNode[] = [
      { id: 'root', kind: 'team', parentId: null },
      { id: 'y', kind: 'rep', parentId: 'root' },
      { id: 'x', kind: 'rep', parentId: 'root' },
    ];
    const result = decomposeTarget({
      ...input,
      rootId: 'root',
      nodes,
      totalMinor: 1,
      potential: undefined,
      history: [{ teamId: 'root', repId: 'x', productLine: 'p1', customerSize: 'smb', revenueMinor: 5 }],
      weights: { historyShare: 0, potential: 1 },
    });
    expect(amountOf(result, 'x')?.amountMinor).toBe(1);
    expect(amountOf(result, 'y')?.amountMinor).toBe(0);
  });

  it('names an unknown parent', () => {
    expect(() =>
      decomposeTarget({ ...input, nodes: [...tree, { id: 'z', kind: 'rep', parentId: 'nope' }] }),
    ).toThrow(/z has parent nope/);
  });

  it('always sums children exactly to their parent (property)', () => {
    const arbitraryTree = fc.record({
      regions: fc.integer({ min: 1, max: 4 }),
      teams: fc.integer({ min: 1, max: 4 }),
      reps: fc.integer({ min: 1, max: 5 }),
      total: fc.integer({ min: 0, max: 10_000_000_000 }),
      historyShare: fc.double({ min: 0, max: 5, noNaN: true }),
      potential: fc.double({ min: 0.01, max: 5, noNaN: true }),
      revenues: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 80, maxLength: 80 }),
      indices: fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { minLength: 12, maxLength: 12 }),
    });
    fc.assert(
      fc.property(arbitraryTree, (t) => {
        const nodes: PlanningNode[] = [{ id: 'c', kind: 'company', parentId: null }];
        const lines: HistoryLine[] = [
          { teamId: 'x', repId: 'x', productLine: 'p0', customerSize: 'key', revenueMinor: 1 },
        ];
        let n = 0;
        for (let r = 0; r < t.regions; r++) {
          nodes.push({ id: `r${r}`, kind: 'region', parentId: 'c' });
          for (let m = 0; m < t.teams; m++) {
            nodes.push({ id: `t${r}-${m}`, kind: 'team', parentId: `r${r}` });
            for (let p = 0; p < t.reps; p++) {
              const id = `p${r}-${m}-${p}`;
              nodes.push({ id, kind: 'rep', parentId: `t${r}-${m}` });
              lines.push({
                teamId: `t${r}-${m}`,
                repId: id,
                productLine: `pl${n % 3}`,
                customerSize: n % 2 ? 'key' : 'smb',
                revenueMinor: t.revenues[n++ % 80] ?? 0,
              });
            }
          }
        }
        const result = decomposeTarget({
          ...input,
          nodes,
          history: lines,
          totalMinor: t.total,
          potential: undefined,
          weights: { historyShare: t.historyShare, potential: t.potential },
          seasonalIndices: t.indices,
        });
        expect(result).toHaveLength(nodes.length);
        for (const parent of result) {
          const kids = result.filter((a) => a.parentId === parent.unitId);
          if (kids.length > 0) expect(kids.reduce((s, k) => s + k.amountMinor, 0)).toBe(parent.amountMinor);
          expect(parent.mix.reduce((s, m) => s + m.amountMinor, 0)).toBe(parent.amountMinor);
          expect(parent.monthlyMinor.reduce((s, m) => s + m, 0)).toBe(parent.amountMinor);
          expect(parent.amountMinor).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('reconcileTargets', () => {
  const allocations = decomposeTarget(input);

  it('shows the gap per unit and lists units that did not submit', () => {
    const reconciliation = reconcileTargets(allocations, [
      { fiscalYear: 2027, unitId: 'rA', submittedBy: 'm1', amountMinor: 600, currency: 'CNY', comment: '' },
      { fiscalYear: 2027, unitId: 'tA1', submittedBy: 'm2', amountMinor: 700, currency: 'CNY', comment: '' },
    ]);
    const rA = reconciliation.lines.find((l) => l.unitId === 'rA');
    // 600 - 651 = -51; -51/651
    expect(rA).toMatchObject({
      topDownMinor: 651,
      bottomUpMinor: 600,
      gapMinor: -51,
      childrenBottomUpMinor: 700,
    });
    expect(rA?.gapPct).toBeCloseTo(-51 / 651, 12);
    expect(reconciliation.missingUnitIds).toEqual(['rB', 'tB1']);
    expect(reconciliation.totalGapMinor).toBe(-51 + 49);
  });

  it('rejects a submission for a unit without allocation', () => {
    expect(() =>
      reconcileTargets(allocations, [
        {
          fiscalYear: 2027,
          unitId: 'ghost',
          submittedBy: 'm1',
          amountMinor: 1,
          currency: 'CNY',
          comment: '',
        },
      ]),
    ).toThrow(/ghost/);
  });
});
