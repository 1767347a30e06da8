import { inboxRetryDelay, resolveInboxRetry } from './inbox-retry.js';

describe('inbox retry', () => {
  it('doubles from the initial delay and stops growing at the cap', () => {
    const retry = resolveInboxRetry({ initialDelayMs: 100, maxDelayMs: 1000 });
    expect([1, 2, 3, 4, 5, 6].map((n) => inboxRetryDelay(retry, n))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
    expect(inboxRetryDelay(retry, 10_000)).toBe(1000);
  });

  it('by default retries without end, from 1 s up to 5 min', () => {
    expect(resolveInboxRetry()).toEqual({
      initialDelayMs: 1000,
      maxDelayMs: 300_000,
      maxAttempts: Number.MAX_SAFE_INTEGER,
    });
  });
});
