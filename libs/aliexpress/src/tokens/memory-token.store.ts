import type { StoredToken } from './aliexpress-token.interface.js';
import type { TokenStore } from './token.store.js';

/** The default {@link TokenStore}: process memory. Good for one instance; use Redis for several. */
export class MemoryTokenStore implements TokenStore {
  private readonly tokens = new Map<string, StoredToken>();

  get(accountId: string): Promise<StoredToken | undefined> {
    const token = this.tokens.get(accountId);
    return Promise.resolve(token && { ...token });
  }

  set(token: StoredToken): Promise<void> {
    this.tokens.set(token.accountId, { ...token });
    return Promise.resolve();
  }

  compareAndSet(token: StoredToken, expectedVersion: number | undefined): Promise<boolean> {
    if (this.tokens.get(token.accountId)?.version !== expectedVersion)
      return Promise.resolve(false);
    this.tokens.set(token.accountId, { ...token });
    return Promise.resolve(true);
  }

  delete(accountId: string): Promise<void> {
    this.tokens.delete(accountId);
    return Promise.resolve();
  }

  list(): Promise<StoredToken[]> {
    return Promise.resolve([...this.tokens.values()].map((t) => ({ ...t })));
  }
}
