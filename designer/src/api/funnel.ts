import type { FunnelReport } from '@opscycle/domain';
import { apiRequest } from './client';

export type { FunnelReport };

/** Deals of a unit's subtree created in [from, to] (ISO dates), through a published funnelStage rule set. */
export interface FunnelQuery {
  orgUnitId: string;
  from: string;
  to: string;
}

export const funnelApi = {
  report: (ruleSetId: string, query: FunnelQuery) =>
    apiRequest<FunnelReport>(
      'GET',
      `/funnel/${encodeURIComponent(ruleSetId)}?${new URLSearchParams({ ...query }).toString()}`,
    ),
};
