import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { RedisConnection } from '../../libs/aliexpress/src/storage/redis.connection';
import { RedisTokenStore } from '../../libs/aliexpress/src/tokens/redis-token.store';
import { startRedis, type RedisHandle } from './redis-server';

/** A key prefix of one suite's own (`tag` + random hex), so suites sharing a Redis never meet. */
export function uniqueKeyPrefix(tag: string): string {
  return `${tag}${randomBytes(4).toString('hex')}:`;
}

/** Two connections with one key prefix onto one Redis: two instances of one app. */
export interface TwoRedisInstances {
  readonly prefix: string;
  redis: RedisHandle;
  a: RedisConnection;
  b: RedisConnection;
}

/**
 * For the enclosing `describe`: starts a Redis and opens two connections before all its tests,
 * closes them and the Redis after. The returned object is filled in by `beforeAll`.
 */
export function useTwoRedisInstances(tag: string): TwoRedisInstances {
  const fixture = { prefix: uniqueKeyPrefix(tag) } as TwoRedisInstances;
  beforeAll(async () => {
    fixture.redis = await startRedis();
    fixture.a = new RedisConnection({ url: fixture.redis.url, keyPrefix: fixture.prefix });
    fixture.b = new RedisConnection({ url: fixture.redis.url, keyPrefix: fixture.prefix });
  });
  afterAll(async () => {
    await fixture.a.close();
    await fixture.b.close();
    await fixture.redis.close();
  });
  return fixture;
}

/** A RedisTokenStore on its own key prefix, with a raw client to look behind it. */
export interface RedisTokenStoreFixture {
  readonly prefix: string;
  redis: RedisHandle;
  raw: Redis;
  store: RedisTokenStore;
}

/**
 * For the enclosing `describe`: starts a Redis, a raw client and a RedisTokenStore before all its
 * tests, closes them after. The returned object is filled in by `beforeAll`.
 */
export function useRedisTokenStore(tag: string): RedisTokenStoreFixture {
  const fixture = { prefix: uniqueKeyPrefix(tag) } as RedisTokenStoreFixture;
  beforeAll(async () => {
    fixture.redis = await startRedis();
    fixture.raw = new Redis(fixture.redis.url);
    fixture.store = new RedisTokenStore({ url: fixture.redis.url, keyPrefix: fixture.prefix });
  });
  afterAll(async () => {
    await fixture.store.close();
    fixture.raw.disconnect();
    await fixture.redis.close();
  });
  return fixture;
}
