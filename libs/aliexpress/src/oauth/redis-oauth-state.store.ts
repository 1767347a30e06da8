import type { RedisConnection } from '../storage/redis.connection.js';
import type { OAuthStateStore } from './oauth-state.store.js';

/**
 * {@link OAuthStateStore} in Redis: `SET <key> 1 NX PX <ttl>` records a redeemed nonce in one
 * atomic step, so a state completes one authorization across all instances. Keys
 * `<prefix><app>:redeemed-state:{<nonce>}` carry the app key and expire with the state; issuing a state
 * writes nothing.
 */
export class RedisOAuthStateStore implements OAuthStateStore {
  constructor(private readonly redis: RedisConnection) {}

  redeem(nonce: string, ttlMs: number): Promise<boolean> {
    return this.redis.run('redeemState', async (client) => {
      const set = await client.call(
        'SET',
        this.key(nonce),
        '1',
        'NX',
        'PX',
        Math.max(1, Math.ceil(ttlMs)),
      );
      return set === 'OK';
    });
  }

  private key(nonce: string): string {
    // not `state:` as earlier versions, whose records of states in flight would read as redeemed
    return this.redis.appKeyed(`redeemed-state:{${nonce}}`);
  }
}
