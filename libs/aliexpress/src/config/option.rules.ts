/**
 * The rules behind the module's option schema, one pure function per kind of option. Each returns
 * what is wrong with a value, phrased to follow the option's name ("is missing", "must use http or
 * https"), or `undefined` when the value is fine. None of them ever quotes the value: options hold
 * secrets, and these texts end up in logs.
 */

import { isAliexpressStorage } from '../storage/aliexpress.storage.js';

/** A rule: the problem with a value, or `undefined`. `options` is the object the value sits in. */
export type OptionRule = (value: unknown, options: object) => string | undefined;

const INVISIBLE: Array<[RegExp, string]> = [
  [/\r?\n/, 'a newline'],
  [/\t/, 'a tab'],
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  [/[\u0000-\u001f\u007f-\u009f]/, 'a control character'],
  [
    /[\u200b-\u200f\u2028-\u202f\u2060\ufeff]/,
    'an invisible Unicode character (zero-width space, BOM…)',
  ],
  [/[\u00a0\u2000-\u200a\u3000]/, 'a non-breaking or typographic space'],
];

/**
 * An app key or secret as the gateway will see it. Surrounding whitespace and invisible characters
 * are the most common hidden cause of `IncompleteSignature`, so they are refused instead of being
 * silently trimmed.
 */
export const credentialRule: OptionRule = (value) => {
  if (value === undefined || value === null) return 'is missing';
  if (typeof value !== 'string') return `must be a string, got ${typeof value}`;
  if (value.length === 0) return 'is empty';
  for (const [pattern, what] of INVISIBLE) {
    if (new RegExp(`^(${pattern.source})|(${pattern.source})$`).test(value)) {
      const where = new RegExp(`^(${pattern.source})`).test(value) ? 'starts' : 'ends';
      return `${where} with ${what} (copied from a file or a secret manager?); remove it, it would be signed`;
    }
  }
  if (value.trim() !== value) {
    const where = /^\s/.test(value) ? 'starts' : 'ends';
    return `${where} with whitespace (copied from a file or a secret manager?); remove it, it would be signed`;
  }
  for (const [pattern, what] of INVISIBLE) {
    if (pattern.test(value)) return `contains ${what}; remove it, it would be signed`;
  }
  return undefined;
};

/** An absolute http(s) URL without query string or fragment, such as the gateway's base URL. */
export const baseUrlRule: OptionRule = (value) => {
  if (typeof value !== 'string' || value.length === 0) return 'must be an absolute http(s) URL';
  if (!URL.canParse(value)) return 'is not an absolute URL';
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must use http or https';
  if (url.search || url.hash) return 'must not carry a query string or fragment';
  return undefined;
};

/** What the registration serves: the OAuth routes need `redirectUri`; either route turns order sync on by default. */
export interface OptionContext {
  oauthController?: boolean;
  /** Whether the registration serves the order-status webhook. */
  webhook?: boolean;
}

/**
 * The registered callback URL: absolute http(s), no fragment, kept byte for byte (`redirect_uri`
 * must equal the registered one). Required only when the OAuth controller is registered.
 */
export const redirectUriRule: OptionRule = (value) => {
  if (value === undefined)
    return 'is required by the OAuth controller (or register with controller: false)';
  if (typeof value !== 'string' || !URL.canParse(value))
    return 'must be an absolute URL, exactly as registered for the app';
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must use http or https';
  if (url.hash) return 'must not carry a fragment';
  return undefined;
};

/** Where to send the browser after the callback: an absolute path on this site or an http(s) URL. */
export const redirectTargetRule: OptionRule = (value, options) => {
  if (typeof value !== 'string' || value === '') return 'must be a URL or an absolute path';
  if (value.startsWith('/') && !value.startsWith('//')) return undefined;
  return baseUrlRule(value.split(/[?#]/)[0], options);
};

const PATH_SEGMENTS = /^[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/;

/** The OAuth controller's route prefix, once surrounding slashes are removed. */
export function normalizeCallbackPath(value: string): string {
  return value.replace(/^\/+|\/+$/g, '');
}

/** A route path such as `aliexpress` or `integrations/aliexpress` (surrounding slashes allowed). */
export const callbackPathRule: OptionRule = (value) =>
  typeof value === 'string' && PATH_SEGMENTS.test(normalizeCallbackPath(value))
    ? undefined
    : 'must be a route path such as "aliexpress" or "integrations/aliexpress"';

/** The 32-byte key a `tokenEncryptionKey` string stands for: 64 hex characters, or base64. */
export function decodeEncryptionKey(value: string): Buffer {
  return /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
}

/** An AES-256 key: 32 bytes given as 64 hex characters or base64. */
export const encryptionKeyRule: OptionRule = (value) => {
  if (typeof value !== 'string') return 'must be a string';
  return decodeEncryptionKey(value).length === 32
    ? undefined
    : 'must be 32 bytes: 64 hex characters or base64 of 32 bytes';
};

/**
 * Keys that only read (`previousTokenEncryptionKeys`): a list of {@link encryptionKeyRule} keys.
 * A bad one is named by its position, never by its value.
 */
export const previousEncryptionKeysRule: OptionRule = (value, options) => {
  if (!Array.isArray(value))
    return 'must be a list of keys (64 hex characters or base64 of 32 bytes each)';
  for (const [i, key] of value.entries()) {
    const problem = encryptionKeyRule(key, options);
    if (problem) return `[${i}] ${problem}`;
  }
  return undefined;
};

/** The methods every token store implements. */
export const TOKEN_STORE_METHODS = ['get', 'set', 'compareAndSet', 'delete', 'list'] as const;

/** What an object lacks of a port's methods, as a problem text, or undefined when it has them all. */
function portProblem(value: unknown, port: string, methods: readonly string[]): string | undefined {
  if (typeof value !== 'object' || value === null) return `must be ${port} instance`;
  const missing = methods.filter(
    (m) => typeof (value as Record<string, unknown>)[m] !== 'function',
  );
  return missing.length ? `lacks ${missing.join(', ')}` : undefined;
}

/**
 * An `OAuthStateStore`: `redeem`. A store of the earlier shape (`save`, `take`: one record per
 * issued state) is named as such, since issuing no longer stores anything.
 */
export const oauthStateStoreRule: OptionRule = (value) => {
  const problem = portProblem(value, 'an OAuthStateStore', ['redeem']);
  const legacy =
    problem?.startsWith('lacks') && typeof (value as Record<string, unknown>).take === 'function';
  return legacy
    ? `${problem} (an OAuthStateStore keeps redeemed nonces now: redeem(nonce, ttlMs) replaces save and take)`
    : problem;
};

/** A `GatewayTransport`: `post`. */
export const transportRule: OptionRule = (value) =>
  portProblem(value, 'a GatewayTransport', ['post']);

/** An `OrderInbox`: `put`, `start`, `stop`, `counts`; `claim` and `forApp`, when given, are methods. */
export const orderInboxRule: OptionRule = (value) => {
  const problem = portProblem(value, 'an OrderInbox', ['put', 'start', 'stop', 'counts']);
  if (problem) return problem;
  const optional = ['claim', 'forApp'].filter((m) => {
    const member = (value as Record<string, unknown>)[m];
    return member !== undefined && typeof member !== 'function';
  });
  return optional.length ? `has a ${optional.join(', ')} that is not a function` : undefined;
};

/** A non-empty list of push `message_type` numbers such as 53. */
export const messageTypesRule: OptionRule = (value) =>
  Array.isArray(value) && value.length > 0 && value.every((t) => Number.isSafeInteger(t) && t >= 0)
    ? undefined
    : 'must be a non-empty list of message_type numbers such as 53';

/** A list of order status codes such as `FINISH`. */
export const statusListRule: OptionRule = (value) =>
  Array.isArray(value) && value.every((s) => typeof s === 'string' && /^[A-Za-z_]{1,64}$/.test(s))
    ? undefined
    : 'must be a list of status codes such as "FINISH"';

/** A `RefreshLock`: `acquire`. */
export const refreshLockRule: OptionRule = (value) =>
  portProblem(value, 'a RefreshLock', ['acquire']);

/**
 * A `TokenStore` (the {@link TOKEN_STORE_METHODS}), or an `AliexpressStorage` bundle (tagged by
 * its `kind`) whose token store, state store, refresh lock and pacer factory are all complete.
 */
export const tokenStoreRule: OptionRule = (value) => {
  if (!isAliexpressStorage(value))
    return portProblem(value, 'a TokenStore or an AliexpressStorage', TOKEN_STORE_METHODS);
  const parts: Array<[string, string | undefined]> = [
    ['', portProblem(value, 'an AliexpressStorage', ['pacer', 'forApp'])],
    ['.tokens', portProblem(value.tokens, 'a TokenStore', TOKEN_STORE_METHODS)],
    ['.oauthStates', oauthStateStoreRule(value.oauthStates, value)],
    ['.refreshLock', refreshLockRule(value.refreshLock, value)],
  ];
  const problems = parts.filter(([, p]) => p).map(([part, p]) => `(${`storage${part}`}) ${p}`);
  return problems.length ? problems.join('; ') : undefined;
};

/** A clock: an object whose `now()` returns epoch milliseconds. */
export const clockRule: OptionRule = (value) =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Record<string, unknown>).now === 'function'
    ? undefined
    : 'must have a now() method returning epoch milliseconds';

/** A callback. */
export const functionRule: OptionRule = (value) =>
  typeof value === 'function' ? undefined : 'must be a function';

/** A list of class decorators (functions). */
export const decoratorsRule: OptionRule = (value) =>
  Array.isArray(value) && value.every((d) => typeof d === 'function')
    ? undefined
    : 'must be class decorators';

/**
 * The per-method QPS limits: `false`, or an object from API names (`aliexpress.ds.address.get`)
 * to positive whole numbers of calls per second.
 */
export const methodQpsRule: OptionRule = (value) => {
  if (value === false) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'must be false or an object of API name to calls per second';
  for (const [method, qps] of Object.entries(value as Record<string, unknown>)) {
    if (!/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)+$/.test(method))
      return `has a key that is not an API name such as "aliexpress.ds.product.get"`;
    if (typeof qps !== 'number' || !Number.isInteger(qps) || qps < 1)
      return `.${method} must be a positive whole number`;
  }
  return undefined;
};
