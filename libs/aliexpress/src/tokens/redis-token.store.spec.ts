import { Redis } from 'ioredis';
import { useRedisTokenStore } from '../../../../test/support/redis-fixtures';
import { describeWithRedis } from '../../../../test/support/redis-server';
import { storedToken as token } from '../../../../test/support/stored-token';
import { TokenStoreError } from '../errors/aliexpress.errors';
import { RedisOAuthStateStore } from '../oauth/redis-oauth-state.store';
import { RedisRequestPacer } from '../pacing/redis-request.pacer';
import { isAliexpressStorage } from '../storage/aliexpress.storage';
import type { RedisClientLike } from '../storage/redis.connection';
import { RedisRefreshLock } from './redis-refresh.lock';
import { RedisTokenStore } from './redis-token.store';

const DAY_MS = 86_400_000;

describeWithRedis()('RedisTokenStore (real redis-server)', () => {
  const fixture = useRedisTokenStore('u');
  const { prefix } = fixture;

  it('compare-and-set is on the version, atomically, also against a missing record', async () => {
    expect(await fixture.store.compareAndSet(token('1', 1), undefined)).toBe(true);
    expect(await fixture.store.compareAndSet(token('1', 2), undefined)).toBe(false);
    expect(await fixture.store.compareAndSet(token('1', 2), 0)).toBe(false);
    const racers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        fixture.store.compareAndSet(token('1', 2, { accessToken: `r${i}` }), 1),
      ),
    );
    expect(racers.filter(Boolean)).toHaveLength(1);
    expect((await fixture.store.get('1'))?.version).toBe(2);
    expect(await fixture.store.compareAndSet(token('missing', 2), 1)).toBe(false);
    expect(await fixture.store.get('missing')).toBeUndefined();
  });

  it('lists what is stored and forgets index entries whose record expired', async () => {
    await fixture.store.set(token('2', 1));
    await fixture.store.set(token('3', 1));
    await fixture.raw.del(`${prefix}{acct:3}:token`); // expired in Redis
    const ids = (await fixture.store.list()).map((t) => t.accountId).sort();
    expect(ids).toEqual(['1', '2']);
    expect(await fixture.raw.smembers(`${prefix}accounts`)).not.toContain('3');
    await fixture.store.delete('2');
    expect(await fixture.store.get('2')).toBeUndefined();
    expect((await fixture.store.list()).map((t) => t.accountId)).toEqual(['1']);
  });

  it('keeps a record for the grace period after its refresh token expires', async () => {
    const graced = new RedisTokenStore({
      url: fixture.redis.url,
      keyPrefix: `${prefix}g:`,
      expiredRecordGraceMs: DAY_MS,
    });
    try {
      await graced.set(token('9', 1, { refreshExpiresAt: Date.now() + DAY_MS }));
      const ttl = await fixture.raw.pttl(`${prefix}g:{acct:9}:token`);
      expect(ttl).toBeGreaterThan(2 * DAY_MS - 60_000);
      expect(ttl).toBeLessThanOrEqual(2 * DAY_MS);
    } finally {
      await graced.close();
    }
  });

  it('is a storage bundle whose four ports share its one client and key prefix', async () => {
    const seen: string[] = [];
    const client = new Redis(fixture.redis.url);
    const recording: RedisClientLike = {
      call: (command, ...args) => {
        seen.push(
          `${command} ${String(args.find((a) => String(a).startsWith(prefix)) ?? args[1])}`,
        );
        return client.call(command, ...args);
      },
      quit: () => client.quit(),
      disconnect: () => client.disconnect(),
    };
    const bundle = new RedisTokenStore({ client: recording, keyPrefix: prefix });
    try {
      expect(isAliexpressStorage(bundle)).toBe(true);
      expect(bundle.tokens).toBe(bundle);
      expect(bundle.oauthStates).toBeInstanceOf(RedisOAuthStateStore);
      expect(bundle.refreshLock).toBeInstanceOf(RedisRefreshLock);
      const pacer = bundle.pacer('app1', 50);
      expect(pacer).toBeInstanceOf(RedisRequestPacer);

      await bundle.oauthStates.save('nonce', { expiresAt: 1 }, 10_000);
      await (await bundle.refreshLock.acquire('5', 1_000))?.release();
      await pacer.acquire();
      const keys = seen.join('\n');
      expect(keys).toContain(`SET ${prefix}state:{nonce}`);
      expect(keys).toContain(`SET ${prefix}{acct:5}:refresh-lock`);
      expect(keys).toContain(`EVAL ${prefix}pace:{app1}`);
      // a given client stays the caller's: closing the store leaves it open
      await bundle.close();
      expect(await client.ping()).toBe('PONG');
    } finally {
      client.disconnect();
    }
  });

  it('closing twice (Nest may run the shutdown hook once per port) is harmless', async () => {
    const owned = new RedisTokenStore({ url: fixture.redis.url, keyPrefix: prefix });
    await owned.get('1');
    await owned.close();
    await expect(owned.onApplicationShutdown()).resolves.toBeUndefined();
  });

  it('a Redis that does not answer fails within commandTimeoutMs as TokenStoreError', async () => {
    const dead = new RedisTokenStore({ url: 'redis://127.0.0.1:1', commandTimeoutMs: 200 });
    try {
      const started = Date.now();
      const error = await dead.get('1').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TokenStoreError);
      expect(error).toMatchObject({ operation: 'get' });
      expect(Date.now() - started).toBeLessThan(2_000);
      await expect(dead.refreshLock.acquire('1', 1_000)).rejects.toMatchObject({
        operation: 'acquireRefreshLock',
      });
    } finally {
      await dead.close();
    }
  });

  it('refuses to start without a url or a client', () => {
    expect(() => new RedisTokenStore({})).toThrow(TokenStoreError);
  });
});
