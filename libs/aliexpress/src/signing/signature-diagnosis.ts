import { signParams, type SignedEndpoint } from './gateway-request.builder.js';
import { digestCanonical, joinCanonical, type SignMethod } from './sign-params.js';
import { maskedCanonical } from './secret-params.js';

/** Known ways a hand-rolled client gets the signature wrong, each with its fix. */
export const SIGNATURE_MISTAKES = {
  'method-not-signed': {
    title: '`method` sent but not signed',
    fix: 'sign every parameter you send, `method` included; system interfaces go to /rest{apiPath} without `method`',
  },
  'system-interface-on-sync': {
    title: 'system interface sent to /sync',
    fix: 'POST {base}/rest{apiPath} without `method`',
  },
  'path-prefix-on-sync': {
    title: 'path prefix signed on /sync',
    fix: 'business calls on /sync sign no prefix: only the sorted key+value pairs, `method` included',
  },
  'prefix-missing-on-rest': {
    title: 'API path not signed as prefix on /rest',
    fix: 'system interfaces sign the API path first: "{apiPath}" + the sorted key+value pairs',
  },
  'locale-sort': {
    title: 'keys sorted with localeCompare',
    fix: 'sort keys by code unit (Array.prototype.sort() with no comparator): "pageNo" comes before "page_no"',
  },
  'url-encoded-values': {
    title: 'URL-encoded values signed',
    fix: 'sign the raw UTF-8 values; URL-encode only on the wire, after signing',
  },
  'lowercase-hex': {
    title: 'sign in lowercase hex',
    fix: 'send the sign as uppercase hex (digest("hex").toUpperCase())',
  },
  'timestamp-seconds': {
    title: 'timestamp in seconds',
    fix: 'use milliseconds since the epoch: String(Date.now())',
  },
  'secret-whitespace': {
    title: 'whitespace around the app secret',
    fix: 'remove the space or newline around the secret (check .env files and secret managers)',
  },
  'md5-as-sha256': {
    title: 'MD5 sandwich sent as sha256',
    fix: 'with sign_method=sha256 the sign is HMAC-SHA256(key = secret, message = canonical string)',
  },
  'sha256-as-md5': {
    title: 'HMAC-SHA256 sent as md5',
    fix: 'send sign_method=sha256 with an HMAC-SHA256 sign',
  },
  'md5-on-rest': {
    title: 'md5 signature on a /rest system interface',
    fix: 'system interfaces accept only sign_method=sha256',
  },
  'empty-values-signed': {
    title: 'empty parameters signed',
    fix: 'drop parameters whose value is empty: neither send nor sign them',
  },
} as const;

/** Identifier of a catalogued signature mistake. */
export type SignatureMistakeId = keyof typeof SIGNATURE_MISTAKES;

/** One named mistake, with the fix that makes the sign match. */
export interface SignatureMistake {
  id: SignatureMistakeId;
  title: string;
  fix: string;
}

/** What {@link diagnoseSignature} needs: the request as received, and the app's real secret. */
export interface DiagnoseSignatureInput {
  /** Every received parameter (query and body merged), `sign` and empty values included. */
  params: Readonly<Record<string, string>>;
  secret: string;
  endpoint: SignedEndpoint;
  /** Base URL used in the fixes; default the live gateway. */
  baseUrl?: string;
}

/** Why a sign did not match: what the gateway signed, and the mistakes that explain the sign sent. */
export interface SignatureDiagnosis {
  /** The canonical string the gateway computed, secret-bearing values masked. */
  expectedCanonical: string;
  signMethod: string;
  /** True when the sign sent is the right one (nothing to explain). */
  signMatches: boolean;
  /** Mistakes that reproduce the sign sent, or that the request's shape shows; may be empty. */
  mistakes: SignatureMistake[];
  /** One readable sentence. */
  summary: string;
}

interface Recipe {
  entries: Array<[string, string]>;
  prefix: string;
  secret: string;
  algorithm: SignMethod;
  mistakes: SignatureMistakeId[];
}

type Variation = (recipe: Recipe, ctx: Context) => Recipe[];

interface Context {
  endpoint: SignedEndpoint;
  allEntries: Array<[string, string]>;
  declaredMethod: string;
}

const byCodeUnit = (a: [string, string], b: [string, string]): number =>
  a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;

const add = (recipe: Recipe, id: SignatureMistakeId, change: Partial<Recipe>): Recipe => ({
  ...recipe,
  ...change,
  mistakes: [...recipe.mistakes, id],
});

/** Variations of where and what is signed; each may combine with one detail variation. */
const STRUCTURE: Variation[] = [
  (r) => [r],
  (r) =>
    r.entries.some(([k]) => k === 'method')
      ? [add(r, 'method-not-signed', { entries: r.entries.filter(([k]) => k !== 'method') })]
      : [],
  (r, ctx) => prefixVariants(r, ctx),
  (r, ctx) =>
    r.entries.some(([k]) => k === 'method')
      ? prefixVariants(
          add(r, 'method-not-signed', { entries: r.entries.filter(([k]) => k !== 'method') }),
          ctx,
        )
      : [],
];

function prefixVariants(r: Recipe, ctx: Context): Recipe[] {
  if (ctx.endpoint.kind === 'rest') {
    return [add(r, 'prefix-missing-on-rest', { prefix: '' })];
  }
  const method = ctx.allEntries.find(([k]) => k === 'method')?.[1] ?? '';
  const prefixes = new Set(['/sync']);
  if (method.startsWith('/')) prefixes.add(method);
  else if (method) prefixes.add(`/${method}`);
  return [...prefixes].map((prefix) => add(r, 'path-prefix-on-sync', { prefix }));
}

const SECRET_PADDING = ['\n', '\r\n', ' ', '\t'];

/** Variations of how the string is built or digested. */
const DETAIL: Variation[] = [
  (r) => [r],
  (r) => [
    add(r, 'locale-sort', { entries: [...r.entries].sort((a, b) => a[0].localeCompare(b[0])) }),
  ],
  (r) => {
    const encoded = r.entries.map(([k, v]): [string, string] => [k, encodeURIComponent(v)]);
    const form = r.entries.map(([k, v]): [string, string] => [
      k,
      new URLSearchParams({ v }).toString().slice(2),
    ]);
    const changed = (e: Array<[string, string]>) => e.some(([, v], i) => v !== r.entries[i][1]);
    const out: Recipe[] = [];
    if (changed(encoded)) out.push(add(r, 'url-encoded-values', { entries: encoded }));
    if (changed(form) && form.some(([, v], i) => v !== encoded[i][1]))
      out.push(add(r, 'url-encoded-values', { entries: form }));
    return out;
  },
  (r) => {
    const ts = r.entries.find(([k]) => k === 'timestamp')?.[1];
    if (!ts || !/^\d{13}$/.test(ts)) return [];
    const seconds = String(Math.floor(Number(ts) / 1000));
    return [
      add(r, 'timestamp-seconds', {
        entries: r.entries.map(([k, v]): [string, string] => [k, k === 'timestamp' ? seconds : v]),
      }),
    ];
  },
  (r) =>
    SECRET_PADDING.flatMap((pad) => [
      add(r, 'secret-whitespace', { secret: r.secret + pad }),
      add(r, 'secret-whitespace', { secret: pad + r.secret }),
    ]),
  (r, ctx) => {
    if (r.algorithm === 'sha256') return [add(r, 'md5-as-sha256', { algorithm: 'md5' })];
    return ctx.endpoint.kind === 'sync' ? [add(r, 'sha256-as-md5', { algorithm: 'sha256' })] : [];
  },
  (r, ctx) => {
    if (ctx.allEntries.length === r.entries.length) return [];
    const kept = new Set(r.entries.map(([k]) => k));
    const empties = ctx.allEntries.filter(([k, v]) => v === '' && !kept.has(k));
    if (!empties.length) return [];
    return [
      add(r, 'empty-values-signed', { entries: [...r.entries, ...empties].sort(byCodeUnit) }),
    ];
  },
];

function mistake(id: SignatureMistakeId, ctx: Context, baseUrl: string): SignatureMistake {
  const apiPath =
    ctx.endpoint.kind === 'rest'
      ? ctx.endpoint.apiPath
      : (ctx.allEntries.find(([k]) => k === 'method')?.[1] ?? '');
  const { title, fix } = SIGNATURE_MISTAKES[id];
  return { id, title, fix: fix.replace('{base}', baseUrl).replace('{apiPath}', apiPath) };
}

/**
 * Recomputes the sign the gateway expects and names the catalogued mistakes that reproduce the
 * sign actually sent. The expected sign comes from the request builder every signer here uses;
 * the variations reuse its stages (entries, canonical string, digest) with one detail changed.
 */
export function diagnoseSignature(input: DiagnoseSignatureInput): SignatureDiagnosis {
  const baseUrl = (input.baseUrl ?? 'https://api-sg.aliexpress.com').replace(/\/+$/, '');
  const allEntries = Object.entries(input.params)
    .filter(([k]) => k !== 'sign')
    .sort(byCodeUnit);
  const entries = allEntries.filter(([, v]) => v !== '');
  const declaredMethod = input.params.sign_method ?? 'sha256';
  const ctx: Context = { endpoint: input.endpoint, allEntries, declaredMethod };
  const prefix = input.endpoint.kind === 'rest' ? input.endpoint.apiPath : '';
  const algorithm: SignMethod = declaredMethod === 'md5' ? 'md5' : 'sha256';
  const received = input.params.sign ?? '';
  const base: Recipe = { entries, prefix, secret: input.secret, algorithm, mistakes: [] };
  const expectedCanonical = maskedCanonical(entries, prefix);

  const shape: SignatureMistakeId[] = [];
  const method = input.params.method ?? '';
  if (input.endpoint.kind === 'sync' && method.startsWith('/'))
    shape.push('system-interface-on-sync');
  if (input.endpoint.kind === 'rest' && declaredMethod === 'md5') shape.push('md5-on-rest');

  const expectedSign = signParams(input.params, input.secret, {
    apiPath: prefix,
    signMethod: algorithm,
  });
  const signMatches = received === expectedSign && !shape.includes('md5-on-rest');

  let found: SignatureMistakeId[] | undefined;
  if (!signMatches) {
    const candidates = STRUCTURE.flatMap((s) => s(base, ctx)).flatMap((s) =>
      DETAIL.flatMap((d) => d(s, ctx)),
    );
    candidates.sort((a, b) => a.mistakes.length - b.mistakes.length);
    for (const candidate of candidates) {
      const sign = digestCanonical(
        joinCanonical(candidate.entries, candidate.prefix),
        candidate.secret,
        candidate.algorithm,
      );
      if (sign === received) {
        found = candidate.mistakes;
        break;
      }
      if (sign.toLowerCase() === received) {
        found = [...candidate.mistakes, 'lowercase-hex'];
        break;
      }
    }
  }

  const ids = [...new Set([...(found ?? []), ...shape])];
  // "system interface sent to /sync" explains a path prefix on /sync better than the generic entry
  const shown = ids.includes('system-interface-on-sync')
    ? ids.filter((id) => id !== 'path-prefix-on-sync')
    : ids;
  const mistakes = shown.map((id) => mistake(id, ctx, baseUrl));
  const summary = signMatches
    ? 'the sign is correct'
    : mistakes.length && found
      ? `the sign was computed with: ${mistakes.map((m) => m.title).join(' + ')}`
      : `the sign matches none of the known mistakes${mistakes.length ? ` (request shape: ${mistakes.map((m) => m.title).join(', ')})` : ''}: check the app secret and that every sent parameter is signed`;
  return { expectedCanonical, signMethod: declaredMethod, signMatches, mistakes, summary };
}
