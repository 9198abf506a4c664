import type { CycleProgress, CycleStep } from '@opscycle/domain';
import { apiRequest } from './client';

/** A cycle as the cycle view shows it: the workflow's progress plus step deadlines and where to inspect it. */
export type CycleView = CycleProgress & {
  /** ISO date-times by step, from the template's deadlines and the step's start. */
  deadlines?: Partial<Record<CycleStep, string>>;
  /** Link to the cycle's workflow in the Temporal UI (ops only). */
  temporalUrl?: string;
  /** Names of approvers, by user id, for "who is blocking". */
  people?: Record<string, string>;
};

export const cyclesApi = {
  list: () =>
    apiRequest<{ cycles: { cycleId: string; fiscalYear: number; orgId: string; status: string }[] }>(
      'GET',
      '/cycles',
    ),
  get: (cycleId: string) => apiRequest<CycleView>('GET', `/cycles/${encodeURIComponent(cycleId)}`),
};
