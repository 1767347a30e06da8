import { MemoryOAuthStateStore } from '../oauth/memory-oauth-state.store.js';
import { IntervalPacer } from '../pacing/interval.pacer.js';
import type { RequestPacer } from '../pacing/request.pacer.js';
import { MemoryRefreshLock } from '../tokens/memory-refresh.lock.js';
import { MemoryTokenStore } from '../tokens/memory-token.store.js';
import { STORAGE_KIND, type AliexpressStorage } from './aliexpress.storage.js';

/**
 * The default {@link AliexpressStorage}: all four ports in process memory. Right for one instance;
 * with several, use a shared backend such as `RedisTokenStore`.
 */
export class MemoryStorage implements AliexpressStorage {
  readonly kind = STORAGE_KIND;
  readonly tokens = new MemoryTokenStore();
  readonly oauthStates: MemoryOAuthStateStore;
  readonly refreshLock = new MemoryRefreshLock();
  private readonly pacers = new Map<string, RequestPacer>();

  /** `now`: the clock OAuth state expires on (the module passes its `clock`). */
  constructor(now: () => number = Date.now) {
    this.oauthStates = new MemoryOAuthStateStore(now);
  }

  /**
   * In memory the storage is the process's own: each module gets a fresh one unless the app hands
   * the same object to several, and then they share it (give each app its own to keep them apart).
   */
  forApp(): AliexpressStorage {
    return this;
  }

  /** One pacer per app key and QPS, so that registrations sharing this storage pace together. */
  pacer(appKey: string, qps: number): RequestPacer {
    const key = `${qps}:${appKey}`;
    let pacer = this.pacers.get(key);
    if (!pacer) {
      pacer = new IntervalPacer(qps);
      this.pacers.set(key, pacer);
    }
    return pacer;
  }
}
