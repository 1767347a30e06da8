import { createHash, createHmac } from 'node:crypto';
import { diagnoseSignature } from './signature-diagnosis.js';
import { signParams } from './gateway-request.builder.js';

const SECRET = 'helloworld';
const hmac = (text: string, secret = SECRET) =>
  createHmac('sha256', secret).update(text).digest('hex').toUpperCase();

const tokenParams = {
  app_key: '12345678',
  code: '3_12345678_JxZ05Ux3cnnSSUm6dCxYg6Q26',
  sign_method: 'sha256',
  timestamp: '1517820392000',
};
const businessParams = {
  app_key: '12345678',
  method: 'aliexpress.ds.text.search',
  keyWord: 'phone case',
  page_no: '1',
  pageNo: '2',
  session: 'tok',
  sign_method: 'sha256',
  timestamp: '1517820392000',
};
const canonical = (
  params: Record<string, string>,
  prefix = '',
  sort: (a: string, b: string) => number = (a, b) => (a < b ? -1 : 1),
) =>
  prefix +
  Object.keys(params)
    .sort(sort)
    .map((k) => k + params[k])
    .join('');

const ids = (d: ReturnType<typeof diagnoseSignature>) => d.mistakes.map((m) => m.id);

describe('diagnoseSignature', () => {
  it('accepts a correct sign and names nothing', () => {
    const sign = signParams(tokenParams, SECRET, { apiPath: '/auth/token/create' });
    const d = diagnoseSignature({
      params: { ...tokenParams, sign },
      secret: SECRET,
      endpoint: { kind: 'rest', apiPath: '/auth/token/create' },
    });
    expect(d.signMatches).toBe(true);
    expect(d.mistakes).toEqual([]);
  });

  it('explains the original bug report: /sync?method=/auth/token/create, prefix signed, method unsigned', () => {
    const sent = { ...tokenParams, method: '/auth/token/create' };
    const sign = hmac(canonical(tokenParams, '/auth/token/create'));
    const d = diagnoseSignature({
      params: { ...sent, sign },
      secret: SECRET,
      endpoint: { kind: 'sync' },
    });
    expect(d.signMatches).toBe(false);
    expect(ids(d)).toEqual(['method-not-signed', 'system-interface-on-sync']);
    expect(d.mistakes[1].fix).toBe(
      'POST https://api-sg.aliexpress.com/rest/auth/token/create without `method`',
    );
    // the code is masked in what the diagnosis shows
    expect(d.expectedCanonical).toBe(
      'app_key12345678code***method/auth/token/createsign_methodsha256timestamp1517820392000',
    );
  });

  it('names the missing prefix on /rest', () => {
    const sign = hmac(canonical(tokenParams));
    const d = diagnoseSignature({
      params: { ...tokenParams, sign },
      secret: SECRET,
      endpoint: { kind: 'rest', apiPath: '/auth/token/create' },
    });
    expect(ids(d)).toEqual(['prefix-missing-on-rest']);
  });

  it('names a path prefix on a business /sync call', () => {
    const sign = hmac(canonical(businessParams, '/sync'));
    const d = diagnoseSignature({
      params: { ...businessParams, sign },
      secret: SECRET,
      endpoint: { kind: 'sync' },
    });
    expect(ids(d)).toEqual(['path-prefix-on-sync']);
  });

  it('names locale sort', () => {
    const sign = hmac(canonical(businessParams, '', (a, b) => a.localeCompare(b)));
    const d = diagnoseSignature({
      params: { ...businessParams, sign },
      secret: SECRET,
      endpoint: { kind: 'sync' },
    });
    expect(ids(d)).toEqual(['locale-sort']);
  });

  it('names URL-encoded values', () => {
    const encoded = Object.fromEntries(
      Object.entries(businessParams).map(([k, v]) => [k, encodeURIComponent(v)]),
    );
    const d = diagnoseSignature({
      params: { ...businessParams, sign: hmac(canonical(encoded)) },
      secret: SECRET,
      endpoint: { kind: 'sync' },
    });
    expect(ids(d)).toEqual(['url-encoded-values']);
    const form = Object.fromEntries(
      Object.entries(businessParams).map(([k, v]) => [k, v.replace(/ /g, '+')]),
    );
    const d2 = diagnoseSignature({
      params: { ...businessParams, sign: hmac(canonical(form)) },
      secret: SECRET,
      endpoint: { kind: 'sync' },
    });
    expect(ids(d2)).toEqual(['url-encoded-values']);
  });

  it('names lowercase hex', () => {
    const sign = signParams(businessParams, SECRET).toLowerCase();
    const d = diagnoseSignature({
      params: { ...businessParams, sign },
      secret: SECRET,
      endpoint: { kind: 'sync' },
    });
    expect(ids(d)).toEqual(['lowercase-hex']);
  });

  it('names a timestamp signed in seconds', () => {
    const sign = hmac(canonical({ ...businessParams, timestamp: '1517820392' }));
    const d = diagnoseSignature({
      params: { ...businessParams, sign },
      secret: SECRET,
      endpoint: { kind: 'sync' },
    });
    expect(ids(d)).toEqual(['timestamp-seconds']);
  });

  it('names whitespace around the secret', () => {
    const sign = hmac(canonical(businessParams), `${SECRET}\n`);
    const d = diagnoseSignature({
      params: { ...businessParams, sign },
      secret: SECRET,
      endpoint: { kind: 'sync' },
    });
    expect(ids(d)).toEqual(['secret-whitespace']);
  });

  it('names an MD5 sandwich sent as sha256', () => {
    const sign = createHash('md5')
      .update(SECRET + canonical(businessParams) + SECRET)
      .digest('hex')
      .toUpperCase();
    const d = diagnoseSignature({
      params: { ...businessParams, sign },
      secret: SECRET,
      endpoint: { kind: 'sync' },
    });
    expect(ids(d)).toEqual(['md5-as-sha256']);
  });

  it('names empty parameters that were signed', () => {
    const sent = { ...businessParams, categoryId: '' };
    const sign = hmac(canonical(sent));
    const d = diagnoseSignature({
      params: { ...sent, sign },
      secret: SECRET,
      endpoint: { kind: 'sync' },
    });
    expect(ids(d)).toEqual(['empty-values-signed']);
  });

  it('combines a structural and a detail mistake', () => {
    const sign = hmac(canonical(tokenParams).toString(), ` ${SECRET}`);
    const d = diagnoseSignature({
      params: { ...tokenParams, sign },
      secret: SECRET,
      endpoint: { kind: 'rest', apiPath: '/auth/token/create' },
    });
    expect(ids(d)).toEqual(['prefix-missing-on-rest', 'secret-whitespace']);
  });

  it('says so when a wrong secret explains nothing, without revealing the secret', () => {
    const sign = signParams(businessParams, 'another-secret');
    const d = diagnoseSignature({
      params: { ...businessParams, sign },
      secret: SECRET,
      endpoint: { kind: 'sync' },
    });
    expect(d.mistakes).toEqual([]);
    expect(d.summary).toMatch(/none of the known mistakes/);
    expect(JSON.stringify(d)).not.toContain(SECRET);
    expect(JSON.stringify(d)).not.toContain('tok');
  });
});
