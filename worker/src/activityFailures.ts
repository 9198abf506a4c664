import { ApplicationFailure } from '@temporalio/activity';
import type { ActivityInterceptorsFactory, WorkerOptions } from '@temporalio/worker';
import { DomainError } from '@opscycle/domain';

/**
 * A DomainError (bad facts, a step whose input does not exist yet, an unknown rule set) does not heal
 * by retrying: every activity fails at once with the error's code as the failure type and its details,
 * so the step shows why it failed instead of retrying about once a minute forever. Other errors (a
 * database or a webhook down) keep their workflow's retry policy.
 */
const domainErrorsFailAtOnce: ActivityInterceptorsFactory = () => ({
  inbound: {
    async execute(input, next) {
      try {
        return await next(input);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        throw ApplicationFailure.create({
          type: error.code,
          message: error.message,
          details: [error.details],
          nonRetryable: true,
        });
      }
    },
  },
});

/** The interceptors of every worker that runs OpsCycle's activities (the process, tests, benches). */
export const activityInterceptors = {
  activity: [domainErrorsFailAtOnce],
} satisfies WorkerOptions['interceptors'];
