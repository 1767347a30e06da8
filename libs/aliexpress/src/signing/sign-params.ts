import { createHash, createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { jsonText } from './json-text.js';

/** A value a request parameter may hold before it is turned into text for the wire. */
export type ParamValue = string | number | boolean | bigint | null | undefined | object;

/** Request parameters as a caller hands them to the signer or the gateway client. */
export type ParamRecord = Readonly<Record<string, ParamValue>>;

/** The two signature algorithms the gateway knows: HMAC-SHA256, and the legacy MD5 sandwich. */
export type SignMethod = 'sha256' | 'md5';

/** Options of `signParams` and the request builder (gateway-request.builder). */
export interface SignOptions {
  /** The API path of a system interface (`/auth/token/create`); absent for business interfaces. */
  apiPath?: string;
  /** `sha256` (default) or the legacy `md5` sandwich (`/sync` only). */
  signMethod?: SignMethod;
}

/**
 * Turns one parameter value into the text that is both sent and signed, or `undefined` when the
 * parameter is to be left out (null, undefined, empty string). Objects and arrays travel as their
 * JSON text in one form field ({@link jsonText}).
 */
export function paramToWire(value: ParamValue): string | undefined {
  const text = typeof value === 'string' ? value : jsonText(value);
  return text === '' ? undefined : text;
}

/** The parameters as they go on the wire, and the canonical string signed over them. */
export interface WireRequest {
  /** The parameters as sent, in canonical order, `sign` excluded. */
  entries: Array<[string, string]>;
  /** The prefix (API path or nothing), then every entry as `key + value`. */
  canonical: string;
}

/**
 * Stages 1 and 2 of the request builder in one pass: the parameters exactly as they will be
 * transmitted and signed (blanks dropped, `sign` left out, values as text, keys in plain code-unit
 * order) and the canonical string over them with its optional prefix.
 */
export function wireRequest(params: ParamRecord, prefix = ''): WireRequest {
  const keys = sortedKeys(params);
  const entries: Array<[string, string]> = [];
  let canonical = prefix;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key === 'sign') continue;
    const value = params[key];
    // strings, nearly every parameter, skip the call; '' and undefined are both left out
    const text = typeof value === 'string' ? value : paramToWire(value);
    if (text) {
      entries.push([key, text]);
      canonical += key + text;
    }
  }
  return { entries, canonical };
}

/** The parameters exactly as they will be transmitted and signed ({@link wireRequest}'s entries). */
export function wireEntries(params: ParamRecord): Array<[string, string]> {
  return wireRequest(params).entries;
}

/** Joins ordered entries into a canonical string: optional prefix, then `key + value` pairs. */
export function joinCanonical(
  entries: ReadonlyArray<readonly [string, string]>,
  prefix = '',
): string {
  let out = prefix;
  for (let i = 0; i < entries.length; i++) out += entries[i][0] + entries[i][1];
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
