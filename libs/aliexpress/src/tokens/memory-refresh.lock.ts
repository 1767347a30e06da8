import type { RefreshLock, RefreshLockHandle } from './refresh.lock';

/**
 * The default {@link RefreshLock}: process memory. Enough for one instance (where `TokenService`
 * already runs one refresh per account); use Redis when several instances share the tokens.
 */
export class MemoryRefreshLock implements RefreshLock {
  private readonly held = new Map<string, { owner: symbol; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  acquire(accountId: string, ttlMs: number): Promise<RefreshLockHandle | undefined> {
    const now = this.now();
    const current = this.held.get(accountId);
    if (current && current.until > now) return Promise.resolve(undefined);
    const owner = Symbol(accountId);
    this.held.set(accountId, { owner, until: now + ttlMs });
    return Promise.resolve({
      release: () => {
        if (this.held.get(accountId)?.owner === owner) this.held.delete(accountId);
        return Promise.resolve();
      },
    });
  }
}
