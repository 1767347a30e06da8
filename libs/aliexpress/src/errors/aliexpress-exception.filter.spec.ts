import type { ArgumentsHost } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AliexpressExceptionFilter } from './aliexpress-exception.filter.js';
import { aliexpressErrorBody } from './aliexpress-error.body.js';
import * as errors from './aliexpress.errors.js';

const SECRET = 'sk-0123456789abcdef';
const api = (code: string, extra: Partial<errors.AliexpressApiErrorDetails> = {}) => ({
  code,
  message: `refused ${SECRET}`,
  apiName: 'aliexpress.ds.product.get',
  ...extra,
});

/** One instance of every library error class, and the status and reason it must answer. */
const CASES: Record<string, Array<[errors.AliexpressError, number, string]>> = {
  AliexpressValidationError: [
    [
      new errors.AliexpressValidationError({ fields: ['a.b'], problems: ['a.b bad'] }),
      400,
      'invalid_input',
    ],
  ],
  AliexpressArgumentError: [
    [
      new errors.AliexpressArgumentError({ argument: 'x', problem: 'is bad' }),
      400,
      'invalid_input',
    ],
  ],
  OAuthStateError: [
    [
      new errors.OAuthStateError({ reason: 'state_expired', message: 'expired' }),
      400,
      'invalid_state',
    ],
  ],
  AccountNotConnectedError: [
    [new errors.AccountNotConnectedError({ accountId: '42' }), 404, 'account_not_connected'],
  ],
  ReauthorizationRequiredError: [
    [new errors.ReauthorizationRequiredError({ accountId: '42' }), 409, 'reauthorization_required'],
  ],
  OrderAlreadyPlacedError: [
    [
      new errors.OrderAlreadyPlacedError({ accountId: '42', outOrderId: 'o1' }),
      409,
      'order_already_placed',
    ],
  ],
  AliexpressBusinessError: [
    [
      new errors.AliexpressBusinessError({ apiName: 'a', code: 'B2B_REFUSED' }),
      422,
      'business_error',
    ],
    [
      new errors.AliexpressBusinessError({ apiName: 'a', code: 'ITEM_ID_NOT_FOUND' }),
      404,
      'business_error',
    ],
  ],
  AmbiguousOrderStateError: [
    [
      new errors.AmbiguousOrderStateError({
        accountId: '42',
        outOrderId: 'o1',
        failure: 'timeout',
      }),
      504,
      'order_state_unknown',
    ],
  ],
  AliexpressApiError: [
    [new errors.AliexpressApiError(api('15', { subCode: 'isp.x' })), 502, 'gateway_error'],
  ],
  AliexpressSignatureError: [
    [
      new errors.AliexpressSignatureError(
        api('IncompleteSignature', {
          diagnosis: {
            matched: false,
            mistakes: [{ id: 'wrong-secret', title: `secret ${SECRET}`, fix: 'x' }],
          } as never,
        }),
      ),
      502,
      'gateway_error',
    ],
  ],
  AliexpressTimestampError: [
    [new errors.AliexpressTimestampError(api('IllegalTimestamp')), 502, 'gateway_error'],
  ],
  AliexpressAccessTokenError: [
    [new errors.AliexpressAccessTokenError(api('IllegalAccessToken')), 502, 'gateway_error'],
  ],
  AliexpressGrantError: [
    [new errors.AliexpressGrantError(api('IllegalRefreshToken')), 502, 'gateway_error'],
  ],
  AliexpressRateLimitError: [
    [new errors.AliexpressRateLimitError(api('ApiCallLimit')), 502, 'gateway_error'],
  ],
  AliexpressTransportError: [
    [
      new errors.AliexpressTransportError({ kind: 'timeout', apiName: 'a', message: 'slow' }),
      504,
      'gateway_timeout',
    ],
    [
      new errors.AliexpressTransportError({ kind: 'connection', apiName: 'a', message: 'x' }),
      502,
      'gateway_unreachable',
    ],
    [
      new errors.AliexpressTransportError({
        kind: 'http-status',
        apiName: 'a',
        message: 'x',
        status: 503,
      }),
      502,
      'gateway_unreachable',
    ],
    [
      new errors.AliexpressTransportError({ kind: 'invalid-body', apiName: 'a', message: 'x' }),
      502,
      'invalid_response',
    ],
    [
      new errors.AliexpressTransportError({ kind: 'unexpected-shape', apiName: 'a', message: 'x' }),
      502,
      'invalid_response',
    ],
    [
      new errors.AliexpressTransportError({
        kind: 'response-too-large',
        apiName: 'a',
        message: 'x',
      }),
      502,
      'invalid_response',
    ],
  ],
  TokenStoreError: [
    [
      new errors.TokenStoreError({ operation: 'get', detail: `redis://:${SECRET}@db` }),
      503,
      'token_store_unavailable',
    ],
  ],
  TokenEncryptionError: [
    [new errors.TokenEncryptionError({ message: `key ${SECRET}` }), 500, 'internal_error'],
  ],
  AliexpressConfigurationError: [
    [
      new errors.AliexpressConfigurationError({
        problems: [{ option: 'appSecret', problem: SECRET }],
      }),
      500,
      'internal_error',
    ],
  ],
};

/** Every class the errors module exports that is an AliexpressError (the abstract base aside). */
const libraryErrorClasses = Object.entries(errors)
  .filter(
    ([name, value]) =>
      typeof value === 'function' &&
      value.prototype instanceof errors.AliexpressError &&
      name !== 'AliexpressError',
  )
  .map(([name]) => name)
  .sort();

describe('aliexpressErrorBody: every library error class has its status', () => {
  it('the table covers every exported library error class (a new class must be mapped on purpose)', () => {
    expect(Object.keys(CASES).sort()).toEqual(libraryErrorClasses);
  });

  const rows = Object.entries(CASES).flatMap(([name, cases]) =>
    cases.map(([error, status, reason]) => [name, status, reason, error] as const),
  );
  it.each(rows)('%s → %i %s, in the one shape, without secrets', (_name, status, reason, error) => {
    const body = aliexpressErrorBody(error);
    expect(body).toMatchObject({ statusCode: status, reason, error: expect.any(String) });
    expect(typeof body.message).toBe('string');
    expect(
      Object.keys(body).every((k) =>
        ['statusCode', 'error', 'reason', 'message', 'code', 'fields'].includes(k),
      ),
    ).toBe(true);
    expect(JSON.stringify(body)).not.toContain(SECRET);
  });

  it('names the fields of a validation error and the code of a business or transport error', () => {
    expect(aliexpressErrorBody(CASES.AliexpressValidationError[0][0]).fields).toEqual(['a.b']);
    expect(aliexpressErrorBody(CASES.AliexpressBusinessError[0][0]).code).toBe('B2B_REFUSED');
    expect(aliexpressErrorBody(CASES.AliexpressTransportError[0][0]).code).toBe('timeout');
    expect(aliexpressErrorBody(CASES.AliexpressApiError[0][0]).code).toBe('15');
  });
});

describe('AliexpressExceptionFilter', () => {
  const hostFor = (response: object, type = 'http') =>
    ({
      getType: () => type,
      switchToHttp: () => ({ getResponse: () => response, getRequest: () => ({}) }),
    }) as unknown as ArgumentsHost;
  const error = new errors.AccountNotConnectedError({ accountId: '42' });
  const expected = {
    statusCode: 404,
    error: 'Not Found',
    reason: 'account_not_connected',
    message: 'account 42 is not connected',
  };

  it('replies through the HttpAdapterHost when Nest injected it', () => {
    const reply = vi.fn();
    const adapterHost = {
      httpAdapter: { reply, isHeadersSent: () => false },
    } as unknown as HttpAdapterHost;
    const res = {};
    new AliexpressExceptionFilter(adapterHost).catch(error, hostFor(res));
    expect(reply).toHaveBeenCalledWith(res, expected, 404);
  });

  it('without it, answers an Express response and a Fastify reply', () => {
    const express = { status: vi.fn(), json: vi.fn() };
    new AliexpressExceptionFilter().catch(error, hostFor(express));
    expect(express.status).toHaveBeenCalledWith(404);
    expect(express.json).toHaveBeenCalledWith(expected);
    const fastify = { code: vi.fn(), send: vi.fn(), header: vi.fn() };
    new AliexpressExceptionFilter().catch(error, hostFor(fastify));
    expect(fastify.code).toHaveBeenCalledWith(404);
    expect(fastify.send).toHaveBeenCalledWith(expected);
  });

  it('leaves a response already sent alone, and throws on outside HTTP', () => {
    const sent = { headersSent: true, status: vi.fn(), json: vi.fn() };
    new AliexpressExceptionFilter().catch(error, hostFor(sent));
    expect(sent.json).not.toHaveBeenCalled();
    expect(() => new AliexpressExceptionFilter().catch(error, hostFor({}, 'rpc'))).toThrow(error);
  });
});
