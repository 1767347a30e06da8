import {
  DropshippingService,
  GatewayClient,
  RedisTokenStore,
  type AliexpressTokenEvent,
} from 'nestjs-aliexpress';
import type { MockAliexpressGateway } from 'nestjs-aliexpress/testing';
import { Redis } from 'ioredis';
import { TEST_APP, startGateway } from './support/gateway-harness.js';
import { createOAuthApp, type OAuthApp } from './support/oauth-app.js';
import { uniqueKeyPrefix } from './support/redis-fixtures.js';
import { describeWithRedis, startRedis, type RedisHandle } from './support/redis-server.js';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.js';

const DAY_MS = 86_400_000;
/** Each instance's gateway timeout: the refresh lease is then 2 × 1 s + 5 s = 7 s. */
const TIMEOUT_MS = 1_000;
const LEASE_MS = 2 * TIMEOUT_MS + 5_000;
const PRODUCT = '1005006154258794';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One instance of the app: its own Nest application and Redis connection, and what it reported. */
interface Instance {
  app: OAuthApp;
  events: AliexpressTokenEvent[];
}

/**
 * Three instances of one app (separate Nest applications, each with its own Redis connection)
 * share one redis-server; the first reaches it through a relay that can partition it. The mock
 * gateway is slow to answer the refresh, Redis restarts in the middle of it, the refresh lock
 * lapses or disappears in the middle of it: no account is marked for re-authorization and no pair
 * is lost.
 */
describeWithRedis()('refresh chaos: three instances, one Redis, a slow gateway', () => {
  vi.setConfig({ testTimeout: 30_000 });
  let redis: RedisHandle;
  let gateway: MockAliexpressGateway;
  let proxy: TcpProxy;
  let prefix: string;
  let instances: Instance[] = [];
  let account: string;
  let redisStopped = false;
  const stopRedis = async () => {
    redisStopped = true;
    await redis.stop();
  };
  const restartRedis = async () => {
    await redis.start();
    redisStopped = false;
  };

  beforeAll(async () => {
    redis = await startRedis();
    ({ gateway } = await startGateway());
    const { hostname, port } = new URL(redis.url);
    proxy = await startTcpProxy({ host: hostname, port: Number(port) });
  });

  beforeEach(async () => {
    gateway.reset();
    proxy.heal();
    prefix = uniqueKeyPrefix('chaos');
    instances = [];
    for (let i = 0; i < 3; i++) {
      const events: AliexpressTokenEvent[] = [];
      const url = i === 0 ? `redis://127.0.0.1:${proxy.port}` : redis.url;
      const app = await createOAuthApp(
        gateway,
        { style: 'forRoot' },
        {
          tokenStore: new RedisTokenStore({ url, keyPrefix: prefix, commandTimeoutMs: 500 }),
          timeoutMs: TIMEOUT_MS,
          onTokenEvent: (event) => void events.push(event),
        },
      );
      instances.push({ app, events });
    }
    const token = await instances[1].app.tokens.exchangeCode(gateway.issueCode(TEST_APP.appKey));
    account = token.accountId;
    // a minute before the access token expires: the next call refreshes
    gateway.advanceClock(30 * DAY_MS - 60_000);
  });

  afterEach(async () => {
    proxy.heal();
    if (redisStopped) await restartRedis(); // a test that failed midway
    for (const { app } of instances) await app.close();
  });

  afterAll(async () => {
    await proxy?.close();
    await gateway?.stop();
    await redis?.close();
  });

  /** Calls `getAccessToken` `n` times concurrently on an instance, keeping every outcome. */
  const callers = (instance: Instance, n: number) =>
    Array.from({ length: n }, () => instance.app.tokens.getAccessToken(account));

  /** Waits until an instance reaches Redis again (its client reconnects on its own). */
  async function reachable(instance: Instance): Promise<void> {
    const until = Date.now() + 10_000;
    for (;;) {
      try {
        await instance.app.store.get(account);
        return;
      } catch (error) {
        if (Date.now() > until) throw error;
        await sleep(100);
      }
    }
  }

  /** Every caller got the same, new access token: none failed, none was told to re-authorize. */
  async function allGot(calls: Array<Promise<string>>): Promise<string> {
    const outcomes = await Promise.allSettled(calls);
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    const tokens = new Set(outcomes.map((o) => (o as PromiseFulfilledResult<string>).value));
    expect(tokens.size).toBe(1);
    return [...tokens][0];
  }

  /**
   * No pair lost: the gateway rotated exactly once, the stored pair is the one it issued, works
   * for a business call on every instance, and its refresh token is the live one (each rotation
   * revokes the previous); the account is not marked.
   */
  async function noPairLost(fresh: string, rotations = 1): Promise<void> {
    expect(gateway.tokenStats().refreshed).toBe(rotations);
    const stored = await instances[2].app.store.get(account);
    expect(stored).toMatchObject({ accessToken: fresh, reauthorizationRequired: false });
    for (const instance of instances) {
      expect(await instance.app.tokens.getAccessToken(account)).toBe(fresh);
      const product = await instance.app.app
        .get(DropshippingService)
        .getProduct(account, { productId: PRODUCT, shipToCountry: 'US' });
      expect(product).toMatchObject({ productId: PRODUCT });
    }
    expect(await instances[0].app.tokens.getAccount(account)).toMatchObject({
      reauthorizationRequired: false,
    });
    const rotated = await instances[2].app.app
      .get(GatewayClient)
      .callSystem('/auth/token/refresh', { refresh_token: stored?.refreshToken as string });
    expect(rotated.code).toBe('0');
  }

  const markings = () =>
    instances.flatMap((i) => i.events).filter((e) => e.type === 'reauthorization-required');

  // REDIS_URL names a server the tests cannot stop: a real skip, which CI=true fails
  (process.env.REDIS_URL ? it.skip : it)(
    'Redis restarts while the gateway is answering the refresh: the pair is written back, nobody marks',
    async () => {
      const [a, b, c] = instances;
      gateway.injectFault({ kind: 'delay', delayMs: 600, api: '/auth/token/refresh' });
      const first = callers(a, 3);
      await sleep(200); // a holds the lock; the gateway has rotated the pair and is slow to answer
      await stopRedis();
      const fresh = await allGot(first); // the write failed: the pair is kept in a's memory
      await sleep(300);
      await restartRedis();
      await Promise.all([b, c].map(reachable));
      // the others come while the restarted Redis still holds a's lease and the old pair
      expect(await allGot([...callers(b, 3), ...callers(c, 3)])).toBe(fresh);
      expect(markings()).toEqual([]);
      await noPairLost(fresh);
    },
    30_000,
  );

  it('the lease lapses mid-refresh (its holder cut off from Redis): the next holder waits for that pair', async () => {
    const [a, b, c] = instances;
    gateway.injectFault({ kind: 'delay', delayMs: 600, api: '/auth/token/refresh' });
    const first = callers(a, 2);
    await sleep(200); // a holds the lock; the gateway has rotated the pair and is slow to answer
    proxy.cut(); // a can neither extend its lease nor write the pair
    const fresh = await allGot(first);
    await sleep(LEASE_MS); // a's lease lapses
    // b or c takes the lapsed lease and sends the refresh token a rotated: refused
    const others = [...callers(b, 3), ...callers(c, 3)];
    await sleep(500);
    expect(gateway.requests().filter((r) => r.verdict === 'IllegalRefreshToken')).toHaveLength(1);
    proxy.heal(); // a's background write lands; the holder sees it instead of marking
    expect(await allGot(others)).toBe(fresh);
    expect(markings()).toEqual([]);
    await noPairLost(fresh);
  }, 30_000);

  it('the lock key vanishes mid-refresh (evicted): the pair it rotated still wins, the account ends unmarked', async () => {
    const [a, b, c] = instances;
    gateway.injectFault({ kind: 'delay', delayMs: 800, api: '/auth/token/refresh' });
    const first = callers(a, 2);
    await sleep(200);
    const raw = new Redis(redis.url);
    try {
      const locks = await raw.keys(`${prefix}*refresh-lock`);
      expect(locks).toHaveLength(1);
      await raw.del(...locks);
    } finally {
      raw.disconnect();
    }
    // with no trace of a's lease, b refreshes with the rotated token and is refused; it may mark
    // the account for the moment a's pair is still on its way
    const refused = await Promise.allSettled(callers(b, 1));
    expect(gateway.requests().filter((r) => r.verdict === 'IllegalRefreshToken')).toHaveLength(1);
    const fresh = await allGot(first); // a's compare-and-set loses to the mark, then wins
    expect(await allGot(callers(c, 3))).toBe(fresh);
    if (refused[0].status === 'fulfilled') expect(refused[0].value).toBe(fresh);
    await noPairLost(fresh);
    // whatever was marked meanwhile is cleared, and said so
    if (markings().length) expect(instances[0].events.at(-1)?.type).toBe('refreshed');
  }, 30_000);
});
