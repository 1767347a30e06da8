/** A started OAuth authorization, kept until its callback (single use). */
export interface OAuthStateRecord {
  /** Epoch ms after which the state is refused. */
  expiresAt: number;
  /** Where to send the browser after success (a same-origin path). */
  returnTo?: string;
}

/**
 * Where started OAuth authorizations wait for their callback, so that each `state` is used once
 * and a callback reaching another instance finds it (when shared). `@Inject(OAuthStateStore)`.
 */
export interface OAuthStateStore {
  /** Keeps `record` under `nonce` for `ttlMs`. */
  save(nonce: string, record: OAuthStateRecord, ttlMs: number): Promise<void>;
  /** Returns and deletes the record in one step (single use), or undefined when absent or expired. */
  take(nonce: string): Promise<OAuthStateRecord | undefined>;
}

/** Injection token of the configured {@link OAuthStateStore}. */
export const OAuthStateStore = Symbol('OAuthStateStore');
