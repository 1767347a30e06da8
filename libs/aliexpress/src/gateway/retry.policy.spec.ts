import {
  AliexpressBusinessError,
  AliexpressRateLimitError,
  AliexpressTransportError,
} from '../errors/aliexpress.errors';
import { DEFAULT_RETRY, withRetry } from './retry.policy';
import { isTransientFailure } from './transient-failure';

const fast = { ...DEFAULT_RETRY, initialDelayMs: 1, maxDelayMs: 5 };
const timeout = () =>
  new AliexpressTransportError({ kind: 'timeout', apiName: 'api', message: 'no answer' });

function failing(errors: Error[]) {
  let calls = 0;
  const run = () => {
    const error = errors[calls++];
    return error ? Promise.reject(error) : Promise.resolve(calls);
  };
  return { run, calls: () => calls };
}

describe('withRetry', () => {
  it('retries transient failures until one succeeds', async () => {
    const call = failing([timeout(), timeout()]);
    await expect(withRetry(call.run, isTransientFailure, fast)).resolves.toBe(3);
  });

  it('stops after maxRetries with the last error', async () => {
    const call = failing([timeout(), timeout(), timeout(), timeout(), timeout()]);
    await expect(
      withRetry(call.run, isTransientFailure, { ...fast, maxRetries: 2 }),
    ).rejects.toBeInstanceOf(AliexpressTransportError);
    expect(call.calls()).toBe(3);
  });

  it('fails fast, once, on a non-transient error', async () => {
    const call = failing([
      new AliexpressBusinessError({ apiName: 'api', code: 'ITEM_ID_NOT_FOUND' }),
    ]);
    await expect(withRetry(call.run, isTransientFailure, fast)).rejects.toBeInstanceOf(
      AliexpressBusinessError,
    );
    expect(call.calls()).toBe(1);
  });

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

  it('maxRetries 0 runs once', async () => {
    const call = failing([timeout()]);
    await expect(
      withRetry(call.run, isTransientFailure, { ...fast, maxRetries: 0 }),
    ).rejects.toBeInstanceOf(AliexpressTransportError);
    expect(call.calls()).toBe(1);
  });
});
