/** A held refresh lock; only its holder can release it. */
export interface RefreshLockHandle {
  /** Gives the lock up; a no-op when it already expired and someone else holds it now. */
  release(): Promise<void>;
}

/**
 * A lock on one account's refresh, so that one refresh runs at a time across everything that shares
 * the lock (one process in memory, every instance with Redis). `@Inject(RefreshLock)`.
 */
export interface RefreshLock {
  /**
   * Takes the account's lock for at most `ttlMs` (it expires if never released); resolves
   * undefined when another holder has it.
   */
  acquire(accountId: string, ttlMs: number): Promise<RefreshLockHandle | undefined>;
}

/** Injection token of the configured {@link RefreshLock}. */
export const RefreshLock = Symbol('RefreshLock');
