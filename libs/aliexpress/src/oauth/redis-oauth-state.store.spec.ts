import { randomBytes } from 'node:crypto';
import {
  describeWithRedis,
  startRedis,
  type RedisHandle,
} from '../../../../test/support/redis-server';
import { RedisConnection } from '../storage/redis.connection';
import { RedisOAuthStateStore } from './redis-oauth-state.store';

describeWithRedis()('RedisOAuthStateStore (real redis-server)', () => {
  let redis: RedisHandle;
  let a: RedisConnection;
  let b: RedisConnection;
  const prefix = `s${randomBytes(4).toString('hex')}:`;

  beforeAll(async () => {
    redis = await startRedis();
    a = new RedisConnection({ url: redis.url, keyPrefix: prefix });
    b = new RedisConnection({ url: redis.url, keyPrefix: prefix });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await redis.close();
  });

  it('a state saved by one instance is taken by another, once', async () => {
    const first = new RedisOAuthStateStore(a);
    const second = new RedisOAuthStateStore(b);
    await first.save('n1', { expiresAt: 5, returnTo: '/back' }, 10_000);
    const takes = await Promise.all([second.take('n1'), first.take('n1'), second.take('n1')]);
    expect(takes.filter(Boolean)).toEqual([{ expiresAt: 5, returnTo: '/back' }]);
  });

  it('expires after its ttl', async () => {
    const store = new RedisOAuthStateStore(a);
    await store.save('n2', { expiresAt: 1 }, 1);
    await new Promise((r) => setTimeout(r, 20));
    expect(await store.take('n2')).toBeUndefined();
  });
});
