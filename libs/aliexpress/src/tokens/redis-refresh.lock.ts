import { randomBytes } from 'node:crypto';
import type { RedisConnection } from '../storage/redis.connection';
import type { RefreshLock, RefreshLockHandle } from './refresh.lock';

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * {@link RefreshLock} in Redis, shared by every instance: `SET NX PX` with a random owner, released
 * by a script that deletes the key only for its owner (an expired holder cannot free the next
 * one's lock). The key carries the app key and shares the account's hash tag
 * (`<prefix>{<app>:acct:<id>}:refresh-lock`), so it lives on the token's cluster slot.
 */
export class RedisRefreshLock implements RefreshLock {
  constructor(private readonly redis: RedisConnection) {}

  acquire(accountId: string, ttlMs: number): Promise<RefreshLockHandle | undefined> {
    return this.redis.run('acquireRefreshLock', async (client) => {
      const key = this.redis.accountKey(accountId, 'refresh-lock');
      const owner = randomBytes(16).toString('hex');
      const got = await client.call('SET', key, owner, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX');
      if (got !== 'OK') return undefined;
      return {
        release: () =>
          this.redis.run('releaseRefreshLock', async (c) => {
            await c.call('EVAL', RELEASE, 1, key, owner);
          }),
      };
    });
  }
}
