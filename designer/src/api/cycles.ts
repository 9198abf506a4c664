import type { z } from 'zod';
import type { CycleList, CycleProgress } from '@opscycle/domain';
import { apiRequest } from './client';

export type CycleSummary = z.infer<typeof CycleList>['cycles'][number];

/** The cycle workflow in the Temporal UI, for ops who need to see its history. */
export function temporalUrl(workflowId: string): string {
  return `${__TEMPORAL_UI_URL__}/namespaces/${encodeURIComponent(__TEMPORAL_NAMESPACE__)}/workflows/${encodeURIComponent(workflowId)}`;
}

export const cyclesApi = {
  list: () => apiRequest<{ cycles: CycleSummary[] }>('GET', '/cycles'),
  get: (cycleId: string) => apiRequest<CycleProgress>('GET', `/cycles/${encodeURIComponent(cycleId)}`),
};
