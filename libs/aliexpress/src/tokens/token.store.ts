import type { RequestPacer } from '../gateway/interval.pacer';
import type { StoredToken } from './aliexpress-token.interface';

/** A held lock; only its owner can release it. */
export interface StoreLock {
  release(): Promise<void>;
}

/** A started OAuth authorization, kept until its callback (single use). */
export interface OAuthStateRecord {
  /** Epoch ms after which the state is refused. */
  expiresAt: number;
  /** Where to send the browser after success (a same-origin path). */
  returnTo?: string;
}

/**
 * Where token pairs live. An interface and its injection token, as in `@nestjs/throttler`:
 * `@Inject(TokenStore) store: TokenStore`. Implementations must return copies, not live objects.
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
  /**
   * Optional: keeps OAuth state for `ttlMs` so that a callback reaching another instance finds it.
   * Without it the module keeps state in process memory.
   */
  saveState?(nonce: string, record: OAuthStateRecord, ttlMs: number): Promise<void>;
  /** Optional: returns and deletes the state in one step (single use), or undefined. */
  takeState?(nonce: string): Promise<OAuthStateRecord | undefined>;
  /**
   * Optional: a lock on one account's refresh, shared by every instance using the store; resolves
   * undefined when another holder has it. Expires after `ttlMs` if never released.
   */
  acquireRefreshLock?(accountId: string, ttlMs: number): Promise<StoreLock | undefined>;
  /** Optional: a pacer shared by every instance using the store, for the app's QPS limit. */
  createPacer?(appKey: string, qps: number): RequestPacer;
}

/** Injection token of the configured {@link TokenStore}. */
export const TokenStore = Symbol('TokenStore');
