import type { z } from 'zod';
import type { PayoutRunList, PayoutRunProgress, PayoutStatement, PerformanceReview } from '@opscycle/domain';
import { apiDownload, apiRequest } from './client';

/** A review plus each unit's growth against the same period a year earlier (null without history). */
export type PerformanceView = PerformanceReview & { growth?: Record<string, number | null> };

export const performanceApi = {
  review: (unitId: string, period: string) =>
    apiRequest<PerformanceView>(
      'GET',
      `/performance/${encodeURIComponent(unitId)}?period=${encodeURIComponent(period)}`,
    ),
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
