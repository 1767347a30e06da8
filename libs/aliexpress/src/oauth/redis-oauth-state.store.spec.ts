import { useTwoRedisInstances } from '../../../../test/support/redis-fixtures';
import { describeWithRedis } from '../../../../test/support/redis-server';
import { RedisOAuthStateStore } from './redis-oauth-state.store';

describeWithRedis()('RedisOAuthStateStore (real redis-server)', () => {
  const instances = useTwoRedisInstances('s');

  it('a state saved by one instance is taken by another, once', async () => {
    const first = new RedisOAuthStateStore(instances.a);
    const second = new RedisOAuthStateStore(instances.b);
    await first.save('n1', { expiresAt: 5, returnTo: '/back' }, 10_000);
    const takes = await Promise.all([second.take('n1'), first.take('n1'), second.take('n1')]);
    expect(takes.filter(Boolean)).toEqual([{ expiresAt: 5, returnTo: '/back' }]);
  });

  it('expires after its ttl', async () => {
    const store = new RedisOAuthStateStore(instances.a);
    await store.save('n2', { expiresAt: 1 }, 1);
    await new Promise((r) => setTimeout(r, 20));
    expect(await store.take('n2')).toBeUndefined();
  });
});
