import { hkdfSync } from 'node:crypto';
import { AliexpressConfigurationError } from '../errors/aliexpress.errors';
import { DEFAULT_RETRY, type ResolvedRetryOptions } from '../gateway/retry.policy';
import type {
  AliexpressModuleOptions,
  ResolvedAliexpressOptions,
} from './aliexpress-options.interface';
import {
  validateBaseUrl,
  validateCredential,
  validatePositiveInteger,
} from './credentials.validator';

/** The live gateway. */
export const DEFAULT_BASE_URL = 'https://api-sg.aliexpress.com';
/** Default per-request timeout. */
export const DEFAULT_TIMEOUT_MS = 15_000;
/** Default refresh margin: the platform recommends refreshing 30 minutes before expiry. */
export const DEFAULT_REFRESH_MARGIN_SECONDS = 1800;

const systemClock = { now: () => Date.now() };
const PATH_SEGMENTS = /^[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/;
const COOKIE_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/** An absolute http(s) URL kept exactly as given: `redirect_uri` must equal the registered one byte for byte. */
function optionalUrl(option: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !URL.canParse(value)) {
    throw new AliexpressConfigurationError(
      option,
      'must be an absolute URL, exactly as registered for the app',
    );
  }
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new AliexpressConfigurationError(option, 'must use http or https');
  if (url.hash) throw new AliexpressConfigurationError(option, 'must not carry a fragment');
  return value;
}

function redirectTarget(option: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '')
    throw new AliexpressConfigurationError(option, 'must be a URL or an absolute path');
  if (value.startsWith('/') && !value.startsWith('//')) return value;
  validateBaseUrl(option, value.split(/[?#]/)[0]);
  return value;
}

function encryptionKey(value: unknown): Buffer | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw new AliexpressConfigurationError('tokenEncryptionKey', 'must be a string');
  const key = /^[0-9a-fA-F]{64}$/.test(value)
    ? Buffer.from(value, 'hex')
    : Buffer.from(value, 'base64');
  if (key.length !== 32) {
    throw new AliexpressConfigurationError(
      'tokenEncryptionKey',
      'must be 32 bytes: 64 hex characters or base64 of 32 bytes',
    );
  }
  return key;
}

function fn<T>(option: string, value: T): T {
  if (value !== undefined && typeof value !== 'function')
    throw new AliexpressConfigurationError(option, 'must be a function');
  return value;
}

function retryOptions(value: AliexpressModuleOptions['retry']): ResolvedRetryOptions {
  if (value === undefined) return { ...DEFAULT_RETRY };
  if (typeof value !== 'object' || value === null)
    throw new AliexpressConfigurationError('retry', 'must be an object');
  return {
    maxRetries: validatePositiveInteger(
      'retry.maxRetries',
      value.maxRetries ?? DEFAULT_RETRY.maxRetries,
      true,
    ),
    initialDelayMs: validatePositiveInteger(
      'retry.initialDelayMs',
      value.initialDelayMs ?? DEFAULT_RETRY.initialDelayMs,
    ),
    maxDelayMs: validatePositiveInteger(
      'retry.maxDelayMs',
      value.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs,
    ),
    maxElapsedMs: validatePositiveInteger(
      'retry.maxElapsedMs',
      value.maxElapsedMs ?? DEFAULT_RETRY.maxElapsedMs,
    ),
  };
}

/** Validates module options at startup and applies defaults; a bad option throws naming it. */
export function resolveOptions(
  options: AliexpressModuleOptions | undefined,
): ResolvedAliexpressOptions {
  if (!options || typeof options !== 'object') {
    throw new AliexpressConfigurationError(
      'options',
      'must be an object with at least appKey and appSecret',
    );
  }
  const clock = options.clock ?? systemClock;
  if (typeof clock.now !== 'function') {
    throw new AliexpressConfigurationError(
      'clock',
      'must have a now() method returning epoch milliseconds',
    );
  }
  const appSecret = validateCredential('appSecret', options.appSecret);
  const callbackPath = (options.callbackPath ?? 'aliexpress').replace(/^\/+|\/+$/g, '');
  if (!PATH_SEGMENTS.test(callbackPath)) {
    throw new AliexpressConfigurationError(
      'callbackPath',
      'must be a route path such as "aliexpress" or "integrations/aliexpress"',
    );
  }
  const state = options.state ?? {};
  const cookieName = state.cookieName ?? 'aliexpress_oauth_state';
  if (!COOKIE_NAME.test(cookieName))
    throw new AliexpressConfigurationError('state.cookieName', 'is not a valid cookie name');
  if (
    state.secureCookie !== undefined &&
    state.secureCookie !== 'auto' &&
    typeof state.secureCookie !== 'boolean'
  ) {
    throw new AliexpressConfigurationError('state.secureCookie', 'must be true, false or "auto"');
  }
  const stateSecret =
    state.secret === undefined
      ? Buffer.from(hkdfSync('sha256', appSecret, 'nestjs-aliexpress', 'oauth-state', 32))
      : Buffer.from(validateCredential('state.secret', state.secret), 'utf8');
  for (const [option, port] of [
    ['tokenStore', 'a TokenStore or an AliexpressStorage'],
    ['oauthStateStore', 'an OAuthStateStore'],
    ['refreshLock', 'a RefreshLock'],
  ] as const) {
    const value = options[option];
    if (value !== undefined && (typeof value !== 'object' || value === null))
      throw new AliexpressConfigurationError(option, `must be ${port} instance`);
  }
  return {
    appKey: validateCredential('appKey', options.appKey),
    appSecret,
    redirectUri: optionalUrl('redirectUri', options.redirectUri),
    baseUrl: validateBaseUrl('baseUrl', options.baseUrl ?? DEFAULT_BASE_URL),
    timeoutMs: validatePositiveInteger('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    callbackPath,
    tokenEncryptionKey: encryptionKey(options.tokenEncryptionKey),
    refreshMarginSeconds: validatePositiveInteger(
      'refreshMarginSeconds',
      options.refreshMarginSeconds ?? DEFAULT_REFRESH_MARGIN_SECONDS,
      true,
    ),
    state: {
      ttlSeconds: validatePositiveInteger('state.ttlSeconds', state.ttlSeconds ?? 600),
      cookieName,
      secureCookie: state.secureCookie ?? 'auto',
      secret: stateSecret,
    },
    successRedirect: redirectTarget('successRedirect', options.successRedirect),
    failureRedirect: redirectTarget('failureRedirect', options.failureRedirect),
    afterAuthorization: fn('afterAuthorization', options.afterAuthorization),
    onTokenEvent: fn('onTokenEvent', options.onTokenEvent),
    tokenStore: options.tokenStore,
    oauthStateStore: options.oauthStateStore,
    refreshLock: options.refreshLock,
    retry: retryOptions(options.retry),
    qpsLimit:
      options.qpsLimit === undefined
        ? undefined
        : validatePositiveInteger('qpsLimit', options.qpsLimit),
    clock,
  };
}
