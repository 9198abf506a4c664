import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import type { CycleTemplate } from '@opscycle/domain';
import {
  approvalChangedSignal,
  closeReviewPeriodUpdate,
  cycleProgressQuery,
  planAcknowledgedSignal,
  unitProgressSignal,
} from '../messages';
import type { CycleState } from './state';

/** The cycle's query, signals and update, each a thin door onto the state. */
export function registerCycleHandlers(state: CycleState, template: CycleTemplate, cycleId: string): void {
  setHandler(cycleProgressQuery, () => state.snapshot());
  setHandler(unitProgressSignal, (changes) => state.recordUnitProgress(changes));
  setHandler(approvalChangedSignal, (approval) => state.recordApproval(approval));
  // A signal, not an update: the acknowledgment is stored (and audited) by the API before it is
  // sent, so the rep need not wait on the workflow, it is accepted while no worker runs or while the
  // cycle continues as new, and a repeat is a no-op here (a set). The publication re-reads the
  // stored acknowledgments, so one given before the step's run started is counted too.
  setHandler(planAcknowledgedSignal, ({ personId }) => state.recordAcknowledgment(personId));
  setHandler(
    closeReviewPeriodUpdate,
    ({ period }) => {
      state.closedPeriods.add(period);
      return [...state.progress.reviewedPeriods];
    },
    {
      validator: ({ period, actorId }: { period: string; actorId: string }) => {
        if (!actorId)
          throw ApplicationFailure.nonRetryable('closeReviewPeriod needs actorId', 'CYCLE_INVALID_INPUT');
        if (!template.reviewPeriods.includes(period))
          throw ApplicationFailure.nonRetryable(
            `period ${period} is not a review period of ${cycleId} (${template.reviewPeriods.join(', ')})`,
            'CYCLE_UNKNOWN_PERIOD',
          );
        if (state.progress.reviewedPeriods.includes(period))
          throw ApplicationFailure.nonRetryable(
            `period ${period} is already reviewed`,
            'CYCLE_PERIOD_REVIEWED',
          );
      },
    },
  );
}
