import fc from 'fast-check';
import { expectSignedParams } from '../../../../test/support/signed-params.expect.js';
import {
  buildGatewayRequest,
  canonicalString,
  endpointOf,
  endpointUrlPath,
  formBody,
  signRequestParams,
} from './gateway-request.builder.js';

const SECRET = 'helloworld';

describe('request builder', () => {
  it('a system call: /rest{path}, protocol parameters added, path signed as prefix, V1 vector', () => {
    const request = buildGatewayRequest(
      {
        api: '/auth/token/create',
        params: { code: '3_500102_JxZ05Ux3cnnSSUm6dCxYg6Q26', uuid: undefined },
        appKey: '12345678',
        timestamp: '1517820392000',
      },
      SECRET,
    );
    expect(request.endpoint).toEqual({ kind: 'rest', apiPath: '/auth/token/create' });
    expect(request.path).toBe('/rest/auth/token/create');
    expect(request.entries.map(([k]) => k)).toEqual([
      'app_key',
      'code',
      'sign_method',
      'timestamp',
    ]);
    expect(request.sign).toBe('35607762342831B6A417A0DED84B79C05FEFBF116969C48AD6DC00279A9F4D81');
    expect(request.canonical).toBe(
      '/auth/token/createapp_key12345678code3_500102_JxZ05Ux3cnnSSUm6dCxYg6Q26sign_methodsha256timestamp1517820392000',
    );
  });

  it('a business call: /sync, format=json (overridable), method and session signed, no prefix', () => {
    const call = {
      api: 'aliexpress.ds.product.get',
      params: { product_id: 1, keyWord: 'étui & coque' },
      appKey: '500102',
      timestamp: '1517820392000',
      session: 'tok',
    };
    const request = buildGatewayRequest(call, SECRET);
    expect(request.path).toBe('/sync');
    const sent = Object.fromEntries(new URLSearchParams(request.body));
    expectSignedParams(
      sent,
      {
        app_key: '500102',
        format: 'json',
        keyWord: 'étui & coque',
        method: 'aliexpress.ds.product.get',
        product_id: '1',
        session: 'tok',
        sign_method: 'sha256',
        timestamp: '1517820392000',
      },
      SECRET,
    );
    expect(request.body).toContain('keyWord=%C3%A9tui+%26+coque');
    const xml = buildGatewayRequest({ ...call, params: { format: 'xml' } }, SECRET);
    expect(Object.fromEntries(new URLSearchParams(xml.body)).format).toBe('xml');
  });

  it('the body carries exactly the signed entries, in canonical order, then sign', () => {
    const signed = signRequestParams({ b: '2', a: '1', empty: '', sign: 'old' }, SECRET);
    expect(formBody(signed)).toBe(`a=1&b=2&sign=${signed.sign}`);
    expect(signed.canonical).toBe(canonicalString({ b: '2', a: '1', empty: '', sign: 'old' }));
  });

  it('writes the form exactly as URLSearchParams would, for any text (unicode, reserved, blanks)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 });
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { maxLength: 6 }), text, (entries, sign) => {
        const expected = new URLSearchParams(entries);
        expected.append('sign', sign);
        expect(formBody({ entries, sign })).toBe(expected.toString());
      }),
      { numRuns: 500 },
    );
    const lone = new URLSearchParams([['a', 'x\uD800y\uDC00']]);
    lone.append('sign', 'S');
    expect(formBody({ entries: [['a', 'x\uD800y\uDC00']], sign: 'S' })).toBe(lone.toString());
  });

  it('one API rule: a path is a system interface, a dotted name a business one, anything else neither', () => {
    expect(endpointOf('/auth/token/refresh')).toEqual({
      kind: 'rest',
      apiPath: '/auth/token/refresh',
    });
    expect(endpointOf('aliexpress.ds.order.create')).toEqual({ kind: 'sync' });
    for (const bad of ['', 'product', '/has space', 'a..b', 'auth/token/create'])
      expect(endpointOf(bad)).toBeUndefined();
    expect(endpointUrlPath({ kind: 'sync' })).toBe('/sync');
    expect(() =>
      buildGatewayRequest({ api: 'nope', params: {}, appKey: '1', timestamp: '1' }, SECRET),
    ).toThrow(TypeError);
  });
});
