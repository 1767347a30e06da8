import { randomBytes } from 'node:crypto';
import {
  describeWithRedis,
  startRedis,
  type RedisHandle,
} from '../../../../test/support/redis-server';
import { RedisConnection } from '../storage/redis.connection';
import { RedisRefreshLock } from './redis-refresh.lock';

describeWithRedis()('RedisRefreshLock (real redis-server)', () => {
  let redis: RedisHandle;
  let a: RedisConnection;
  let b: RedisConnection;

  beforeAll(async () => {
    redis = await startRedis();
    const keyPrefix = `l${randomBytes(4).toString('hex')}:`;
    a = new RedisConnection({ url: redis.url, keyPrefix });
    b = new RedisConnection({ url: redis.url, keyPrefix });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await redis.close();
  });

  it('exactly one of many instances racing for an account gets it', async () => {
    const locks = [a, b, a, b, a, b].map((c) => new RedisRefreshLock(c));
    const got = await Promise.all(locks.map((l) => l.acquire('acct', 5_000)));
    expect(got.filter(Boolean)).toHaveLength(1);
    expect(await locks[1].acquire('other', 5_000)).toBeDefined(); // per account
    await got.find(Boolean)?.release();
    expect(await locks[0].acquire('acct', 5_000)).toBeDefined();
  });

  it('expires, and an expired holder cannot release the next holder', async () => {
    const first = new RedisRefreshLock(a);
    const second = new RedisRefreshLock(b);
    const stale = await first.acquire('x', 100);
    expect(stale).toBeDefined();
    expect(await second.acquire('x', 100)).toBeUndefined();
    await new Promise((r) => setTimeout(r, 150));
    const fresh = await second.acquire('x', 5_000);
    expect(fresh).toBeDefined();
    await stale?.release();
    expect(await first.acquire('x', 5_000)).toBeUndefined();
    await fresh?.release();
    expect(await first.acquire('x', 5_000)).toBeDefined();
  });
});
