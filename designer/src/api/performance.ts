import type { z } from 'zod';
import type {
  KpiList,
  OrgUnit,
  PayoutRunList,
  PayoutRunProgress,
  PayoutStatement,
  PerformanceReview,
} from '@opscycle/domain';
import { apiDownload, apiRequest } from './client';

/** A review plus each unit's growth against the same period a year earlier (null without history). */
export type PerformanceView = PerformanceReview & { growth: Record<string, number | null> };
type Snapshot = z.infer<typeof KpiList>['snapshots'][number];

const kpis = (unitId: string) =>
  apiRequest<z.infer<typeof KpiList>>('GET', `/kpis/${encodeURIComponent(unitId)}`);

function yearBefore(date: string): string {
  return `${Number(date.slice(0, 4)) - 1}${date.slice(4)}`;
}

/** Revenue growth of `snapshot` against the same period one year earlier, when that was reviewed. */
function growthOf(snapshot: Snapshot, history: readonly Snapshot[]): number | null {
  const before = history.find((h) => h.kpis.period.from === yearBefore(snapshot.kpis.period.from));
  if (!before || before.kpis.revenueMinor === 0) return null;
  return snapshot.kpis.revenueMinor / before.kpis.revenueMinor - 1;
}

export const performanceApi = {
  /** The periods reviewed for a unit, newest first (their `from` dates). */
  periods: async (unitId: string) =>
    [...new Set((await kpis(unitId)).snapshots.map((s) => s.kpis.period.from))].sort().reverse(),
  /** A unit's review for the period starting `from`: its KPIs and diagnosis, and each child unit's. */
  review: async (unitId: string, from: string | null): Promise<PerformanceView | null> => {
    const [{ units }, own] = await Promise.all([
      apiRequest<{ units: OrgUnit[] }>('GET', '/org/units'),
      kpis(unitId),
    ]);
    const pick = (list: readonly Snapshot[]) =>
      from ? list.find((s) => s.kpis.period.from === from) : list[list.length - 1];
    const mine = pick(own.snapshots);
    if (!mine) return null;
    const children = await Promise.all(
      units
        .filter((u) => u.parentId === unitId)
        .map(async (u) => ({ history: (await kpis(u.id)).snapshots })),
    );
    const growth: Record<string, number | null> = { [unitId]: growthOf(mine, own.snapshots) };
    const childReviews = children.flatMap(({ history }) => {
      const snap = history.find((s) => s.kpis.period.from === mine.kpis.period.from);
      if (!snap) return [];
      growth[snap.unitId] = growthOf(snap, history);
      return [{ kpis: snap.kpis, diagnosis: snap.diagnosis }];
    });
    return {
      unitId,
      period: mine.kpis.period,
      kpis: mine.kpis,
      diagnosis: mine.diagnosis,
      children: childReviews,
      growth,
    };
  },
};

export const payoutsApi = {
  runs: () => apiRequest<z.infer<typeof PayoutRunList>>('GET', '/payout-runs'),
  run: (runId: string) => apiRequest<PayoutRunProgress>('GET', `/payout-runs/${encodeURIComponent(runId)}`),
  statements: (runId: string) =>
    apiRequest<{ statements: PayoutStatement[] }>(
      'GET',
      `/payout-runs/${encodeURIComponent(runId)}/statements`,
    ),
  statement: (runId: string, payeeId: string) =>
    apiRequest<PayoutStatement>(
      'GET',
      `/payout-runs/${encodeURIComponent(runId)}/statements/${encodeURIComponent(payeeId)}`,
    ),
  exportCsv: (runId: string) => apiDownload(`/payout-runs/${encodeURIComponent(runId)}/export.csv`),
};
