import { AliexpressError, TokenStoreError } from '../errors/aliexpress.errors.js';
import type { StoredToken } from './aliexpress-token.interface.js';

/**
 * Where token pairs live, and nothing else. An interface and its injection token, as in
 * `@nestjs/throttler`: `@Inject(TokenStore) store: TokenStore`. Implementations must return copies,
 * not live objects. OAuth state, the refresh lock and pacing are ports of their own
 * (`OAuthStateStore`, `RefreshLock`, `RequestPacer`).
 */
export interface TokenStore {
  get(accountId: string): Promise<StoredToken | undefined>;
  /** Unconditional write. */
  set(token: StoredToken): Promise<void>;
  /**
   * Writes `token` only if the stored version is `expectedVersion` (`undefined`: nothing stored);
   * resolves false when someone else wrote first. Shared stores make this atomic.
   */
  compareAndSet(token: StoredToken, expectedVersion: number | undefined): Promise<boolean>;
  delete(accountId: string): Promise<void>;
  list(): Promise<StoredToken[]>;
}

/** Injection token of the configured {@link TokenStore}. */
export const TokenStore = Symbol('TokenStore');

/**
 * Runs one call on a token store: the library's own errors pass through, anything else (a driver's
 * error) becomes a {@link TokenStoreError} naming the operation.
 */
export async function storeCall<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AliexpressError) throw error;
    throw new TokenStoreError({
      operation,
      detail: error instanceof Error ? error.message : String(error),
    });
  }
}
