import { GatewayClient, RedisTokenStore, type AliexpressTokenEvent } from 'nestjs-aliexpress';
import type { MockAliexpressGateway } from 'nestjs-aliexpress/testing';
import { TEST_APP, startGateway } from './support/gateway-harness.js';
import { createOAuthApp, type OAuthApp } from './support/oauth-app.js';
import { uniqueKeyPrefix } from './support/redis-fixtures.js';
import { describeWithRedis, startRedis, type RedisHandle } from './support/redis-server.js';

const DAY_MS = 86_400_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * In real time and with the defaults (15 s timeout): two instances
 * sharing one Redis pace at 1 QPS, the gateway answers the refresh 14.5 s after it arrives, and a
 * second caller comes 15.2 s after the first. The refresh waited for its pacing slot first, so it
 * outlives the old fixed 15 s lock; both instances must get the new pair, the account unmarked.
 */
describeWithRedis()(
  'a refresh outlasting the old 15 s lock: qps 1, refresh answered after 14.5 s, second caller at 15.2 s',
  () => {
    let redis: RedisHandle;
    let gateway: MockAliexpressGateway;
    const instances: OAuthApp[] = [];
    const events: AliexpressTokenEvent[] = [];

    beforeAll(async () => {
      redis = await startRedis();
      ({ gateway } = await startGateway());
      const keyPrefix = uniqueKeyPrefix('slow-refresh');
      for (let i = 0; i < 2; i++) {
        instances.push(
          await createOAuthApp(
            gateway,
            { style: 'forRoot' },
            {
              tokenStore: new RedisTokenStore({ url: redis.url, keyPrefix }),
              qpsLimit: 1,
              onTokenEvent: (event) => void events.push(event),
            },
          ),
        );
      }
    });

    afterAll(async () => {
      for (const instance of instances) await instance.close();
      await gateway?.stop();
      await redis?.close();
    });

    it('both instances get the rotated pair; nobody is told to authorize again', async () => {
      const [a, b] = instances;
      // connecting takes this second's only pacing slot: the refresh below waits for the next one
      const { accountId } = await a.tokens.exchangeCode(gateway.issueCode(TEST_APP.appKey));
      gateway.advanceClock(30 * DAY_MS - 60_000);
      gateway.injectFault({ kind: 'delay', delayMs: 14_500, api: '/auth/token/refresh' });

      const first = a.tokens.getAccessToken(accountId);
      await sleep(15_200);
      const second = b.tokens.getAccessToken(accountId);
      const outcomes = await Promise.allSettled([first, second]);

      expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
      const [fromA, fromB] = outcomes.map((o) => (o as PromiseFulfilledResult<string>).value);
      expect(fromB).toBe(fromA);
      expect(gateway.tokenStats().refreshed).toBe(1);
      const stored = await b.store.get(accountId);
      expect(stored).toMatchObject({ accessToken: fromA, reauthorizationRequired: false });
      expect(events.map((e) => e.type)).toEqual(['issued', 'refreshed']);
      // the stored refresh token is the live one
      const rotated = await b.app
        .get(GatewayClient)
        .callSystem('/auth/token/refresh', { refresh_token: stored?.refreshToken as string });
      expect(rotated.code).toBe('0');
    }, 40_000);
  },
);
