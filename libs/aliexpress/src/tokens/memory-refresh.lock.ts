import type { RefreshLock, RefreshLockHandle } from './refresh.lock.js';

/** One account's lock: its holder, until when, and until when a lapse is still worth telling. */
interface Lease {
  owner: symbol;
  until: number;
  /** After this, a lapsed lease is forgotten (twice its length: its refresh is long over). */
  rememberUntil: number;
}

/**
 * The default {@link RefreshLock}: process memory. Enough for one instance (where `TokenService`
 * already runs one refresh per account); use Redis when several instances share the tokens.
 * A lease that ran out without release is remembered for another lease length, so the next holder
 * learns it took over a lapsed one (`takenOverLapsedLease`).
 */
export class MemoryRefreshLock implements RefreshLock {
  private readonly held = new Map<string, Lease>();

  constructor(private readonly now: () => number = Date.now) {}

  acquire(accountId: string, ttlMs: number): Promise<RefreshLockHandle | undefined> {
    const now = this.now();
    const current = this.held.get(accountId);
    if (current && current.until > now) return Promise.resolve(undefined);
    const takenOverLapsedLease = current !== undefined && current.rememberUntil > now;
    const owner = Symbol(accountId);
    this.held.set(accountId, { owner, until: now + ttlMs, rememberUntil: now + 2 * ttlMs });
    return Promise.resolve({
      takenOverLapsedLease,
      release: () => {
        if (this.held.get(accountId)?.owner === owner) this.held.delete(accountId);
        return Promise.resolve();
      },
      extend: (extendMs: number) => {
        const lease = this.held.get(accountId);
        const at = this.now();
        if (lease?.owner !== owner || lease.until <= at) return Promise.resolve(false);
        lease.until = at + extendMs;
        lease.rememberUntil = at + 2 * extendMs;
        return Promise.resolve(true);
      },
    });
  }
}
