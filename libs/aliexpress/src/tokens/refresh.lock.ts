/** A held refresh lock; only its holder can release or extend it. */
export interface RefreshLockHandle {
  /** Gives the lock up; a no-op when it already expired and someone else holds it now. */
  release(): Promise<void>;
  /**
   * Extends the lease to `ttlMs` from now, only while this handle still holds the lock; resolves
   * false once it lapsed (another holder may have it). `TokenService` calls it as a heartbeat
   * while a refresh runs. Optional for a lock of your own: without it, the first lease must cover
   * the whole refresh (`TokenService` sizes it so).
   */
  extend?(ttlMs: number): Promise<boolean>;
  /**
   * True when the previous holder's lease ran out before it released the lock: that refresh may
   * still land, so a refresh token the gateway now refuses may just have been rotated by it, and
   * `TokenService` waits for its pair before marking the account. Optional for a lock of your own.
   */
  readonly takenOverLapsedLease?: boolean;
}

/**
 * A lock on one account's refresh, so that one refresh runs at a time across everything that shares
 * the lock (one process in memory, every instance with Redis). `@Inject(RefreshLock)`.
 */
export interface RefreshLock {
  /**
   * Takes the account's lock for at most `ttlMs` (it expires if never released nor extended);
   * resolves undefined when another holder has it.
   */
  acquire(accountId: string, ttlMs: number): Promise<RefreshLockHandle | undefined>;
}

/** Injection token of the configured {@link RefreshLock}. */
export const RefreshLock = Symbol('RefreshLock');
