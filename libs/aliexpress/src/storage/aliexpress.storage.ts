import type { OAuthStateStore } from '../oauth/oauth-state.store.js';
import type { RequestPacer } from '../pacing/request.pacer.js';
import type { RefreshLock } from '../tokens/refresh.lock.js';
import type { TokenStore } from '../tokens/token.store.js';

/** The declared tag of an {@link AliexpressStorage}. */
export const STORAGE_KIND = 'aliexpress-storage';

/**
 * Everything the module keeps, from one backend: token pairs, OAuth state, the refresh lock and
 * pacing. Passing one as the `tokenStore` option switches all four at once (e.g.
 * `new RedisTokenStore({ url })` for several instances); per-port options override single ports.
 */
export interface AliexpressStorage {
  /**
   * Declares this object a storage bundle, which tells it apart from a bare `TokenStore` in the
   * `tokenStore` option by what it says it is, not by probing its methods.
   */
  readonly kind: typeof STORAGE_KIND;
  readonly tokens: TokenStore;
  readonly oauthStates: OAuthStateStore;
  readonly refreshLock: RefreshLock;
  /**
   * The pacer for one app key under `qps` calls per second. Everything using the same storage and
   * app key shares its slots (one process in memory, every instance with Redis). Per-method
   * limits ask for `<appKey>/<method>`, so each method has slots of its own.
   */
  pacer(appKey: string, qps: number): RequestPacer;
  /**
   * This storage bound to one app key, so that apps sharing the backend keep apart (the Redis
   * bundle puts the app key in every key and record). The module calls it with its own `appKey`
   * and uses what it returns.
   */
  forApp(appKey: string): AliexpressStorage;
}

/** Injection token of the module's {@link AliexpressStorage} (the one given, or the in-memory one). */
export const AliexpressStorage = Symbol('AliexpressStorage');

/** True when the `tokenStore` option holds a storage bundle rather than a bare token store. */
export function isAliexpressStorage(value: unknown): value is AliexpressStorage {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Partial<AliexpressStorage>).kind === STORAGE_KIND
  );
}
