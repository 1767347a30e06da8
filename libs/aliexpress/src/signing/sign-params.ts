import { createHash, createHmac, createSecretKey, type KeyObject } from 'node:crypto';

/** A value a request parameter may hold before it is turned into text for the wire. */
export type ParamValue = string | number | boolean | bigint | null | undefined | object;

/** Request parameters as a caller hands them to the signer or the gateway client. */
export type ParamRecord = Readonly<Record<string, ParamValue>>;

/** The two signature algorithms the gateway knows: HMAC-SHA256, and the legacy MD5 sandwich. */
export type SignMethod = 'sha256' | 'md5';

/** Options of {@link signParams}. */
export interface SignOptions {
  /** The API path of a system interface (`/auth/token/create`); absent for business interfaces. */
  apiPath?: string;
  /** `sha256` (default) or the legacy `md5` sandwich (`/sync` only). */
  signMethod?: SignMethod;
}

/**
 * Turns one parameter value into the text that is both sent and signed, or `undefined` when the
 * parameter is to be left out (null, undefined, empty string). Objects and arrays travel as their
 * JSON text in one form field.
 */
export function paramToWire(value: ParamValue): string | undefined {
  if (value === null || value === undefined) return undefined;
  let text: string;
  switch (typeof value) {
    case 'string':
      text = value;
      break;
    case 'number':
    case 'bigint':
    case 'boolean':
      text = String(value);
      break;
    default:
      text = JSON.stringify(value);
  }
  return text === '' ? undefined : text;
}

/**
 * The parameters exactly as they will be transmitted and signed: blanks dropped, `sign` left out,
 * values as text, keys in plain code-unit order.
 */
export function wireEntries(params: ParamRecord): Array<[string, string]> {
  const keys = sortedKeys(params);
  const entries: Array<[string, string]> = [];
  for (const key of keys) {
    if (key === 'sign') continue;
    const text = paramToWire(params[key]);
    if (text !== undefined) entries.push([key, text]);
  }
  return entries;
}

/** Joins ordered entries into a canonical string: optional prefix, then `key + value` pairs. */
export function joinCanonical(
  entries: ReadonlyArray<readonly [string, string]>,
  prefix = '',
): string {
  let out = prefix;
  for (const [key, value] of entries) out += key + value;
  return out;
}

/**
 * The keys in code-unit order (what `Array.prototype.sort()` without a comparator gives), by
 * insertion sort: requests have a handful of keys, where this beats the generic sort.
 */
function sortedKeys(params: ParamRecord): string[] {
  const keys = Object.keys(params);
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > key) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}

/**
 * The string the gateway signs: the API path for a system interface (nothing for a business one),
 * then every transmitted parameter except `sign` as `key + value`, sorted by code unit.
 */
export function canonicalString(params: ParamRecord, apiPath?: string): string {
  // the same result as joinCanonical(wireEntries(params), apiPath), without the intermediate
  // arrays: this runs on every call
  const keys = sortedKeys(params);
  let out = apiPath ?? '';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key === 'sign') continue;
    const value = params[key];
    const text = typeof value === 'string' ? value : paramToWire(value);
    if (text) out += key + text;
  }
  return out;
}

const hmacKeys = new Map<string, KeyObject>();

/**
 * The HMAC key for a secret, prepared once: an app has one or two secrets, and a prepared key saves
 * a tenth of every sign. The cache is small and bounded.
 */
function hmacKey(secret: string): KeyObject {
  let key = hmacKeys.get(secret);
  if (!key) {
    if (hmacKeys.size >= 32) hmacKeys.clear();
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    hmacKeys.set(secret, key);
  }
  return key;
}

/** Signs an already-built canonical string: uppercase hex of HMAC-SHA256, or of the MD5 sandwich. */
export function digestCanonical(
  canonical: string,
  secret: string,
  signMethod: SignMethod = 'sha256',
): string {
  if (signMethod === 'md5') {
    return createHash('md5')
      .update(secret + canonical + secret, 'utf8')
      .digest('hex')
      .toUpperCase();
  }
  if (signMethod !== 'sha256') {
    throw new TypeError(`Unknown sign method "${String(signMethod)}": use "sha256" or "md5"`);
  }
  return createHmac('sha256', hmacKey(secret))
    .update(canonical, 'utf8')
    .digest('hex')
    .toUpperCase();
}

/**
 * Computes the `sign` parameter of an IOP request. Pure: the client, the mock gateway's verifier
 * and every tool call this one function, so they cannot disagree.
 */
export function signParams(params: ParamRecord, secret: string, options: SignOptions = {}): string {
  return digestCanonical(canonicalString(params, options.apiPath), secret, options.signMethod);
}
