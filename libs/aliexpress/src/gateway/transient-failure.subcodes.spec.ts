import { AliexpressBusinessError, createApiError } from '../errors/aliexpress.errors.js';
import { DEFAULT_RETRY, withRetry } from './retry.policy.js';
import { isTransientFailure } from './transient-failure.js';

const apiError = (code: string, type?: string, subCode?: string) =>
  createApiError({ type, code, message: 'Remote service error', subCode, apiName: 'api' });

describe('isTransientFailure by sub-code', () => {
  it.each([
    [
      'isv.insufficient-permission (documented under type ISP)',
      'ISP',
      'isv.insufficient-permission',
    ],
    ['isv.invalid-authorization (the order is not yours)', 'ISP', 'isv.invalid-authorization'],
    ['isv.invalid-parameter', 'ISV', 'isv.invalid-parameter'],
    ['isv.missing-parameter', 'ISP', 'isv.missing-parameter'],
    ['an unknown isp sub-code that names no outage', 'ISP', 'isp.permission-denied'],
  ])('code 15 with %s is not retried', (_case, type, subCode) => {
    expect(isTransientFailure(apiError('15', type, subCode))).toBe(false);
  });

  it.each([
    ['isp.service-unavailable (documented: a timeout, retry)', 'ISP', 'isp.service-unavailable'],
    ['isp.timeout', 'ISP', 'isp.timeout'],
    ['isp.remote-service-timeout', 'ISP', 'isp.remote-service-timeout'],
    ['InternalError', 'ISP', 'InternalError'],
    ['no sub-code at all (Remote service error)', 'ISP', undefined],
    ['no sub-code and no type', undefined, undefined],
  ])('code 15 with %s is retried', (_case, type, subCode) => {
    expect(isTransientFailure(apiError('15', type, subCode))).toBe(true);
  });

  it('ApiCallLimit and ServiceUnavailable are retried; caller errors and business errors are not', () => {
    expect(isTransientFailure(apiError('ApiCallLimit', 'ISV'))).toBe(true);
    expect(isTransientFailure(apiError('ServiceUnavailable', 'ISV'))).toBe(true);
    expect(isTransientFailure(apiError('InvalidParameter', 'ISV'))).toBe(false);
    expect(
      isTransientFailure(
        new AliexpressBusinessError({
          apiName: 'api',
          code: 'ITEM_ID_NOT_FOUND',
          platformCode: '605',
        }),
      ),
    ).toBe(false);
  });

  it('isv.insufficient-permission is sent once, not three more times', async () => {
    let calls = 0;
    const call = () => {
      calls++;
      return Promise.reject(apiError('15', 'ISP', 'isv.insufficient-permission'));
    };
    await expect(
      withRetry(call, isTransientFailure, { ...DEFAULT_RETRY, initialDelayMs: 1, maxDelayMs: 2 }),
    ).rejects.toMatchObject({ subCode: 'isv.insufficient-permission' });
    expect(calls).toBe(1);
  });
});
