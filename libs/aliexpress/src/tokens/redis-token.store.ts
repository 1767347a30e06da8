import { RedisOAuthStateStore } from '../oauth/redis-oauth-state.store.js';
import { RedisRequestPacer } from '../pacing/redis-request.pacer.js';
import type { RequestPacer } from '../pacing/request.pacer.js';
import { STORAGE_KIND, type AliexpressStorage } from '../storage/aliexpress.storage.js';
import { RedisConnection, type RedisConnectionOptions } from '../storage/redis.connection.js';
import type { StoredToken } from './aliexpress-token.interface.js';
import { RedisRefreshLock } from './redis-refresh.lock.js';
import type { TokenStore } from './token.store.js';

/** Options of {@link RedisTokenStore}: a URL, or an ioredis client (a `Cluster` included). */
export interface RedisTokenStoreOptions extends RedisConnectionOptions {
  /** How long a record outlives its refresh token (to show "authorize again"); default 7 days. */
  expiredRecordGraceMs?: number;
}

const CAS = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '' then
  if current then return 0 end
else
  if not current then return 0 end
  if tostring(cjson.decode(current).version) ~= ARGV[1] then return 0 end
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`;

const DAY_MS = 86_400_000;

/** A record as it lies in Redis: the pair, and the app it belongs to (checked on every read). */
type AppRecord = StoredToken & { appKey?: string };

/**
 * Token pairs in Redis, for several instances: compare-and-set on their version, TTL following the
 * refresh token, one hash tag per app and account (one cluster slot). It is also an
 * {@link AliexpressStorage}: on the same client it carries the Redis OAuth state store, refresh lock
 * and pacer, so `tokenStore: new RedisTokenStore({ url })` shares all four between instances.
 * The module binds it to its app key ({@link forApp}): every key and every record carries the app
 * key, so several apps can share one Redis, and one store object, without meeting.
 */
export class RedisTokenStore implements TokenStore, AliexpressStorage {
  readonly kind = STORAGE_KIND;
  readonly tokens: TokenStore = this;
  readonly oauthStates: RedisOAuthStateStore;
  readonly refreshLock: RedisRefreshLock;
  private readonly redis: RedisConnection;
  private readonly graceMs: number;

  /** `connection`: used by {@link forApp} to share one client; users pass the options only. */
  constructor(options: RedisTokenStoreOptions, connection?: RedisConnection) {
    this.redis = connection ?? new RedisConnection(options);
    this.graceMs = options.expiredRecordGraceMs ?? 7 * DAY_MS;
    this.oauthStates = new RedisOAuthStateStore(this.redis);
    this.refreshLock = new RedisRefreshLock(this.redis);
  }

  /** The app key this store's keys and records belong to (undefined: not bound to an app). */
  get appKey(): string | undefined {
    return this.redis.appKey;
  }

  /**
   * This store bound to `appKey`, on the same client: what the module uses when it is given as
   * `tokenStore`. Closing either closes the one connection.
   */
  forApp(appKey: string): RedisTokenStore {
    return new RedisTokenStore({ expiredRecordGraceMs: this.graceMs }, this.redis.forApp(appKey));
  }

  get(accountId: string): Promise<StoredToken | undefined> {
    return this.redis.run('get', async (client) =>
      this.read((await client.call('GET', this.tokenKey(accountId))) as string | null),
    );
  }

  set(token: StoredToken): Promise<void> {
    return this.redis.run('set', async (client) => {
      await client.call(
        'SET',
        this.tokenKey(token.accountId),
        this.write(token),
        'PX',
        this.ttl(token),
      );
      await client.call('SADD', this.indexKey(), token.accountId);
    });
  }

  compareAndSet(token: StoredToken, expectedVersion: number | undefined): Promise<boolean> {
    return this.redis.run('compareAndSet', async (client) => {
      const written = await client.call(
        'EVAL',
        CAS,
        1,
        this.tokenKey(token.accountId),
        expectedVersion === undefined ? '' : String(expectedVersion),
        this.write(token),
        String(this.ttl(token)),
      );
      if (written === 1) await client.call('SADD', this.indexKey(), token.accountId);
      return written === 1;
    });
  }

  delete(accountId: string): Promise<void> {
    return this.redis.run('delete', async (client) => {
      await client.call('DEL', this.tokenKey(accountId));
      await client.call('SREM', this.indexKey(), accountId);
    });
  }

  list(): Promise<StoredToken[]> {
    return this.redis.run('list', async (client) => {
      const ids = (await client.call('SMEMBERS', this.indexKey())) as string[];
      const raws = (await Promise.all(
        ids.map((id) => client.call('GET', this.tokenKey(id))),
      )) as Array<string | null>;
      const gone = ids.filter((_, i) => raws[i] === null);
      if (gone.length) await client.call('SREM', this.indexKey(), ...gone);
      return raws
        .map((raw) => this.read(raw))
        .filter((token): token is StoredToken => token !== undefined);
    });
  }

  /** A pacer shared by every instance of the app (`appKey`) through this Redis. */
  pacer(appKey: string, qps: number): RequestPacer {
    return new RedisRequestPacer(this.redis, appKey, qps);
  }

  /** Closes the connection if this store opened it. */
  close(): Promise<void> {
    return this.redis.close();
  }

  /** Nest calls this when the application shuts down. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  /** The JSON stored for `token`: the pair, stamped with this store's app key. */
  private write(token: StoredToken): string {
    const record: AppRecord = { ...token, appKey: this.redis.appKey };
    return JSON.stringify(record);
  }

  /** A stored record, if it is this app's (another app's record is never returned), without the stamp. */
  private read(raw: string | null): StoredToken | undefined {
    if (!raw) return undefined;
    const { appKey, ...token } = JSON.parse(raw) as AppRecord;
    return appKey === this.redis.appKey ? token : undefined;
  }

  private ttl(token: StoredToken): number {
    return Math.max(60_000, token.refreshExpiresAt - Date.now() + this.graceMs);
  }

  private tokenKey(accountId: string): string {
    return this.redis.accountKey(accountId, 'token');
  }

  private indexKey(): string {
    return this.redis.appKeyed('accounts');
  }
}
