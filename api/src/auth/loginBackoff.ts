import { API_ERROR_CODES, DomainError } from '@opscycle/domain';

/**
 * Failed logins per account, in addition to the per-address rate limit: guessing one account's
 * password from many addresses. After `freeFailures` failures the account waits 1 s, then twice as
 * long after each further failure (at most `maxDelayMs`); a success clears it. Kept in memory: an
 * API restart forgives, which an attacker cannot cause.
 */
const MAX_TRACKED = 100_000;

export function loginBackoff(freeFailures = 5, maxDelayMs = 15 * 60_000, now = () => Date.now()) {
  const failures = new Map<string, { count: number; until: number }>();
  return {
    check(username: string): void {
      const entry = failures.get(username);
      if (entry && entry.until > now())
        throw new DomainError(
          API_ERROR_CODES.rateLimited,
          `too many failed sign-ins for this account; retry in ${Math.ceil((entry.until - now()) / 1000)} s`,
        );
    },
    failed(username: string): void {
      const count = (failures.get(username)?.count ?? 0) + 1;
      const extra = count - freeFailures;
      const delay = extra <= 0 ? 0 : Math.min(1000 * 2 ** (extra - 1), maxDelayMs);
      failures.delete(username);
      failures.set(username, { count, until: now() + delay });
      // Bounded: made-up usernames must not grow the map without end (the oldest are forgotten first).
      if (failures.size > MAX_TRACKED) failures.delete(failures.keys().next().value!);
    },
    succeeded(username: string): void {
      failures.delete(username);
    },
    /** Runs one password check for `username` under the back-off: refused while it waits, counted after. */
    async guard<T>(username: string, attempt: () => Promise<T>): Promise<T> {
      this.check(username);
      try {
        const result = await attempt();
        this.succeeded(username);
        return result;
      } catch (error) {
        this.failed(username);
        throw error;
      }
    },
  };
}
