import { randomBytes } from 'node:crypto';
import type { RedisConnection } from '../storage/redis.connection.js';
import type { RefreshLock, RefreshLockHandle } from './refresh.lock.js';

// One key per account: `<owner> <lease end>` (ms on Redis's clock), kept twice the lease, so that
// after a lease lapsed the next holder still learns that its holder never released it.
const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

// answers 0 (held), 1 (taken), 2 (taken over a lapsed lease)
const ACQUIRE = `${NOW}
local ttl = tonumber(ARGV[2])
local current = redis.call('GET', KEYS[1])
if current and tonumber(string.match(current, ' (%d+)$')) > now then return 0 end
redis.call('SET', KEYS[1], ARGV[1] .. ' ' .. (now + ttl), 'PX', 2 * ttl)
if current then return 2 end
return 1`;

const RELEASE = `
local current = redis.call('GET', KEYS[1])
if current and string.match(current, '^(%S+) ') == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

const EXTEND = `${NOW}
local ttl = tonumber(ARGV[2])
local current = redis.call('GET', KEYS[1])
if not current or string.match(current, '^(%S+) ') ~= ARGV[1] then return 0 end
if tonumber(string.match(current, ' (%d+)$')) <= now then return 0 end
redis.call('SET', KEYS[1], ARGV[1] .. ' ' .. (now + ttl), 'PX', 2 * ttl)
return 1`;

/**
 * {@link RefreshLock} in Redis, shared by every instance: a lease with a random owner, taken only
 * when free, extended and released by scripts that act only for their owner (an expired holder
 * can neither free nor extend the next one's lock). The lease end lives in the key's value (on
 * Redis's clock) and the key twice as long, so a holder taking over a lapsed lease knows it
 * (`takenOverLapsedLease`). The key carries the app key and shares the account's hash tag
 * (`<prefix>{<app>:acct:<id>}:refresh-lock`), so it lives on the token's cluster slot.
 */
export class RedisRefreshLock implements RefreshLock {
  constructor(private readonly redis: RedisConnection) {}

  acquire(accountId: string, ttlMs: number): Promise<RefreshLockHandle | undefined> {
    return this.redis.run('acquireRefreshLock', async (client) => {
      const key = this.redis.accountKey(accountId, 'refresh-lock');
      const owner = randomBytes(16).toString('hex');
      const got = await client.call('EVAL', ACQUIRE, 1, key, owner, this.lease(ttlMs));
      if (got !== 1 && got !== 2) return undefined;
      return {
        takenOverLapsedLease: got === 2,
        release: () =>
          this.redis.run('releaseRefreshLock', async (c) => {
            await c.call('EVAL', RELEASE, 1, key, owner);
          }),
        extend: (extendMs: number) =>
          this.redis.run(
            'extendRefreshLock',
            async (c) => (await c.call('EVAL', EXTEND, 1, key, owner, this.lease(extendMs))) === 1,
          ),
      };
    });
  }

  private lease(ms: number): number {
    return Math.max(1, Math.ceil(ms));
  }
}
