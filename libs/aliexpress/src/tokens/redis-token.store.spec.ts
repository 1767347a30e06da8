import { Redis } from 'ioredis';
import { useRedisTokenStore } from '../../../../test/support/redis-fixtures.js';
import { describeWithRedis } from '../../../../test/support/redis-server.js';
import { storedToken as token } from '../../../../test/support/stored-token.js';
import { TokenStoreError } from '../errors/aliexpress.errors.js';
import { RedisOAuthStateStore } from '../oauth/redis-oauth-state.store.js';
import { RedisRequestPacer } from '../pacing/redis-request.pacer.js';
import { isAliexpressStorage } from '../storage/aliexpress.storage.js';
import type { RedisClientLike } from '../storage/redis.connection.js';
import { RedisRefreshLock } from './redis-refresh.lock.js';
import { RedisTokenStore } from './redis-token.store.js';

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
    await fixture.raw.del(`${prefix}{_:acct:3}:token`); // expired in Redis (`_`: no app bound)
    const ids = (await fixture.store.list()).map((t) => t.accountId).sort();
    expect(ids).toEqual(['1', '2']);
    expect(await fixture.raw.smembers(`${prefix}_:accounts`)).not.toContain('3');
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
      const ttl = await fixture.raw.pttl(`${prefix}g:{_:acct:9}:token`);
      expect(ttl).toBeGreaterThan(2 * DAY_MS - 60_000);
      expect(ttl).toBeLessThanOrEqual(2 * DAY_MS);
    } finally {
      await graced.close();
    }
  });

  it('is a storage bundle whose four ports share its one client, key prefix and app key', async () => {
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
    const bundle = new RedisTokenStore({ client: recording, keyPrefix: prefix }).forApp('app1');
    try {
      expect(isAliexpressStorage(bundle)).toBe(true);
      expect(bundle.tokens).toBe(bundle);
      expect(bundle.oauthStates).toBeInstanceOf(RedisOAuthStateStore);
      expect(bundle.refreshLock).toBeInstanceOf(RedisRefreshLock);
      const pacer = bundle.pacer('app1', 50);
      expect(pacer).toBeInstanceOf(RedisRequestPacer);

      await bundle.oauthStates.redeem('nonce', 10_000);
      await (await bundle.refreshLock.acquire('5', 1_000))?.release();
      await pacer.acquire();
      const keys = seen.join('\n');
      expect(keys).toContain(`SET ${prefix}app1:redeemed-state:{nonce}`);
      expect(keys).toContain(`EVAL ${prefix}{app1:acct:5}:refresh-lock`); // taken by a script
      expect(keys).toContain(`EVAL ${prefix}pace:{app1}`);
      // a given client stays the caller's: closing the store leaves it open
      await bundle.close();
      expect(await client.ping()).toBe('PONG');
    } finally {
      client.disconnect();
    }
  });

  it('two apps on one Redis, even through one store object, keep their own pair of one buyer', async () => {
    const a = fixture.store.forApp('500102');
    const b = fixture.store.forApp('600203');
    await a.set(token('7', 1, { accessToken: 'of-a' }));
    await b.set(token('7', 1, { accessToken: 'of-b' }));
    expect((await a.get('7'))?.accessToken).toBe('of-a');
    expect((await b.get('7'))?.accessToken).toBe('of-b');
    expect(await b.compareAndSet(token('7', 2, { accessToken: 'of-b2' }), 1)).toBe(true);
    expect((await a.get('7'))?.version).toBe(1);
    expect((await a.list()).map((t) => t.accessToken)).toEqual(['of-a']);
    expect((await b.list()).map((t) => t.accessToken)).toEqual(['of-b2']);
    expect(await fixture.raw.exists(`${prefix}{500102:acct:7}:token`)).toBe(1);
    // the record carries its app key, checked on read: another app's record is never returned
    const foreign = await fixture.raw.get(`${prefix}{600203:acct:7}:token`);
    expect(JSON.parse(foreign as string)).toMatchObject({ appKey: '600203' });
    await fixture.raw.set(`${prefix}{500102:acct:7}:token`, foreign as string);
    expect(await a.get('7')).toBeUndefined();
    expect(await a.list()).toEqual([]);
    expect((await b.get('7'))?.accessToken).toBe('of-b2');
    await a.delete('7');
    expect((await b.get('7'))?.accessToken).toBe('of-b2');
  });

  it("an app key cannot reach into another app's keys or split the hash tag", async () => {
    const odd = fixture.store.forApp('x}:acct:1{');
    await odd.set(token('1', 1));
    expect(await fixture.raw.exists(`${prefix}{x%7D%3Aacct%3A1%7B:acct:1}:token`)).toBe(1);
    expect(await fixture.store.forApp('x').get('1')).toBeUndefined();
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
