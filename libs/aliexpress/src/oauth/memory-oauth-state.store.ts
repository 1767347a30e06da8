import { ExpiryHeap } from './expiry.heap.js';
import type { OAuthStateStore } from './oauth-state.store.js';

/**
 * The default {@link OAuthStateStore}: redeemed nonces in process memory, on the module's clock.
 * Expired nonces are dropped soonest-first from a min-heap, so a call costs O(log n) however many
 * are kept. Enough for one instance; with several, a state could be replayed on another instance.
 */
export class MemoryOAuthStateStore implements OAuthStateStore {
  private readonly redeemed = new Map<string, number>();
  private readonly expiries = new ExpiryHeap();

  constructor(private readonly now: () => number = Date.now) {}

  /** How many redeemed nonces are kept (those not yet expired, once a call has purged the rest). */
  get size(): number {
    return this.redeemed.size;
  }

  redeem(nonce: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    this.purge(now);
    if (this.redeemed.has(nonce)) return Promise.resolve(false);
    const until = now + Math.max(1, Math.ceil(ttlMs));
    this.redeemed.set(nonce, until);
    this.expiries.push(nonce, until);
    return Promise.resolve(true);
  }

  private purge(now: number): void {
    for (let entry = this.expiries.popExpired(now); entry; entry = this.expiries.popExpired(now)) {
      if (this.redeemed.get(entry.key) === entry.until) this.redeemed.delete(entry.key);
    }
  }
}
