import { createHash, createHmac } from 'node:crypto';

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
  const keys = Object.keys(params).sort();
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
 * The string the gateway signs: the API path for a system interface (nothing for a business one),
 * then every transmitted parameter except `sign` as `key + value`, sorted by code unit.
 */
export function canonicalString(params: ParamRecord, apiPath?: string): string {
  return joinCanonical(wireEntries(params), apiPath ?? '');
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
  return createHmac('sha256', Buffer.from(secret, 'utf8'))
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
