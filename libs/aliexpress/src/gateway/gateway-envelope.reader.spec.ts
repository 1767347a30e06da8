import {
  AliexpressAccessTokenError,
  AliexpressApiError,
  AliexpressBusinessError,
  AliexpressGrantError,
  AliexpressRateLimitError,
  AliexpressSignatureError,
  AliexpressTransportError,
} from '../errors/aliexpress.errors.js';
import {
  readBusinessEnvelope,
  readSystemEnvelope,
  responseKey,
} from './gateway-envelope.reader.js';
import { parseGatewayJson } from './gateway-json.parser.js';

const METHOD = 'aliexpress.ds.product.get';
const business = (inner: string) => parseGatewayJson(`{"${responseKey(METHOD)}":${inner}}`);
const errorResponse = (code: string, extra = '') =>
  parseGatewayJson(
    `{"error_response":{"type":"ISV","code":"${code}","msg":"m","request_id":"r1"${extra}}}`,
  );

function failure(read: () => unknown): Error {
  try {
    read();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('parseGatewayJson', () => {
  it('keeps integers beyond 2^53 exact as strings and leaves safe numbers as numbers', () => {
    expect(
      parseGatewayJson('{"sku_id":12000036032948733,"n":42,"p":9.99,"big":[9007199254740993]}'),
    ).toEqual({
      sku_id: '12000036032948733',
      n: 42,
      p: 9.99,
      big: ['9007199254740993'],
    });
  });
});

describe('readBusinessEnvelope', () => {
  it('returns the <method>_response object', () => {
    expect(
      readBusinessEnvelope(business('{"rsp_code":200,"result":{"x":1},"request_id":"r"}'), METHOD),
    ).toEqual({
      rsp_code: 200,
      result: { x: 1 },
      request_id: 'r',
    });
  });

  it.each([
    ['IncompleteSignature', AliexpressSignatureError],
    ['IllegalAccessToken', AliexpressAccessTokenError],
    ['IllegalRefreshToken', AliexpressGrantError],
    ['InvalidCode', AliexpressGrantError],
    ['ApiCallLimit', AliexpressRateLimitError],
    ['InvalidAppKey', AliexpressApiError],
  ])('maps error_response %s to its typed error', (code, type) => {
    const error = failure(() => readBusinessEnvelope(errorResponse(code), METHOD));
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ code, type: 'ISV', requestId: 'r1', apiName: METHOD });
  });

  it('keeps sub codes', () => {
    const error = failure(() =>
      readBusinessEnvelope(
        errorResponse('15', ',"sub_code":"isv.insufficient-permission","sub_msg":"no"'),
        METHOD,
      ),
    );
    expect(error).toMatchObject({
      code: '15',
      subCode: 'isv.insufficient-permission',
      subMessage: 'no',
    });
  });

  it.each([
    ['rsp_code not 200', '{"rsp_code":404,"rsp_msg":"ITEM_ID_NOT_FOUND"}', 'ITEM_ID_NOT_FOUND'],
    [
      'result.success=false',
      '{"result":{"success":false,"code":"DELIVERY_NOT_AVAILABLE_TO_YOUR_ADDRESS"}}',
      'DELIVERY_NOT_AVAILABLE_TO_YOUR_ADDRESS',
    ],
    [
      'result.is_success=false',
      '{"result":{"is_success":false,"error_code":"REPEATED_ORDER_ERROR","error_msg":"dup"}}',
      'REPEATED_ORDER_ERROR',
    ],
    [
      'is_success="false"',
      '{"is_success":"false","error_code":"INVENTORY_HOLD_ERROR"}',
      'INVENTORY_HOLD_ERROR',
    ],
    ['code not 0', '{"code":"1001","msg":"bad keyword"}', '1001'],
  ])('raises a business failure when %s', (_case, inner, code) => {
    const error = failure(() => readBusinessEnvelope(business(inner), METHOD));
    expect(error).toBeInstanceOf(AliexpressBusinessError);
    expect(error).toMatchObject({ code, apiName: METHOD });
  });

  it.each([
    ['without the expected envelope', '{"other_response":{}}'],
    ['with an envelope that is not an object', `{"${responseKey(METHOD)}":"ok"}`],
    ['that is not an object', '[1,2]'],
    ['that is a bare string', '"ok"'],
  ])('treats well-formed JSON %s as an unexpected shape', (_case, body) => {
    const error = failure(() => readBusinessEnvelope(parseGatewayJson(body), METHOD));
    expect(error).toBeInstanceOf(AliexpressTransportError);
    expect(error).toMatchObject({ kind: 'unexpected-shape', apiName: METHOD });
  });
});

describe('the mock diagnosis on a signature error', () => {
  it.each([
    ['an empty object', {}],
    ['mistakes that are not a list', { mistakes: 'abc', summary: 's' }],
    ['no summary', { mistakes: [] }],
  ])('%s is ignored, never a crash', (_, diagnosis) => {
    const body = {
      error_response: { code: 'IncompleteSignature', msg: 'bad', _mock_diagnosis: diagnosis },
    };
    for (const read of [
      () => readBusinessEnvelope(body, 'aliexpress.ds.product.get'),
      () => readSystemEnvelope(body, '/auth/token/create'),
    ]) {
      const error = (() => {
        try {
          read();
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(AliexpressSignatureError);
      expect((error as AliexpressSignatureError).diagnosis).toBeUndefined();
    }
  });
});

describe('readSystemEnvelope', () => {
  it('treats well-formed JSON that is not an object as an unexpected shape', () => {
    const error = failure(() => readSystemEnvelope(parseGatewayJson('null'), '/auth/token/create'));
    expect(error).toMatchObject({ kind: 'unexpected-shape', apiName: '/auth/token/create' });
  });

  it('returns a flat success and raises a flat error', () => {
    expect(
      readSystemEnvelope(parseGatewayJson('{"code":"0","access_token":"a"}'), '/auth/token/create'),
    ).toEqual({
      code: '0',
      access_token: 'a',
    });
    const error = failure(() =>
      readSystemEnvelope(
        parseGatewayJson(
          '{"type":"ISV","code":"InvalidCode","message":"Invalid authorization code","request_id":"r"}',
        ),
        '/auth/token/create',
      ),
    );
    expect(error).toBeInstanceOf(AliexpressGrantError);
    expect(error.message).toBe('/auth/token/create: InvalidCode - Invalid authorization code');
  });
});

describe('AliexpressRateLimitError', () => {
  it('reads the announced ban', () => {
    const error = failure(() =>
      readSystemEnvelope(
        parseGatewayJson(
          '{"code":"ApiCallLimit","message":"Api access frequency exceeds the limit. this ban will last 7 seconds"}',
        ),
        '/x',
      ),
    );
    expect((error as AliexpressRateLimitError).retryAfterMs).toBe(7_000);
  });
});
