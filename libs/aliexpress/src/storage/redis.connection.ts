import { TokenStoreError } from '../errors/aliexpress.errors.js';

/**
 * The part of an ioredis client the Redis adapters use; an ioredis `Redis` or `Cluster` fits it.
 * Declared here so that the library's types do not require ioredis to be installed.
 */
export interface RedisClientLike {
  call(command: string, ...args: Array<string | number>): Promise<unknown>;
  quit(): Promise<unknown>;
  disconnect(): void;
}

/** Options of {@link RedisConnection}: a URL, or an ioredis client (a `Cluster` included). */
export interface RedisConnectionOptions {
  /** `redis://…` / `rediss://…`; the connection then owns the client (ioredis) and closes it. */
  url?: string;
  /** An ioredis `Redis` or `Cluster` you manage. */
  client?: RedisClientLike;
  /** Prefix of every key; default `aliexpress:`. */
  keyPrefix?: string;
  /** Every Redis operation fails with `TokenStoreError` after this long; default 2000 ms. */
  commandTimeoutMs?: number;
  /**
   * The app whose keys this connection names. The module binds it from its own `appKey` (a store
   * given as `tokenStore` needs none); set it only when using the adapters outside the module.
   */
  appKey?: string;
}

/** What the views of one connection share: the client, and whether (and how) it is closed. */
interface SharedClient {
  readonly client: RedisClientLike;
  readonly owned: boolean;
  closing?: Promise<void>;
}

/**
 * One Redis client shared by the Redis adapters (token pairs, OAuth state, refresh lock, pacing):
 * the key prefix, and every operation bounded in time with its failures as `TokenStoreError`, so a
 * slow or absent Redis never hangs a request.
 */
export class RedisConnection {
  /** The app key the keys are scoped to; undefined until bound (see {@link forApp}). */
  readonly appKey: string | undefined;
  // replaced by forApp, so that every view of one connection shares its client and its closing
  private shared: SharedClient;
  private readonly prefix: string;
  private readonly timeoutMs: number;

  constructor(options: RedisConnectionOptions) {
    if (!options || (!options.url && !options.client)) {
      throw new TokenStoreError({
        operation: 'configure',
        detail: 'RedisTokenStore needs { url } or { client }',
      });
    }
    this.appKey = options.appKey;
    this.prefix = options.keyPrefix ?? 'aliexpress:';
    this.timeoutMs = options.commandTimeoutMs ?? 2000;
    if (options.client) {
      this.shared = { client: options.client, owned: false };
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
      this.shared = { client, owned: true };
    }
  }

  /**
   * The same client, prefix and timeout, with keys scoped to `appKey`: two apps sharing one Redis
   * (and even one store object) never read or write each other's keys. Closing either closes both.
   */
  forApp(appKey: string): RedisConnection {
    const view = new RedisConnection({
      client: this.shared.client,
      keyPrefix: this.prefix,
      commandTimeoutMs: this.timeoutMs,
      appKey,
    });
    view.shared = this.shared;
    return view;
  }

  /** `suffix` under the configured key prefix. */
  key(suffix: string): string {
    return `${this.prefix}${suffix}`;
  }

  /**
   * The app's part of a key: the app key URI-encoded (so no `:`, `{` or `}` of its own can make two
   * apps' keys meet or split a hash tag), or `_` for a connection not bound to an app.
   */
  appScope(): string {
    return this.appKey === undefined ? '_' : encodeURIComponent(this.appKey);
  }

  /** A key of one account of this app: `<prefix>{<app>:acct:<id>}:<what>` (one cluster slot). */
  accountKey(accountId: string, what: string): string {
    return this.key(`{${this.appScope()}:acct:${accountId}}:${what}`);
  }

  /** A key of this app that no account owns: `<prefix><app>:<what>`. */
  appKeyed(what: string): string {
    return this.key(`${this.appScope()}:${what}`);
  }

  /** Runs one Redis operation: bounded in time, failures as `TokenStoreError(operation)`. */
  async run<T>(operation: string, work: (client: RedisClientLike) => Promise<T>): Promise<T> {
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
      return await Promise.race([work(this.shared.client), timeout]);
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

  /** Closes the client if this connection opened it (once, however often it is asked). */
  close(): Promise<void> {
    const shared = this.shared;
    shared.closing ??= shared.owned
      ? shared.client.quit().then(
          () => undefined,
          () => shared.client.disconnect(),
        )
      : Promise.resolve();
    return shared.closing;
  }
}
