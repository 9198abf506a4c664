import { proxyActivities } from '@temporalio/workflow';
import type { CycleActivities } from '../activityContracts';

export const cycleActivities = proxyActivities<CycleActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
