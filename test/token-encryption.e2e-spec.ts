import {
  DropshippingService,
  RedisTokenStore,
  TokenEncryptionError,
  tokenKeyId,
  type AliexpressAccount,
  type AliexpressModuleOptions,
} from 'nestjs-aliexpress';
import { MOCK_BUYERS, type MockAliexpressGateway } from 'nestjs-aliexpress/testing';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { TEST_APP, startGateway } from './support/gateway-harness.js';
import {
  callback,
  consent,
  createOAuthApp,
  startAuthorization,
  type OAuthApp,
} from './support/oauth-app.js';
import { uniqueKeyPrefix } from './support/redis-fixtures.js';
import { describeWithRedis, startRedis, type RedisHandle } from './support/redis-server.js';

const [alice, bob, chloe] = MOCK_BUYERS.map((buyer) => buyer.userId);
const FIRST_KEY = randomBytes(32).toString('hex');
const SECOND_KEY = randomBytes(32).toString('base64');

/**
 * The life of one deployment on one Redis, each step a fresh app (a restart with new settings):
 * three buyers connect while encryption is off; encryption is switched on; the key is rotated
 * (only some accounts are used meanwhile); the old key is dropped. No step loses an account that
 * a configured key can read, and none makes `listAccounts` throw: what no key reads is flagged,
 * can be disconnected, and is replaced by authorizing again.
 */
describeWithRedis()('token encryption at rest over Redis: switching on, rotating keys', () => {
  let redis: RedisHandle;
  let gateway: MockAliexpressGateway;
  let raw: Redis;
  let app: OAuthApp | undefined;
  const prefix = uniqueKeyPrefix('enc');

  /** Restarts the deployment with these encryption settings (none: encryption off). */
  const restart = async (settings: Partial<AliexpressModuleOptions>) => {
    await app?.close();
    app = await createOAuthApp(
      gateway,
      { style: 'forRoot' },
      { tokenStore: new RedisTokenStore({ url: redis.url, keyPrefix: prefix }), ...settings },
    );
    return app;
  };
  /** The record of `accountId` as it lies in Redis. */
  const rawRecord = async (accountId: string) =>
    JSON.parse(
      (await raw.get(`${prefix}{${TEST_APP.appKey}:acct:${accountId}}:token`)) ?? 'null',
    ) as {
      accessToken: string;
      refreshToken: string;
    } | null;
  const connect = async (target: OAuthApp, accountId: string) => {
    const started = await startAuthorization(target);
    const res = await callback(
      target,
      await consent(started, 'approve', accountId),
      started.cookie,
    );
    return res;
  };
  const product = (target: OAuthApp, accountId: string) =>
    target.app
      .get(DropshippingService)
      .getProduct(accountId, { productId: '1005006154258794', shipToCountry: 'US' });
  const byId = (accounts: AliexpressAccount[]) =>
    Object.fromEntries(accounts.map((account) => [account.accountId, account]));

  beforeAll(async () => {
    redis = await startRedis();
    ({ gateway } = await startGateway());
    raw = new Redis(redis.url);
  });
  afterAll(async () => {
    await app?.close();
    raw.disconnect();
    await gateway.stop();
    await redis.close();
  });

  it('1. three buyers connect while encryption is off: their tokens lie in Redis in clear', async () => {
    const target = await restart({});
    for (const buyer of [alice, bob, chloe])
      expect((await connect(target, buyer)).status).toBe(200);
    const record = await rawRecord(alice);
    expect(record?.accessToken).not.toMatch(/^enc:/);
    expect((await target.tokens.listAccounts()).map((a) => a.accountId)).toEqual(
      [alice, bob, chloe].sort(),
    );
  });

  it('2. switching encryption on keeps every account, and re-writes each record encrypted', async () => {
    const target = await restart({ tokenEncryptionKey: FIRST_KEY });
    const accounts = await target.tokens.listAccounts();
    expect(accounts.map((a) => a.accountId)).toEqual([alice, bob, chloe].sort());
    expect(accounts.filter((a) => a.unreadable || a.reauthorizationRequired)).toEqual([]);
    const firstId = tokenKeyId(Buffer.from(FIRST_KEY, 'hex'));
    for (const buyer of [alice, bob, chloe]) {
      const record = await rawRecord(buyer);
      expect(record?.accessToken.startsWith(`enc:v2:${firstId}.`)).toBe(true);
      expect(record?.refreshToken.startsWith(`enc:v2:${firstId}.`)).toBe(true);
    }
    await expect(product(target, bob)).resolves.toBeDefined();
  });

  it('3. a new key with the old one listed as previous: every account reads; the used ones move to the new key', async () => {
    const target = await restart({
      tokenEncryptionKey: SECOND_KEY,
      previousTokenEncryptionKeys: [FIRST_KEY],
    });
    // only alice is used while both keys are configured (no listing: it would migrate everyone)
    await expect(product(target, alice)).resolves.toBeDefined();
    const secondId = tokenKeyId(Buffer.from(SECOND_KEY, 'base64'));
    const firstId = tokenKeyId(Buffer.from(FIRST_KEY, 'hex'));
    expect((await rawRecord(alice))?.refreshToken.startsWith(`enc:v2:${secondId}.`)).toBe(true);
    expect((await rawRecord(bob))?.refreshToken.startsWith(`enc:v2:${firstId}.`)).toBe(true);
    expect((await rawRecord(chloe))?.refreshToken.startsWith(`enc:v2:${firstId}.`)).toBe(true);
  });

  it('4. the old key dropped: migrated accounts stay readable, the rest are flagged, never a throw', async () => {
    const target = await restart({ tokenEncryptionKey: SECOND_KEY });
    const firstId = tokenKeyId(Buffer.from(FIRST_KEY, 'hex'));
    const listed = byId(await target.tokens.listAccounts());
    expect(Object.keys(listed).sort()).toEqual([alice, bob, chloe].sort());
    expect(listed[alice].unreadable).toBeUndefined();
    expect(listed[alice].reauthorizationRequired).toBe(false);
    for (const buyer of [bob, chloe]) {
      expect(listed[buyer]).toMatchObject({
        accountId: buyer,
        reauthorizationRequired: true,
        unreadable: { reason: 'unknown-key', keyId: firstId },
      });
    }
    await expect(product(target, alice)).resolves.toBeDefined();
    const refused = await target.tokens.getAccessToken(bob).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TokenEncryptionError);
    expect((refused as Error).message).toContain(firstId);

    // an unreadable account can be disconnected without decrypting it
    expect(await target.tokens.disconnect(bob)).toBe(true);
    expect(await rawRecord(bob)).toBeNull();

    // and authorizing again replaces it: the callback succeeds and the new pair is the one used
    const again = await connect(target, chloe);
    expect(again.status).toBe(200);
    expect(again.body.accountId).toBe(chloe);
    await expect(product(target, chloe)).resolves.toBeDefined();
    const after = byId(await target.tokens.listAccounts());
    expect(Object.keys(after).sort()).toEqual([alice, chloe].sort());
    expect(after[chloe].unreadable).toBeUndefined();
    expect(after[chloe].reauthorizationRequired).toBe(false);
  });

  it('5. a record altered in Redis is flagged, not thrown, and the others still list', async () => {
    const target = await restart({ tokenEncryptionKey: SECOND_KEY });
    const key = `${prefix}{${TEST_APP.appKey}:acct:${alice}}:token`;
    const record = JSON.parse((await raw.get(key)) as string) as Record<string, unknown>;
    await raw.set(key, JSON.stringify({ ...record, refreshExpiresAt: Date.now() + 9e11 }));
    const listed = byId(await target.tokens.listAccounts());
    expect(listed[alice].unreadable).toMatchObject({ reason: 'undecryptable' });
    expect(listed[chloe].unreadable).toBeUndefined();
  });
});
