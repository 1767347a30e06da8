import type { GatewayTransport } from '../gateway/gateway.transport.js';
import type { ResolvedRetryOptions, RetryOptions } from '../gateway/retry.policy.js';
import type { AliexpressAccount } from '../tokens/aliexpress-token.interface.js';
import type { AliexpressTokenEvent } from '../tokens/token-events.js';
import type { OAuthStateStore } from '../oauth/oauth-state.store.js';
import type { OrderInbox } from '../orders/order.inbox.js';
import type { AliexpressStorage } from '../storage/aliexpress.storage.js';
import type { RefreshLock } from '../tokens/refresh.lock.js';
import type { TokenStore } from '../tokens/token.store.js';

/** A source of the current time in epoch milliseconds; tests share one with the mock gateway. */
export interface Clock {
  now(): number;
}

/** Settings of the OAuth `state` and of the cookie that binds it to the browser. */
export interface OAuthStateOptions {
  /** How long a started authorization stays valid; default 600 s. */
  ttlSeconds?: number;
  /** Cookie name; default `aliexpress_oauth_state`. */
  cookieName?: string;
  /**
   * Key that signs `state` and its cookie. Default: derived from `appSecret` (HKDF), so every
   * instance of the app agrees without more configuration.
   */
  secret?: string;
  /** `Secure` cookie: `auto` (default) sets it when the request came over https. */
  secureCookie?: boolean | 'auto';
}

/** What the after-authorization hook receives besides the account. */
export interface AuthorizationContext {
  /** The `returnTo` path the flow was started with, if any. */
  returnTo?: string;
  /** The platform's request (Express or Fastify): Express `Request` or `FastifyRequest`. */
  request: unknown;
}

/** Settings of the affiliate APIs (`AffiliateService`). */
export interface AffiliateOptions {
  /**
   * The tracking id (created in the affiliate portal) promotion links and product links carry,
   * so sales are credited to you; each call may override it.
   */
  trackingId?: string;
}

/** Settings of `OrderSyncService`, the low-rate poller that catches lost pushes. */
export interface OrderSyncOptions {
  /**
   * Poll on a timer; default true when the registration serves the OAuth routes or the webhook,
   * false with `controller: false` alone (`OrderSyncService.syncNow()` works either way).
   */
  enabled?: boolean;
  /** Time between two passes over the tracked orders; default 600 000 ms (10 min). */
  intervalMs?: number;
  /** At most this many `order.get` calls per second during a pass; default 2. */
  maxCallsPerSecond?: number;
  /** `order_status` values after which an order is no longer polled; default `['FINISH']`. */
  finalStatuses?: string[];
}

/** Options of `AliexpressModule.forRoot` / `forRootAsync`. */
export interface AliexpressModuleOptions {
  /** The app key of your AliExpress Open Platform app. */
  appKey: string;
  /** The app secret. Checked at startup for whitespace and invisible characters, never trimmed. */
  appSecret: string;
  /**
   * The callback URL registered for the app (absolute); it must equal the registered one and
   * reach `<callbackPath>/callback`. Required by the OAuth routes.
   */
  redirectUri?: string;
  /** Gateway base URL; default `https://api-sg.aliexpress.com`. */
  baseUrl?: string;
  /** Per-request timeout in milliseconds; default 15000. */
  timeoutMs?: number;
  /**
   * The largest gateway answer read, in bytes; default 4 MiB (4194304), at most 16 MiB. A larger
   * answer is not downloaded further: the connection is closed and the call fails, never
   * retried, with `AliexpressTransportError` of kind `response-too-large`.
   */
  maxResponseBytes?: number;
  /** Route prefix of the OAuth controller; default `aliexpress` (`/aliexpress/authorize`, `/aliexpress/callback`). */
  callbackPath?: string;
  /**
   * Where token pairs live; default in memory (one process only). Given an `AliexpressStorage`
   * such as `new RedisTokenStore({ url })`, OAuth state, the refresh lock and pacing live there
   * too, so several instances share all of them.
   */
  tokenStore?: TokenStore | AliexpressStorage;
  /** Overrides where OAuth state waits for its callback (default: the storage's, else memory). */
  oauthStateStore?: OAuthStateStore;
  /** Overrides the per-account refresh lock (default: the storage's, else memory). */
  refreshLock?: RefreshLock;
  /**
   * How requests reach the gateway; default: a private axios instance
   * (`AxiosGatewayTransport`). `new NodeHttpGatewayTransport()` spends less CPU per call.
   */
  transport?: GatewayTransport;
  /**
   * Encrypts access and refresh tokens at rest in any store (AES-256-GCM): 32 bytes as 64 hex
   * characters or base64. Records stored in clear before it was set are encrypted when read.
   */
  tokenEncryptionKey?: string;
  /**
   * Former `tokenEncryptionKey`s, same format: records under them are still read, and re-written
   * under the current key when read. Drop a key once no record uses it (see the key rotation
   * steps in docs/oauth-and-tokens.md). Given without `tokenEncryptionKey`, records are read under
   * these keys and written in clear (a step of switching encryption on or off across instances).
   */
  previousTokenEncryptionKeys?: string[];
  /** Refresh this long before the access token expires; default 1800 s, the platform's advice. */
  refreshMarginSeconds?: number;
  /** OAuth `state` and cookie settings. */
  state?: OAuthStateOptions;
  /** After a successful callback, redirect here (when no `returnTo` was given) instead of answering JSON. */
  successRedirect?: string;
  /** After a failed callback, redirect here with `?error=<reason>&error_description=…` instead of answering 4xx JSON. */
  failureRedirect?: string;
  /** Called after an account was authorized and its tokens stored. Throw an `HttpException` to answer it instead. */
  afterAuthorization?: (account: AliexpressAccount, context: AuthorizationContext) => unknown;
  /** Called on token events: issued, refreshed, reauthorization-required, disconnected. Errors are logged, not thrown. */
  onTokenEvent?: (event: AliexpressTokenEvent) => unknown;
  /** Retries of dropshipping reads on transient failures; `createOrder` follows its own rule. */
  retry?: RetryOptions;
  /** Client-side pacing: at most this many gateway calls per second for the app (bursts queue). */
  qpsLimit?: number;
  /**
   * Per-method pacing, on top of `qpsLimit`: calls per second by API name. The platform's
   * documented limits apply by default (3 for `aliexpress.ds.feed.itemids.get`, 4 for
   * `aliexpress.ds.address.get`, 15 for image search, 150 for order creation, 500 for
   * `aliexpress.ds.product.get`…); entries here override them one by one, and `false` turns
   * per-method pacing off (e.g. once the platform raised your app's quotas).
   */
  qpsLimits?: Record<string, number> | false;
  /** The clock used for `timestamp` and token expiry; default `Date.now`. */
  clock?: Clock;
  /** Affiliate settings: the default `trackingId` of `AffiliateService` calls. */
  affiliate?: AffiliateOptions;
  /** Route of the order-status webhook; default `aliexpress/webhook` (`POST /aliexpress/webhook`). */
  webhookPath?: string;
  /** Largest push body accepted, in bytes (413 past it); default 65 536. */
  webhookMaxBodyBytes?: number;
  /**
   * `message_type` values read as order-status pushes; default `[53]`. The platform warns the
   * number may change: add the new one here; other types are acknowledged and ignored.
   */
  webhookMessageTypes?: number[];
  /**
   * Where verified pushes wait for processing; default in memory (`MemoryOrderInbox`, one
   * process). `new BullMqOrderInbox({ url })` shares one queue between instances and survives restarts.
   */
  orderInbox?: OrderInbox;
  /** The order poller's settings. */
  orderSync?: OrderSyncOptions;
}

/** The options after validation, with every default applied. */
export interface ResolvedAliexpressOptions {
  appKey: string;
  appSecret: string;
  redirectUri?: string;
  baseUrl: string;
  timeoutMs: number;
  maxResponseBytes: number;
  callbackPath: string;
  tokenEncryptionKey?: Buffer;
  /** Read-only keys (empty: none). */
  previousTokenEncryptionKeys: Buffer[];
  refreshMarginSeconds: number;
  state: Required<Omit<OAuthStateOptions, 'secret'>> & { secret: Buffer };
  successRedirect?: string;
  failureRedirect?: string;
  afterAuthorization?: AliexpressModuleOptions['afterAuthorization'];
  onTokenEvent?: AliexpressModuleOptions['onTokenEvent'];
  tokenStore?: TokenStore | AliexpressStorage;
  oauthStateStore?: OAuthStateStore;
  refreshLock?: RefreshLock;
  transport?: GatewayTransport;
  retry: ResolvedRetryOptions;
  qpsLimit?: number;
  /** The per-method limits in force: the documented defaults with the overrides applied. */
  qpsLimits: Readonly<Record<string, number>>;
  clock: Clock;
  /** Affiliate settings (an empty object when none were given). */
  affiliate: AffiliateOptions;
  webhookPath: string;
  webhookMaxBodyBytes: number;
  /** As decimal strings, the way the push reader compares them. */
  webhookMessageTypes: readonly string[];
  orderInbox?: OrderInbox;
  orderSync: Required<OrderSyncOptions>;
}
