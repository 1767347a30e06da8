/**
 * Writes a pair the gateway issued into the token store.
 *
 * Invariant — ours wins: the gateway rotates the refresh token on every refresh, and the one it
 * replaced dies at once. So when the compare-and-set of a rotated pair loses to a record that
 * still holds the refresh token ours replaced (another instance marked the account after the
 * gateway refused that token, or rewrote the same pair), ours is the only live pair and is written
 * over that record, however many compare-and-sets it takes within a lease. Only a genuinely newer
 * pair (another refresh, a re-authorization: a different refresh token) beats it. A pair that keeps
 * losing past a lease is not dropped: the writer throws `TokenStoreError` and the caller hands the
 * pair to the write-back queue.
 */
import type { ResolvedAliexpressOptions } from '../config/aliexpress-options.interface.js';
import { TokenStoreError } from '../errors/aliexpress.errors.js';
import type { StoredToken } from './aliexpress-token.interface.js';
import { LOCK_POLL_MS, refreshLeaseMs, sleep } from './token-lifecycle.timing.js';
import { storeCall, type TokenStore } from './token.store.js';

/** A pair to write, and what it replaces. */
export interface PairWrite {
  token: StoredToken;
  /** The version it replaces (`undefined`: write unconditionally, as after a code exchange). */
  replaces?: number;
  /** The refresh token it replaces, to recognise a stale record on flush. */
  replacedRefreshToken?: string;
}

/** Writes issued pairs: unconditionally after a code exchange, "ours wins" after a refresh. */
export class TokenPairWriter {
  constructor(
    private readonly store: TokenStore,
    private readonly options: Pick<ResolvedAliexpressOptions, 'timeoutMs'>,
  ) {}

  /**
   * Writes `write.token`. Resolves the pair written, or undefined when a genuinely newer pair is
   * stored; throws `TokenStoreError` when the store fails or the pair kept losing past a lease.
   */
  async write({
    token,
    replaces,
    replacedRefreshToken,
  }: PairWrite): Promise<StoredToken | undefined> {
    if (replaces === undefined) {
      await storeCall('set', () => this.store.set(token));
      return token;
    }
    return this.writeRotated(token, replaces, replacedRefreshToken);
  }

  /** Writes a pair the gateway just rotated over the version it replaces: ours wins (see above). */
  private async writeRotated(
    next: StoredToken,
    replaces: number,
    replacedRefreshToken: string | undefined,
  ): Promise<StoredToken | undefined> {
    const deadline = Date.now() + refreshLeaseMs(this.options);
    let expected = replaces;
    let token = next;
    for (;;) {
      if (await storeCall('compareAndSet', () => this.store.compareAndSet(token, expected)))
        return token;
      const stored = await storeCall('get', () => this.store.get(next.accountId));
      if (!stored || stored.refreshToken !== replacedRefreshToken) return undefined;
      if (Date.now() > deadline) {
        throw new TokenStoreError({
          operation: 'compareAndSet',
          detail: `the rotated pair of account ${next.accountId} kept losing its write`,
        });
      }
      expected = stored.version;
      token = { ...next, version: stored.version + 1 };
      await sleep(Math.random() * LOCK_POLL_MS);
    }
  }
}
