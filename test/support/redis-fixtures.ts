import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { RedisConnection } from '../../libs/aliexpress/src/storage/redis.connection.js';
import { RedisTokenStore } from '../../libs/aliexpress/src/tokens/redis-token.store.js';
import { startRedis, type RedisHandle } from './redis-server.js';

/** A key prefix of one suite's own (`tag` + random hex), so suites sharing a Redis never meet. */
export function uniqueKeyPrefix(tag: string): string {
  return `${tag}${randomBytes(4).toString('hex')}:`;
}

/** What a Redis fixture holds: its key prefix, the Redis, and what was opened on it. */
export type RedisFixture<T> = T & { readonly prefix: string; redis: RedisHandle };

/**
 * For the enclosing `describe`: starts a Redis and opens `T` on it before all its tests, closes
 * both after. The returned object is filled in by `beforeAll`, so read it inside tests only.
 */
export function useRedis<T extends object>(
  tag: string,
  open: (url: string, keyPrefix: string) => T,
  close: (opened: T) => Promise<void>,
): RedisFixture<T> {
  const fixture = { prefix: uniqueKeyPrefix(tag) } as RedisFixture<T>;
  beforeAll(async () => {
    fixture.redis = await startRedis();
    Object.assign(fixture, open(fixture.redis.url, fixture.prefix));
  });
  afterAll(async () => {
    await close(fixture);
    await fixture.redis.close();
  });
  return fixture;
}

/** Two connections with one key prefix onto one Redis (two instances of one app), per describe. */
export function useTwoRedisInstances(
  tag: string,
): RedisFixture<{ a: RedisConnection; b: RedisConnection }> {
  return useRedis(
    tag,
    (url, keyPrefix) => ({
      a: new RedisConnection({ url, keyPrefix }),
      b: new RedisConnection({ url, keyPrefix }),
    }),
    async ({ a, b }) => {
      await a.close();
      await b.close();
    },
  );
}

/** A RedisTokenStore on its own key prefix, with a raw client to look behind it, per describe. */
export function useRedisTokenStore(
  tag: string,
): RedisFixture<{ raw: Redis; store: RedisTokenStore }> {
  return useRedis(
    tag,
    (url, keyPrefix) => ({ raw: new Redis(url), store: new RedisTokenStore({ url, keyPrefix }) }),
    async ({ raw, store }) => {
      await store.close();
      raw.disconnect();
    },
  );
}
