import { digestCanonical, wireRequest, type ParamRecord, type SignOptions } from './sign-params.js';

/**
 * Where a request goes, as far as the signature is concerned: a system interface on
 * `/rest{apiPath}` (the path is signed as a prefix, no `method`) or a business interface on `/sync`
 * (`method` is a signed parameter, no prefix).
 */
export type SignedEndpoint = { kind: 'rest'; apiPath: string } | { kind: 'sync' };

const API_PATH = /^\/[A-Za-z0-9_.\-/]+$/;
const METHOD_NAME = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)+$/;

/** True for a system interface path such as `/auth/token/create`. */
export function isApiPath(value: unknown): boolean {
  return typeof value === 'string' && API_PATH.test(value);
}

/** True for a business interface name such as `aliexpress.ds.product.get`. */
export function isMethodName(value: unknown): boolean {
  return typeof value === 'string' && METHOD_NAME.test(value);
}

/** The endpoint of an API given by path (`/auth/token/create`) or name; undefined for neither. */
export function endpointOf(api: string): SignedEndpoint | undefined {
  if (isApiPath(api)) return { kind: 'rest', apiPath: api };
  return isMethodName(api) ? { kind: 'sync' } : undefined;
}

/** The URL path a request to this endpoint is POSTed to: `/rest{apiPath}` or `/sync`. */
export function endpointUrlPath(endpoint: SignedEndpoint): string {
  return endpoint.kind === 'rest' ? `/rest${endpoint.apiPath}` : '/sync';
}

/** What the builder needs for one gateway call, besides the secret. */
export interface GatewayCall {
  /** A system API path (`/auth/token/create`) or a business API name (`aliexpress.ds.product.get`). */
  api: string;
  /** The caller's own parameters. */
  params: ParamRecord;
  appKey: string;
  /** Epoch milliseconds, taken when the request really leaves. */
  timestamp: string;
  /** The access token of a business call, sent as `session`. */
  session?: string;
}

/** A request built for the wire: what is sent is exactly what was signed. */
export interface SignedRequest {
  /** The parameters as sent, in canonical order, `sign` excluded. */
  entries: Array<[string, string]>;
  /** The string that was signed (secret-bearing values included: never log it as is). */
  canonical: string;
  sign: string;
}

/** A complete gateway request: endpoint, URL path, signed parameters and the form body. */
export interface BuiltGatewayRequest extends SignedRequest {
  endpoint: SignedEndpoint;
  /** `/rest{apiPath}` or `/sync`, to append to the base URL. */
  path: string;
  /** `application/x-www-form-urlencoded` body: the entries, then `sign`. */
  body: string;
}

/**
 * Stages 1 to 4 of the builder: parameters → wire entries → canonical string → sign. Every signer
 * here (the client, {@link signParams}, the mock gateway's verifier, the doctor) goes through it.
 */
export function signRequestParams(
  params: ParamRecord,
  secret: string,
  options: SignOptions = {},
): SignedRequest {
  const { entries, canonical } = wireRequest(params, options.apiPath);
  return { entries, canonical, sign: digestCanonical(canonical, secret, options.signMethod) };
}

/**
 * One form component, encoded exactly as `URLSearchParams` writes it (WHATWG
 * application/x-www-form-urlencoded: space as `+`, only `*-._` and alphanumerics left as they are),
 * without building a `URLSearchParams` per request.
 */
function formComponent(text: string): string {
  let encoded: string;
  try {
    encoded = encodeURIComponent(text);
  } catch {
    // a lone surrogate: URLSearchParams writes it as U+FFFD, and so do we
    encoded = encodeURIComponent(
      text.replace(
        /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
        '\uFFFD',
      ),
    );
  }
  return encoded.replace(/%20|[!'()~]/g, (c) =>
    c === '%20' ? '+' : `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Stage 5: the form body of a signed request, the entries as signed and then `sign`. */
export function formBody(signed: Pick<SignedRequest, 'entries' | 'sign'>): string {
  let body = '';
  for (const [key, value] of signed.entries)
    body += `${formComponent(key)}=${formComponent(value)}&`;
  return `${body}sign=${formComponent(signed.sign)}`;
}

/**
 * The full parameter set of a call: a system call adds `app_key`, `sign_method` and `timestamp`;
 * a business call also adds `format=json` (overridable), `method` and `session` when given.
 */
export function callParams(call: GatewayCall, endpoint: SignedEndpoint): ParamRecord {
  const common = { app_key: call.appKey, sign_method: 'sha256', timestamp: call.timestamp };
  if (endpoint.kind === 'rest') return { ...call.params, ...common };
  const business: Record<string, unknown> = {
    format: 'json',
    ...call.params,
    ...common,
    method: call.api,
  };
  if (call.session !== undefined) business.session = call.session;
  return business as ParamRecord;
}

/**
 * Builds a whole gateway request: endpoint from the API path or name, the protocol's parameters,
 * the signature and the body. Throws a `TypeError` for an API that is neither a path nor a name
 * (callers check first and report it their own way).
 */
export function buildGatewayRequest(call: GatewayCall, secret: string): BuiltGatewayRequest {
  const endpoint = endpointOf(call.api);
  if (!endpoint) throw new TypeError('the API is neither an API path nor an API name');
  const apiPath = endpoint.kind === 'rest' ? endpoint.apiPath : undefined;
  const signed = signRequestParams(callParams(call, endpoint), secret, { apiPath });
  return { ...signed, endpoint, path: endpointUrlPath(endpoint), body: formBody(signed) };
}

/**
 * The string the gateway signs: the API path for a system interface (nothing for a business one),
 * then every transmitted parameter except `sign` as `key + value`, sorted by code unit. The
 * builder's stages 1 and 2.
 */
export function canonicalString(params: ParamRecord, apiPath?: string): string {
  return wireRequest(params, apiPath).canonical;
}

/**
 * Computes the `sign` parameter of an IOP request: the public face of the request builder
 * ({@link signRequestParams}), the same code path the client, the mock gateway's verifier and the
 * doctor run, so they cannot disagree.
 */
export function signParams(params: ParamRecord, secret: string, options: SignOptions = {}): string {
  return signRequestParams(params, secret, options).sign;
}
