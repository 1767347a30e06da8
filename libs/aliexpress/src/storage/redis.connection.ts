import { TokenStoreError } from '../errors/aliexpress.errors';

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
}

/**
 * One Redis client shared by the Redis adapters (token pairs, OAuth state, refresh lock, pacing):
 * the key prefix, and every operation bounded in time with its failures as `TokenStoreError`, so a
 * slow or absent Redis never hangs a request.
 */
export class RedisConnection {
  private readonly client: RedisClientLike;
  private readonly owned: boolean;
  private readonly prefix: string;
  private readonly timeoutMs: number;
  private closing?: Promise<void>;

  constructor(options: RedisConnectionOptions) {
    if (!options || (!options.url && !options.client)) {
      throw new TokenStoreError({
        operation: 'configure',
        detail: 'RedisTokenStore needs { url } or { client }',
      });
    }
    this.prefix = options.keyPrefix ?? 'aliexpress:';
    this.timeoutMs = options.commandTimeoutMs ?? 2000;
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

  /** `suffix` under the configured key prefix. */
  key(suffix: string): string {
    return `${this.prefix}${suffix}`;
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
      return await Promise.race([work(this.client), timeout]);
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
    this.closing ??= this.owned
      ? this.client.quit().then(
          () => undefined,
          () => this.client.disconnect(),
        )
      : Promise.resolve();
    return this.closing;
  }
}
