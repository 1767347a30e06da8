import type { OAuthStateRecord, OAuthStateStore } from './oauth-state.store';

/**
 * The default {@link OAuthStateStore}: process memory, on the module's clock. Enough for one
 * instance; with several, a callback may reach an instance that did not start the authorization.
 */
export class MemoryOAuthStateStore implements OAuthStateStore {
  private readonly states = new Map<string, { record: OAuthStateRecord; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  save(nonce: string, record: OAuthStateRecord, ttlMs: number): Promise<void> {
    const now = this.now();
    for (const [key, value] of this.states) if (value.until <= now) this.states.delete(key);
    this.states.set(nonce, { record: { ...record }, until: now + ttlMs });
    return Promise.resolve();
  }

  take(nonce: string): Promise<OAuthStateRecord | undefined> {
    const entry = this.states.get(nonce);
    this.states.delete(nonce);
    return Promise.resolve(entry && entry.until > this.now() ? { ...entry.record } : undefined);
  }
}
