import { DropshippingService, RedisTokenStore } from 'nestjs-aliexpress';
import type { MockAliexpressGateway } from 'nestjs-aliexpress/testing';
import { Redis } from 'ioredis';
import { OTHER_APP, TEST_APP, startGateway } from './support/gateway-harness.js';
import {
  callback,
  consent,
  createOAuthApp,
  startAuthorization,
  type OAuthApp,
} from './support/oauth-app.js';
import { describeWithRedis, startRedis, type RedisHandle } from './support/redis-server.js';

const DAY_MS = 86_400_000;
const ACCOUNT = '4641738246';

/**
 * Two apps (two modules, two app keys) on one Redis, both authorized by the same buyer: each keeps
 * its own pair and lists only its own account, whether they share one store object or not.
 */
describe.each([
  ['a store each', false],
  ['one store object', true],
])('two apps sharing one Redis (%s)', (_, shareOneStore) => {
  describeWithRedis()('', () => {
    let redis: RedisHandle;
    let gateway: MockAliexpressGateway;
    let first: OAuthApp;
    let second: OAuthApp;

    const connect = async (app: OAuthApp) => {
      const started = await startAuthorization(app);
      const redirect = await consent(started, 'approve');
      const res = await callback(app, redirect, started.cookie);
      expect(res.status).toBe(200);
      expect(res.body.accountId).toBe(ACCOUNT);
    };
    const productOf = (app: OAuthApp) =>
      app.app
        .get(DropshippingService)
        .getProduct(ACCOUNT, { productId: '1005006154258794', shipToCountry: 'US' });

    beforeAll(async () => {
      redis = await startRedis();
      ({ gateway } = await startGateway());
      const store = () => new RedisTokenStore({ url: redis.url, keyPrefix: 'apps:' });
      const shared = store();
      first = await createOAuthApp(
        gateway,
        { style: 'forRoot' },
        { tokenStore: shareOneStore ? shared : store() },
      );
      second = await createOAuthApp(
        gateway,
        { style: 'forRootAsync', callbackPath: 'other' },
        {
          appKey: OTHER_APP.appKey,
          appSecret: OTHER_APP.appSecret,
          tokenStore: shareOneStore ? shared : store(),
        },
      );
      gateway.addRedirectUri(OTHER_APP.appKey, second.redirectUri);
      if (!shareOneStore) await shared.close();
    });
    afterAll(async () => {
      await first.close();
      await second.close();
      await gateway.stop();
      await redis.close();
    });

    it('both keep their own pair of the same buyer; each lists and disconnects only its own', async () => {
      await connect(first);
      await connect(second);
      const ofFirst = await first.tokens.getAccessToken(ACCOUNT);
      const ofSecond = await second.tokens.getAccessToken(ACCOUNT);
      expect(ofFirst).not.toBe(ofSecond);
      // the gateway accepts each app's own token for a business call
      await expect(productOf(first)).resolves.toBeDefined();
      await expect(productOf(second)).resolves.toBeDefined();

      // a refresh on one app leaves the other's pair as it was
      gateway.advanceClock(30 * DAY_MS - 60_000);
      const refreshed = await second.tokens.getAccessToken(ACCOUNT);
      expect(refreshed).not.toBe(ofSecond);
      expect((await first.store.get(ACCOUNT))?.accessToken).toBe(ofFirst);

      const keys = await (async () => {
        const raw = new Redis(redis.url);
        try {
          return (await raw.keys('apps:*')).sort();
        } finally {
          raw.disconnect();
        }
      })();
      expect(keys).toEqual(
        expect.arrayContaining([
          `apps:{${TEST_APP.appKey}:acct:${ACCOUNT}}:token`,
          `apps:{${OTHER_APP.appKey}:acct:${ACCOUNT}}:token`,
          `apps:${TEST_APP.appKey}:accounts`,
          `apps:${OTHER_APP.appKey}:accounts`,
        ]),
      );

      expect(await second.tokens.disconnect(ACCOUNT)).toBe(true);
      expect(await second.tokens.listAccounts()).toEqual([]);
      expect((await first.tokens.listAccounts()).map((a) => a.accountId)).toEqual([ACCOUNT]);
      // the first app's pair survived: its refresh token still works (the clock moved on)
      await expect(productOf(first)).resolves.toBeDefined();
      expect((await first.store.get(ACCOUNT))?.version).toBe(2);
    });
  });
});
