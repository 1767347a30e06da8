import { randomBytes } from 'node:crypto';
import { TokenStoreError } from '../errors/aliexpress.errors';
import type { RequestPacer } from '../gateway/interval.pacer';
import type { StoredToken } from './aliexpress-token.interface';
import type { OAuthStateRecord, StoreLock, TokenStore } from './token.store';

/**
 * The part of an ioredis client the store uses; an ioredis `Redis` or `Cluster` fits it. Declared
 * here so that the library's types do not require ioredis to be installed.
 */
export interface RedisClientLike {
  call(command: string, ...args: Array<string | number>): Promise<unknown>;
  quit(): Promise<unknown>;
  disconnect(): void;
}

/** Options of {@link RedisTokenStore}: a URL, or an ioredis client (a `Cluster` included). */
export interface RedisTokenStoreOptions {
  /** `redis://…` / `rediss://…`; the store then owns the connection (ioredis) and closes it. */
  url?: string;
  /** An ioredis `Redis` or `Cluster` you manage. */
  client?: RedisClientLike;
  /** Prefix of every key; default `aliexpress:`. */
  keyPrefix?: string;
  /** Every Redis operation fails with `TokenStoreError` after this long; default 2000 ms. */
  commandTimeoutMs?: number;
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

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

// one slot every ARGV[1] ms, on the Redis clock shared by all instances; answers how long to wait
const PACE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local nextSlot = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, nextSlot)
redis.call('SET', KEYS[1], tostring(slot + interval), 'PX', math.ceil(slot + interval - now) + 1000)
return math.ceil(slot - now)`;

const DAY_MS = 86_400_000;
/** A pacing sleep that overruns by more than this gives its slot up. */
const LATE_WAKE_MS = 5;

/**
 * A {@link TokenStore} in Redis for several instances: token pairs (compare-and-set on their
 * version, TTL following the refresh token), single-use OAuth state, the per-account refresh lock
 * and the shared QPS pacing. One account's keys share a hash tag, so they live on one cluster slot.
 */
export class RedisTokenStore implements TokenStore {
  private readonly client: RedisClientLike;
  private readonly owned: boolean;
  private readonly prefix: string;
  private readonly timeoutMs: number;
  private readonly graceMs: number;

  constructor(options: RedisTokenStoreOptions) {
    if (!options || (!options.url && !options.client)) {
      throw new TokenStoreError({
        operation: 'configure',
        detail: 'RedisTokenStore needs { url } or { client }',
      });
    }
    this.prefix = options.keyPrefix ?? 'aliexpress:';
    this.timeoutMs = options.commandTimeoutMs ?? 2000;
    this.graceMs = options.expiredRecordGraceMs ?? 7 * DAY_MS;
    if (options.client) {
      this.client = options.client;
      this.owned = false;
    } else {
      // loaded here, not at import: the main entry must work without ioredis installed
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { Redis } = require('ioredis') as {
        Redis: new (
          url: string,
          options: object,
        ) => RedisClientLike & { on(event: string, listener: () => void): void };
      };
      const client = new Redis(options.url as string, {
        commandTimeout: this.timeoutMs,
        maxRetriesPerRequest: 1,
        connectTimeout: this.timeoutMs,
        retryStrategy: (attempt: number) => Math.min(attempt * 200, 2000),
      });
      // failures surface on the commands; without a listener ioredis prints every reconnect failure
      client.on('error', () => undefined);
      this.client = client;
      this.owned = true;
    }
  }

  get(accountId: string): Promise<StoredToken | undefined> {
    return this.run('get', async () => {
      const raw = (await this.client.call('GET', this.tokenKey(accountId))) as string | null;
      return raw ? (JSON.parse(raw) as StoredToken) : undefined;
    });
  }

  set(token: StoredToken): Promise<void> {
    return this.run('set', async () => {
      await this.client.call(
        'SET',
        this.tokenKey(token.accountId),
        JSON.stringify(token),
        'PX',
        this.ttl(token),
      );
      await this.client.call('SADD', this.indexKey(), token.accountId);
    });
  }

  compareAndSet(token: StoredToken, expectedVersion: number | undefined): Promise<boolean> {
    return this.run('compareAndSet', async () => {
      const written = await this.client.call(
        'EVAL',
        CAS,
        1,
        this.tokenKey(token.accountId),
        expectedVersion === undefined ? '' : String(expectedVersion),
        JSON.stringify(token),
        String(this.ttl(token)),
      );
      if (written === 1) await this.client.call('SADD', this.indexKey(), token.accountId);
      return written === 1;
    });
  }

  delete(accountId: string): Promise<void> {
    return this.run('delete', async () => {
      await this.client.call('DEL', this.tokenKey(accountId));
      await this.client.call('SREM', this.indexKey(), accountId);
    });
  }

  list(): Promise<StoredToken[]> {
    return this.run('list', async () => {
      const ids = (await this.client.call('SMEMBERS', this.indexKey())) as string[];
      const raws = (await Promise.all(
        ids.map((id) => this.client.call('GET', this.tokenKey(id))),
      )) as Array<string | null>;
      const gone = ids.filter((_, i) => raws[i] === null);
      if (gone.length) await this.client.call('SREM', this.indexKey(), ...gone);
      return raws.filter((r): r is string => r !== null).map((r) => JSON.parse(r) as StoredToken);
    });
  }

  saveState(nonce: string, record: OAuthStateRecord, ttlMs: number): Promise<void> {
    return this.run('saveState', async () => {
      await this.client.call(
        'SET',
        this.stateKey(nonce),
        JSON.stringify(record),
        'PX',
        Math.max(1, Math.ceil(ttlMs)),
      );
    });
  }

  takeState(nonce: string): Promise<OAuthStateRecord | undefined> {
    return this.run('takeState', async () => {
      const raw = (await this.client.call('GETDEL', this.stateKey(nonce))) as string | null;
      return raw ? (JSON.parse(raw) as OAuthStateRecord) : undefined;
    });
  }

  acquireRefreshLock(accountId: string, ttlMs: number): Promise<StoreLock | undefined> {
    return this.run('acquireRefreshLock', async () => {
      const key = this.lockKey(accountId);
      const owner = randomBytes(16).toString('hex');
      const got = await this.client.call(
        'SET',
        key,
        owner,
        'PX',
        Math.max(1, Math.ceil(ttlMs)),
        'NX',
      );
      if (got !== 'OK') return undefined;
      return {
        release: () =>
          this.run('releaseRefreshLock', async () => {
            await this.client.call('EVAL', RELEASE, 1, key, owner);
          }),
      };
    });
  }

  createPacer(appKey: string, qps: number): RequestPacer {
    const key = `${this.prefix}pace:{${appKey}}`;
    const interval = String(Math.ceil((1000 / qps) * 1.02 * 1000) / 1000);
    return {
      acquire: async () => {
        for (;;) {
          const wait = await this.run('pace', async () =>
            Number(await this.client.call('EVAL', PACE, 1, key, interval)),
          );
          if (wait <= 0) return;
          const slept = performance.now();
          await new Promise((resolve) => setTimeout(resolve, wait));
          // woken late (a stalled event loop): the slot has passed and sending now could bunch
          // with the next holder's; take a fresh slot instead
          if (performance.now() - slept - wait < LATE_WAKE_MS) return;
        }
      },
    };
  }

  /** Closes the connection if this store opened it. */
  async close(): Promise<void> {
    if (this.owned) await this.client.quit().catch(() => this.client.disconnect());
  }

  /** Nest calls this when the application shuts down. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  private ttl(token: StoredToken): number {
    return Math.max(60_000, token.refreshExpiresAt - Date.now() + this.graceMs);
  }

  private tokenKey(accountId: string): string {
    return `${this.prefix}{acct:${accountId}}:token`;
  }

  private lockKey(accountId: string): string {
    return `${this.prefix}{acct:${accountId}}:refresh-lock`;
  }

  private stateKey(nonce: string): string {
    return `${this.prefix}state:{${nonce}}`;
  }

  private indexKey(): string {
    return `${this.prefix}accounts`;
  }

  /** Every Redis operation: bounded in time, failures as `TokenStoreError` (never a hung request). */
  private async run<T>(operation: string, work: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new TokenStoreError({
              operation,
              detail: `Redis did not answer within ${this.timeoutMs} ms`,
            }),
          ),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([work(), timeout]);
    } catch (error) {
      if (error instanceof TokenStoreError) throw error;
      throw new TokenStoreError({
        operation,
        detail: `Redis failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    } finally {
      clearTimeout(timer);
    }
  }
}
