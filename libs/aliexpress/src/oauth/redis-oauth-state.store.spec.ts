import { useTwoRedisInstances } from '../../../../test/support/redis-fixtures.js';
import { describeWithRedis } from '../../../../test/support/redis-server.js';
import { RedisOAuthStateStore } from './redis-oauth-state.store.js';

describeWithRedis()('RedisOAuthStateStore (real redis-server)', () => {
  const instances = useTwoRedisInstances('s');

  it('a nonce is redeemed once across instances, even concurrently', async () => {
    const first = new RedisOAuthStateStore(instances.a);
    const second = new RedisOAuthStateStore(instances.b);
    const redeemed = await Promise.all([
      second.redeem('n1', 10_000),
      first.redeem('n1', 10_000),
      second.redeem('n1', 10_000),
    ]);
    expect(redeemed.filter(Boolean)).toHaveLength(1);
    expect(await first.redeem('other', 10_000)).toBe(true);
  });

  it('forgets a nonce after its ttl', async () => {
    const store = new RedisOAuthStateStore(instances.a);
    expect(await store.redeem('n2', 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(await store.redeem('n2', 1)).toBe(true);
  });

  it('apps sharing one Redis redeem their own nonces', async () => {
    const a = new RedisOAuthStateStore(instances.a.forApp('500102'));
    const b = new RedisOAuthStateStore(instances.a.forApp('600203'));
    expect(await a.redeem('n3', 10_000)).toBe(true);
    expect(await b.redeem('n3', 10_000)).toBe(true);
    expect(await a.redeem('n3', 10_000)).toBe(false);
  });
});
