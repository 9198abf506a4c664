import { describe, expect, it } from 'vitest';
import { loginBackoff } from './loginBackoff';

describe('loginBackoff', () => {
  it('lets an account fail five times, then makes it wait 1 s, 2 s, 4 s, and forgets on success', () => {
    let clock = 0;
    const backoff = loginBackoff(5, 60_000, () => clock);
    for (let i = 0; i < 5; i++) {
      backoff.check('fin');
      backoff.failed('fin');
    }
    backoff.check('fin');
    backoff.failed('fin');
    expect(() => backoff.check('fin')).toThrow(/retry in 1 s/);
    // Another account is not slowed by it.
    expect(() => backoff.check('hr')).not.toThrow();
    clock += 1_000;
    backoff.failed('fin');
    clock += 1_999;
    expect(() => backoff.check('fin')).toThrow(/retry in 1 s/);
    clock += 1;
    backoff.failed('fin');
    clock += 3_999;
    expect(() => backoff.check('fin')).toThrow();
    clock += 1;
    backoff.succeeded('fin');
    backoff.failed('fin');
    expect(() => backoff.check('fin')).not.toThrow();
  });
});
