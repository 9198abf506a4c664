import { condition } from '@temporalio/workflow';
import type { CycleProgress } from '@opscycle/domain';

/**
 * Runs a step's work while its deadline marks it late in progress: the work itself goes on (people
 * are late, not wrong). The deadline is the entry's `deadlineAt` if recorded, else `deadlineMs`.
 */
export async function withStepDeadline<T>(
  entry: CycleProgress['steps'][number] | undefined,
  deadlineMs: number,
  work: () => Promise<T>,
): Promise<T> {
  let finished = false;
  const markLate = () => {
    if (entry && entry.status !== 'done') entry.status = 'late';
  };
  const remainingMs = entry?.deadlineAt ? Date.parse(entry.deadlineAt) - Date.now() : deadlineMs;
  const deadline =
    remainingMs > 0
      ? condition(() => finished, remainingMs).then((inTime) => {
          if (!inTime) markLate();
        })
      : Promise.resolve(markLate());
  const result = await work();
  finished = true;
  await deadline;
  return result;
}
