import type { PayoutHoldView, PayoutRunStarted, StartPayoutRunRequest } from '@opscycle/domain';
import { apiRequest } from './client';

const run = (runId: string) => `/payout-runs/${encodeURIComponent(runId)}`;
const hold = (runId: string, payeeId: string) => `${run(runId)}/holds/${encodeURIComponent(payeeId)}`;

/** Starting, re-running and holding payout runs (api/src/routes/payoutRuns.routes.ts). */
export const payoutRunsApi = {
  start: (body: StartPayoutRunRequest) => apiRequest<PayoutRunStarted>('POST', '/payout-runs', body),
  rerun: (runId: string) => apiRequest<PayoutRunStarted>('POST', `${run(runId)}/rerun`),
  holds: (runId: string) => apiRequest<{ holds: PayoutHoldView[] }>('GET', `${run(runId)}/holds`),
  hold: (runId: string, payeeId: string, reason: string) =>
    apiRequest<PayoutHoldView>('POST', hold(runId, payeeId), { reason }),
  release: (runId: string, payeeId: string, reason: string) =>
    apiRequest<PayoutHoldView>('POST', `${hold(runId, payeeId)}/release`, { reason }),
};
