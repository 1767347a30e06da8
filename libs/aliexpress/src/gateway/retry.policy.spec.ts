import {
  AliexpressApiError,
  AliexpressBusinessError,
  AliexpressRateLimitError,
  AliexpressTransportError,
  type TransportFailureKind,
} from '../errors/aliexpress.errors.js';
import { DEFAULT_RETRY, withRetry } from './retry.policy.js';
import { certainlyNotProcessed, isTransientFailure } from './transient-failure.js';
import { failing } from '../../../../test/support/failing-call.js';

const fast = { ...DEFAULT_RETRY, initialDelayMs: 1, maxDelayMs: 5 };
const timeout = () =>
  new AliexpressTransportError({ kind: 'timeout', apiName: 'api', message: 'no answer' });

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

  it('retries a non-JSON body, but sends an unexpected shape once only', async () => {
    const transport = (kind: 'invalid-body' | 'unexpected-shape') =>
      new AliexpressTransportError({ kind, apiName: 'api', message: kind, status: 200 });
    const invalid = failing([transport('invalid-body')]);
    await expect(withRetry(invalid.run, isTransientFailure, fast)).resolves.toBe(2);

    const shape = failing([transport('unexpected-shape'), transport('unexpected-shape')]);
    await expect(withRetry(shape.run, isTransientFailure, fast)).rejects.toMatchObject({
      kind: 'unexpected-shape',
    });
    expect(shape.calls()).toBe(1);
    // even a caller's predicate that accepts everything cannot re-send it
    const eager = failing([transport('unexpected-shape')]);
    await expect(withRetry(eager.run, () => true, fast)).rejects.toMatchObject({
      kind: 'unexpected-shape',
    });
    expect(eager.calls()).toBe(1);
  });

  it('maxRetries 0 runs once', async () => {
    const call = failing([timeout()]);
    await expect(
      withRetry(call.run, isTransientFailure, { ...fast, maxRetries: 0 }),
    ).rejects.toBeInstanceOf(AliexpressTransportError);
    expect(call.calls()).toBe(1);
  });
});

describe('isTransientFailure and certainlyNotProcessed', () => {
  const transport = (
    kind: TransportFailureKind,
    extra: { status?: number; mayHaveReachedGateway?: boolean } = {},
  ) => new AliexpressTransportError({ kind, apiName: 'api', message: kind, ...extra });

  it.each<[string, Error, boolean]>([
    ['a timeout', transport('timeout'), true],
    ['a connection failure', transport('connection'), true],
    ['HTTP 503', transport('http-status', { status: 503 }), true],
    ['HTTP 429', transport('http-status', { status: 429 }), true],
    ['HTTP 404', transport('http-status', { status: 404 }), false],
    ['a non-JSON body', transport('invalid-body', { status: 200 }), true],
    ['JSON of an unexpected shape', transport('unexpected-shape', { status: 200 }), false],
    [
      'an ISP error',
      new AliexpressApiError({ type: 'ISP', code: '15', message: 'm', apiName: 'api' }),
      true,
    ],
    ['a business error', new AliexpressBusinessError({ apiName: 'api', code: 'X' }), false],
  ])('%s → transient %s', (_case, error, transient) => {
    expect(isTransientFailure(error)).toBe(transient);
  });

  it('only a request that never left, or ApiCallLimit, was certainly not processed', () => {
    expect(certainlyNotProcessed(transport('connection', { mayHaveReachedGateway: false }))).toBe(
      true,
    );
    expect(certainlyNotProcessed(transport('connection'))).toBe(false);
    expect(certainlyNotProcessed(transport('unexpected-shape'))).toBe(false);
    expect(
      certainlyNotProcessed(
        new AliexpressRateLimitError({ code: 'ApiCallLimit', message: 'm', apiName: 'api' }),
      ),
    ).toBe(true);
  });
});
