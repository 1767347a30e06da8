/** A started OAuth authorization, as its signed `state` carries it (nothing is stored per state). */
export interface OAuthStateRecord {
  /** Epoch ms after which the state is refused. */
  expiresAt: number;
  /** Where to send the browser after success (a same-origin path). */
  returnTo?: string;
}

/**
 * The OAuth states already redeemed, so that each `state` completes one authorization only, on
 * whichever instance the callback reaches (when shared). Issuing a state stores nothing: the state
 * is signed and carries its nonce, expiry and `returnTo`; only a nonce whose callback passed every
 * check is kept, until its state expires, so unauthenticated `/authorize` calls cannot grow it.
 * `@Inject(OAuthStateStore)`.
 */
export interface OAuthStateStore {
  /**
   * Records `nonce` as redeemed for `ttlMs` (what is left of its state's lifetime), in one atomic
   * step: true the first time, false when it was already redeemed (a replay).
   */
  redeem(nonce: string, ttlMs: number): Promise<boolean>;
}

/** Injection token of the configured {@link OAuthStateStore}. */
export const OAuthStateStore = Symbol('OAuthStateStore');
