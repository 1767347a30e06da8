import { AliexpressRateLimitError } from '../libs/aliexpress/src/errors/aliexpress.errors.js';
import { DEFAULT_RETRY, withRetry } from '../libs/aliexpress/src/gateway/retry.policy.js';
import { isTransientFailure } from '../libs/aliexpress/src/gateway/transient-failure.js';
import { failing } from './support/failing-call.js';

/*
 * The retry's wait for an announced rate-limit ban, on the real clock (about a second of elapsed
 * time), so it runs in the e2e project rather than among the unit specs.
 */
const fast = { ...DEFAULT_RETRY, initialDelayMs: 1, maxDelayMs: 5 };

describe('withRetry in real time', () => {
  it('waits at least the announced ban, and does not start a wait longer than the budget', async () => {
    const ban = () =>
      new AliexpressRateLimitError({
        code: 'ApiCallLimit',
        message: 'this ban will last 1 seconds',
        apiName: 'api',
      });
    const started = Date.now();
    const call = failing([ban()]);
    await expect(withRetry(call.run, isTransientFailure, fast)).resolves.toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);

    const long = failing([ban()]);
    await expect(
      withRetry(long.run, isTransientFailure, { ...fast, maxElapsedMs: 500 }),
    ).rejects.toBeInstanceOf(AliexpressRateLimitError);
    expect(long.calls()).toBe(1);
  });
});
