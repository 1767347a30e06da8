import type { RedisConnection } from '../storage/redis.connection';
import type { OAuthStateRecord, OAuthStateStore } from './oauth-state.store';

/**
 * {@link OAuthStateStore} in Redis: a callback reaching any instance finds the state, and `GETDEL`
 * makes it single use across all of them. Keys `<prefix><app>:state:{<nonce>}`
 * carry the app key and expire with the state.
 */
export class RedisOAuthStateStore implements OAuthStateStore {
  constructor(private readonly redis: RedisConnection) {}

  save(nonce: string, record: OAuthStateRecord, ttlMs: number): Promise<void> {
    return this.redis.run('saveState', async (client) => {
      await client.call(
        'SET',
        this.key(nonce),
        JSON.stringify(record),
        'PX',
        Math.max(1, Math.ceil(ttlMs)),
      );
    });
  }

  take(nonce: string): Promise<OAuthStateRecord | undefined> {
    return this.redis.run('takeState', async (client) => {
      const raw = (await client.call('GETDEL', this.key(nonce))) as string | null;
      return raw ? (JSON.parse(raw) as OAuthStateRecord) : undefined;
    });
  }

  private key(nonce: string): string {
    return this.redis.appKeyed(`state:{${nonce}}`);
  }
}
