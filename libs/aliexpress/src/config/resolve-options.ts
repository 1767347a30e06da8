import { hkdfSync } from 'node:crypto';
import { AliexpressConfigurationError } from '../errors/aliexpress.errors.js';
import { DEFAULT_RETRY } from '../gateway/retry.policy.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../gateway/gateway.transport.js';
import { methodQpsLimits } from '../pacing/method-qps.limits.js';
import type {
  AliexpressModuleOptions,
  ResolvedAliexpressOptions,
} from './aliexpress-options.interface.js';
import { findOptionProblems } from './aliexpress-options.schema.js';
import { decodeEncryptionKey, normalizeCallbackPath, type OptionContext } from './option.rules.js';

/** The live gateway. */
export const DEFAULT_BASE_URL = 'https://api-sg.aliexpress.com';
/** Default per-request timeout. */
export const DEFAULT_TIMEOUT_MS = 15_000;
/** Default refresh margin: the platform recommends refreshing 30 minutes before expiry. */
export const DEFAULT_REFRESH_MARGIN_SECONDS = 1800;

/** Default route of the order-status webhook. */
export const DEFAULT_WEBHOOK_PATH = 'aliexpress/webhook';

/** Default cap of a push body: the platform's pushes are a few hundred bytes. */
export const DEFAULT_WEBHOOK_MAX_BODY_BYTES = 65_536;

const systemClock = { now: () => Date.now() };

/**
 * Validates module options at startup against the options schema and applies defaults. Every bad
 * option is reported at once, in one {@link AliexpressConfigurationError} that names the options
 * and never their values. `context.oauthController` (set by the module when it serves the OAuth
 * routes) makes `redirectUri` required.
 */
export function resolveOptions(
  options: AliexpressModuleOptions | undefined,
  context: OptionContext = {},
): ResolvedAliexpressOptions {
  const problems = findOptionProblems(options, context);
  if (problems.length || !options) {
    throw new AliexpressConfigurationError({ problems });
  }
  const state = options.state ?? {};
  const retry = options.retry ?? {};
  const sync = options.orderSync ?? {};
  return {
    appKey: options.appKey,
    appSecret: options.appSecret,
    redirectUri: options.redirectUri,
    baseUrl: (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, ''),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    callbackPath: normalizeCallbackPath(options.callbackPath ?? 'aliexpress'),
    tokenEncryptionKey:
      options.tokenEncryptionKey === undefined
        ? undefined
        : decodeEncryptionKey(options.tokenEncryptionKey),
    previousTokenEncryptionKeys: (options.previousTokenEncryptionKeys ?? []).map(
      decodeEncryptionKey,
    ),
    refreshMarginSeconds: options.refreshMarginSeconds ?? DEFAULT_REFRESH_MARGIN_SECONDS,
    state: {
      ttlSeconds: state.ttlSeconds ?? 600,
      cookieName: state.cookieName ?? 'aliexpress_oauth_state',
      secureCookie: state.secureCookie ?? 'auto',
      secret:
        state.secret === undefined
          ? Buffer.from(
              hkdfSync('sha256', options.appSecret, 'nestjs-aliexpress', 'oauth-state', 32),
            )
          : Buffer.from(state.secret, 'utf8'),
    },
    successRedirect: options.successRedirect,
    failureRedirect: options.failureRedirect,
    afterAuthorization: options.afterAuthorization,
    onTokenEvent: options.onTokenEvent,
    tokenStore: options.tokenStore,
    oauthStateStore: options.oauthStateStore,
    refreshLock: options.refreshLock,
    transport: options.transport,
    retry: {
      maxRetries: retry.maxRetries ?? DEFAULT_RETRY.maxRetries,
      initialDelayMs: retry.initialDelayMs ?? DEFAULT_RETRY.initialDelayMs,
      maxDelayMs: retry.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs,
      maxElapsedMs: retry.maxElapsedMs ?? DEFAULT_RETRY.maxElapsedMs,
    },
    qpsLimit: options.qpsLimit,
    qpsLimits: methodQpsLimits(options.qpsLimits),
    clock: options.clock ?? systemClock,
    affiliate: { trackingId: options.affiliate?.trackingId },
    webhookPath: normalizeCallbackPath(options.webhookPath ?? DEFAULT_WEBHOOK_PATH),
    webhookMaxBodyBytes: options.webhookMaxBodyBytes ?? DEFAULT_WEBHOOK_MAX_BODY_BYTES,
    webhookMessageTypes: (options.webhookMessageTypes ?? [53]).map(String),
    orderInbox: options.orderInbox,
    orderSync: {
      // an affiliate-only registration (neither OAuth routes nor webhook) polls nothing unless asked
      enabled: sync.enabled ?? (context.oauthController !== false || context.webhook === true),
      intervalMs: sync.intervalMs ?? 600_000,
      maxCallsPerSecond: sync.maxCallsPerSecond ?? 2,
      finalStatuses: sync.finalStatuses ?? ['FINISH'],
    },
  };
}
