import type { z } from 'zod';
import type {
  AdjustedStrategyAnalysis,
  BudgetPlan,
  CycleList,
  CycleView,
  QuotaAllocation,
  StaffingPlan,
  SubmissionView,
} from '@opscycle/domain';
import { apiRequest } from './client';

export type CycleSummary = z.infer<typeof CycleList>['cycles'][number];
export type Submission = z.infer<typeof SubmissionView>;

const cyclePath = (cycleId: string) => `/cycles/${encodeURIComponent(cycleId)}`;
/** A planning step's stored result (the API answers `{ kind, cycleId, result }`). */
const planResult = async <T>(cycleId: string, kind: string) =>
  (await apiRequest<{ result: T }>('GET', `${cyclePath(cycleId)}/plans/${kind}`)).result;

export const cyclesApi = {
  list: () => apiRequest<{ cycles: CycleSummary[] }>('GET', '/cycles'),
  get: (cycleId: string) => apiRequest<CycleView>('GET', cyclePath(cycleId)),
  strategy: (cycleId: string) => planResult<AdjustedStrategyAnalysis>(cycleId, 'strategyAnalysis'),
  staffing: (cycleId: string) => planResult<StaffingPlan>(cycleId, 'staffingPlan'),
  budget: (cycleId: string) => planResult<BudgetPlan>(cycleId, 'budgetPlan'),
  adjustTarget: (cycleId: string, body: { companyTargetMinor: number; reason: string }) =>
    apiRequest<{ result: AdjustedStrategyAnalysis }>(
      'POST',
      `${cyclePath(cycleId)}/strategy/target-adjustment`,
      body,
    ),
  /** Targets of a unit and everything below it (units and reps). */
  quota: (cycleId: string, orgUnitId: string) =>
    apiRequest<{ allocations: QuotaAllocation[] }>(
      'GET',
      `${cyclePath(cycleId)}/quota/${encodeURIComponent(orgUnitId)}`,
    ),
  submissions: (cycleId: string, orgUnitId: string) =>
    apiRequest<{ submissions: Submission[] }>(
      'GET',
      `${cyclePath(cycleId)}/submissions/${encodeURIComponent(orgUnitId)}`,
    ),
  /** A manager's bottom-up number for a unit of their subtree (the one submission route). */
  submit: (
    cycleId: string,
    orgUnitId: string,
    body: { amountMinor: number; currency: string; comment: string },
  ) =>
    apiRequest<Submission>('PUT', `${cyclePath(cycleId)}/submissions/${encodeURIComponent(orgUnitId)}`, body),
};
