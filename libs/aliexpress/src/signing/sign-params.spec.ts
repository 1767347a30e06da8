import fc from 'fast-check';
import { canonicalString, signParams } from './gateway-request.builder.js';
import { digestCanonical } from './sign-params.js';

describe('signParams: official test vectors', () => {
  it('V1 system /auth/token/create', () => {
    const params = {
      app_key: '12345678',
      code: '3_500102_JxZ05Ux3cnnSSUm6dCxYg6Q26',
      sign_method: 'sha256',
      timestamp: '1517820392000',
    };
    expect(signParams(params, 'helloworld', { apiPath: '/auth/token/create' })).toBe(
      '35607762342831B6A417A0DED84B79C05FEFBF116969C48AD6DC00279A9F4D81',
    );
  });

  it('V2 business, method signed, no prefix', () => {
    const params = {
      access_token: 'test',
      aliexpress_category_id: '200135143',
      app_key: '123456',
      method: 'aliexpress.logistics.redefining.getonlinelogisticsinfo',
      sign_method: 'sha256',
      timestamp: 1517820392000,
    };
    expect(signParams(params, 'helloworld')).toBe(
      'F7F7926B67316C9D1E8E15F7E66940ED3059B1638C497D77973F30046EFB5BBB',
    );
  });

  it('V3 system /order/get', () => {
    const params = {
      access_token: 'test',
      app_key: '123456',
      order_id: 1234,
      sign_method: 'sha256',
      timestamp: '1517820392000',
    };
    expect(signParams(params, 'helloworld', { apiPath: '/order/get' })).toBe(
      '4190D32361CFB9581350222F345CB77F3B19F0E31D162316848A2C1FFD5FAB4A',
    );
  });

  it('V4 documentation example', () => {
    const params = { foo: '1', bar: '2', foo_bar: '3', foobar: '4' };
    expect(canonicalString(params, '/test/api')).toBe('/test/apibar2foo1foo_bar3foobar4');
    expect(signParams(params, '1234', { apiPath: '/test/api' })).toBe(
      '988085883BF9D32D251478D23122C7ECC91518CDF63BA22F792000A378F52409',
    );
  });
});

describe('canonicalString', () => {
  it('drops null, undefined and empty values and ignores sign', () => {
    expect(canonicalString({ a: '1', b: null, c: undefined, d: '', sign: 'X', e: 0 })).toBe('a1e0');
  });

  it('stringifies booleans and objects as they are sent', () => {
    expect(canonicalString({ flag: false, obj: { b: 1, a: [1, 'x'] } })).toBe(
      'flagfalseobj{"b":1,"a":[1,"x"]}',
    );
  });

  it('sorts by code unit, not locale: pageNo before page_no, upper before underscore', () => {
    expect(canonicalString({ page_no: '1', pageNo: '2', Page: '3', page: '4' })).toBe(
      'Page3page4pageNo2page_no1',
    );
  });

  it('keeps raw UTF-8 values (no URL encoding)', () => {
    expect(canonicalString({ keyWord: 'téléphone & coque' })).toBe('keyWordtéléphone & coque');
  });
});

describe('digestCanonical', () => {
  it('sha256 is the uppercase HMAC-SHA256 keyed by the secret', () => {
    // computed independently with `printf abc | openssl dgst -sha256 -hmac s`
    expect(digestCanonical('abc', 's')).toBe(
      '47D920ED90784DC5EAE635BFD0824F612D05F09F9A47F60390DE873AD37E546B',
    );
  });

  it('md5 is the uppercase MD5 of secret + string + secret', () => {
    // computed independently with `printf sabcs | md5sum`
    expect(digestCanonical('abc', 's', 'md5')).toBe('75B8B1F92F4BD5A0B30402CDA0BA6BF7');
  });
});

const keyArb = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,11}$/).filter((k) => k !== 'sign');
const valueArb = fc.string({ minLength: 1, maxLength: 20 });
const paramsArb = fc.dictionary(keyArb, valueArb, { minKeys: 1, maxKeys: 10 });

function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('signParams: properties', () => {
  it('the order of keys in the input never changes the sign', () => {
    fc.assert(
      fc.property(paramsArb, fc.integer({ min: 0 }), (params, seed) => {
        const reordered = Object.fromEntries(shuffle(Object.entries(params), seed));
        expect(signParams(reordered, 'secret')).toBe(signParams(params, 'secret'));
      }),
    );
  });

  it('changing any value always changes the sign', () => {
    fc.assert(
      fc.property(paramsArb, fc.nat(), valueArb, (params, index, replacement) => {
        const keys = Object.keys(params);
        const key = keys[index % keys.length];
        fc.pre(params[key] !== replacement);
        const changed = { ...params, [key]: replacement };
        expect(signParams(changed, 'secret', { apiPath: '/x' })).not.toBe(
          signParams(params, 'secret', { apiPath: '/x' }),
        );
      }),
    );
  });

  it('mixed camelCase and snake_case keys sort by code unit', () => {
    const camelSnake = fc
      .tuple(fc.stringMatching(/^[a-z]{1,6}$/), fc.stringMatching(/^[a-z]{1,6}$/))
      .map(([a, b]) => [`${a}${b[0].toUpperCase()}${b.slice(1)}`, `${a}_${b}`] as const);
    fc.assert(
      fc.property(fc.array(camelSnake, { minLength: 1, maxLength: 4 }), (pairs) => {
        const params: Record<string, string> = {};
        pairs.forEach(([camel, snake], i) => {
          params[snake] = `s${i}`;
          params[camel] = `c${i}`;
        });
        const keys = Object.keys(params);
        const byCodeUnit = [...keys].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
        const expected = byCodeUnit.map((k) => k + params[k]).join('');
        expect(canonicalString(params)).toBe(expected);
        // every camelCase key precedes its snake_case twin: 'A'-'Z' < '_'
        for (const [camel, snake] of pairs) {
          expect(expected.indexOf(camel + params[camel])).toBeLessThan(
            expected.indexOf(snake + params[snake]),
          );
        }
      }),
    );
  });

  it('an object parameter signs exactly as its JSON text', () => {
    const jsonValue = fc.jsonValue().filter((v) => v !== null && typeof v === 'object');
    fc.assert(
      fc.property(jsonValue, (value) => {
        const asObject = signParams({ app_key: '1', payload: value }, 'k');
        const asText = signParams({ app_key: '1', payload: JSON.stringify(value) }, 'k');
        expect(asObject).toBe(asText);
      }),
    );
  });
});
