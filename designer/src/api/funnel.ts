import type { ConditionTrace } from '@opscycle/domain';
import { apiRequest } from './client';

/** Deals per stage of a funnelStage rule set, conversion to the next stage, and deals failing their stage. */
export interface FunnelReport {
  ruleSetId: string;
  stages: { nodeId: string; stage: string; order: number; deals: number; conversion: number | null }[];
  failing: { dealId: string; stage: string; failing: ConditionTrace[] }[];
}

export const funnelApi = {
  report: (ruleSetId: string) => apiRequest<FunnelReport>('GET', `/funnel/${encodeURIComponent(ruleSetId)}`),
};
