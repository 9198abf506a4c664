import type {
  MyAttainment,
  MyEstimate,
  MyEstimateRequest,
  MyPlan,
  PayoutStatement,
  PinnedRuleSet,
} from '@opscycle/domain';
import { apiRequest } from '../api/client';

/** The caller's own plan and pay (the API answers for the signed-in rep only). */
export const meApi = {
  plan: () => apiRequest<MyPlan>('GET', '/me/plan'),
  acknowledge: (plan: PinnedRuleSet) =>
    apiRequest<Pick<MyPlan, 'plan' | 'acknowledgedAt'>>('POST', '/me/plan/acknowledgment', plan),
  attainment: () => apiRequest<MyAttainment>('GET', '/me/attainment'),
  statements: () => apiRequest<{ statements: PayoutStatement[] }>('GET', '/me/statements'),
  estimate: (deal: MyEstimateRequest) => apiRequest<MyEstimate>('POST', '/me/estimate', deal),
};
