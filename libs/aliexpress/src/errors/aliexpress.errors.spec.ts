import { HttpException } from '@nestjs/common';
import * as errors from './aliexpress.errors.js';

const built: Array<[Error, string, string, Record<string, unknown>]> = [
  [
    new errors.AliexpressTransportError({ kind: 'timeout', apiName: 'api', message: 'no answer' }),
    'AliexpressTransportError',
    'api: no answer',
    { kind: 'timeout', apiName: 'api', status: undefined, mayHaveReachedGateway: true },
  ],
  [
    new errors.AliexpressTransportError({
      kind: 'connection',
      apiName: 'api',
      message: 'refused',
      mayHaveReachedGateway: false,
    }),
    'AliexpressTransportError',
    'api: refused',
    { mayHaveReachedGateway: false },
  ],
  [
    new errors.AliexpressBusinessError({
      apiName: 'api',
      code: 'X',
      detail: 'why',
      requestId: 'r',
    }),
    'AliexpressBusinessError',
    'AliExpress refused api: why (X).',
    { apiName: 'api', code: 'X', requestId: 'r' },
  ],
  [
    new errors.AliexpressBusinessError({ apiName: 'api', code: 'X', detail: 'X' }),
    'AliexpressBusinessError',
    'AliExpress refused api: x (X).',
    { code: 'X' },
  ],
  [
    new errors.AliexpressArgumentError({ argument: 'params', problem: 'must be an object' }),
    'AliexpressArgumentError',
    'params must be an object',
    { argument: 'params' },
  ],
  [
    new errors.AliexpressValidationError({ fields: ['a', 'b.c'], problems: ['p1', 'p2'] }),
    'AliexpressValidationError',
    'a, b.c invalid: p1; p2',
    { fields: ['a', 'b.c'], problems: ['p1', 'p2'], argument: 'a, b.c' },
  ],
  [
    new errors.ReauthorizationRequiredError({ accountId: '7' }),
    'ReauthorizationRequiredError',
    'AliExpress account 7 must be authorized again (its refresh token is no longer valid)',
    { accountId: '7' },
  ],
  [
    new errors.AccountNotConnectedError({ accountId: '7' }),
    'AccountNotConnectedError',
    'AliExpress account 7 is not connected',
    { accountId: '7' },
  ],
  [
    new errors.TokenEncryptionError({ message: 'wrong key' }),
    'TokenEncryptionError',
    'wrong key',
    {},
  ],
  [
    new errors.TokenStoreError({ operation: 'get', detail: 'down' }),
    'TokenStoreError',
    'token store get failed: down',
    { operation: 'get' },
  ],
  [
    new errors.AmbiguousOrderStateError({ accountId: '7', outOrderId: 'o1', failure: 'timeout' }),
    'AmbiguousOrderStateError',
    "order o1 of account 7 may or may not have been placed (timeout); it was not re-sent. Check the account's orders before placing it again, and re-use the same outOrderId if you do",
    { accountId: '7', outOrderId: 'o1', failure: 'timeout' },
  ],
  [
    new errors.OAuthStateError({ reason: 'state_expired', message: 'expired' }),
    'OAuthStateError',
    'expired',
    { reason: 'state_expired' },
  ],
  [
    new errors.AliexpressConfigurationError({
      problems: [{ option: 'appKey', problem: 'is empty' }],
    }),
    'AliexpressConfigurationError',
    'AliexpressModule option "appKey" is empty',
    { option: 'appKey', problems: [{ option: 'appKey', problem: 'is empty' }] },
  ],
];

describe('errors built from one params object', () => {
  it.each(built.map(([error, name, message, fields]) => [name, error, message, fields] as const))(
    '%s keeps its name, message and fields',
    (name, error, message, fields) => {
      expect(error).toBeInstanceOf(errors.AliexpressError);
      expect(error.name).toBe(name);
      expect(error.message).toBe(message);
      expect(error).toMatchObject(fields);
    },
  );

  it('a validation error is an argument error', () => {
    expect(new errors.AliexpressValidationError({ fields: ['a'], problems: ['p'] })).toBeInstanceOf(
      errors.AliexpressArgumentError,
    );
  });

  it('OAuthFlowException answers its status, reason and gateway code', () => {
    const error = new errors.OAuthFlowException({
      reason: 'code_refused',
      message: 'refused',
      status: 400,
      gatewayCode: 'InvalidCode',
    });
    expect(error).toBeInstanceOf(HttpException);
    expect(error.reason).toBe('code_refused');
    expect(error.getStatus()).toBe(400);
    expect(error.getResponse()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      reason: 'code_refused',
      message: 'refused',
      gatewayCode: 'InvalidCode',
    });
    expect(
      new errors.OAuthFlowException({
        reason: 'hook_failed',
        message: 'm',
        status: 500,
      }).getResponse(),
    ).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      reason: 'hook_failed',
      message: 'm',
    });
    expect(new errors.OAuthFlowException({ reason: 'x', message: 'm' }).getStatus()).toBe(400);
  });
});
