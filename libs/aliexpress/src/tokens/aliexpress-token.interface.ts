/** A connected account's token pair, as `TokenService` stores it. */
export interface AliexpressToken {
  /** The platform `user_id`: the key every call takes. */
  accountId: string;
  sellerId?: string;
  userNick?: string;
  account?: string;
  accountPlatform?: string;
  accessToken: string;
  refreshToken: string;
  /** Epoch ms. */
  accessExpiresAt: number;
  /** Epoch ms; past it the user must authorize again. */
  refreshExpiresAt: number;
  /** Epoch ms when this pair was issued. */
  issuedAt: number;
}

/** A token pair with the bookkeeping a (possibly shared) store needs. */
export interface StoredToken extends AliexpressToken {
  /** Increases on every write; compare-and-set uses it so a rotated refresh token is never overwritten. */
  version: number;
  /** Set when the refresh token is dead: calls fail until the user authorizes again. */
  reauthorizationRequired: boolean;
}

/**
 * Why the stored tokens of an account cannot be opened:
 * - `unknown-key`: they were encrypted under a key that is not configured (add it to
 *   `previousTokenEncryptionKeys`, or let the user authorize again);
 * - `undecryptable`: no configured key opens them: the record was altered, or written under the
 *   same key id with another key, or for another app;
 * - `unsupported-format`: an encrypted format this version no longer reads (`enc:v1`).
 */
export type UnreadableTokenReason = 'unknown-key' | 'undecryptable' | 'unsupported-format';

/** Set on an {@link AliexpressAccount} whose stored tokens cannot be opened. */
export interface UnreadableTokens {
  reason: UnreadableTokenReason;
  /** The id of the key the record names (see `tokenKeyId`), when it names one. */
  keyId?: string;
}

/** What may be shown about a connected account: everything but the tokens. */
export interface AliexpressAccount {
  accountId: string;
  sellerId?: string;
  userNick?: string;
  account?: string;
  accountPlatform?: string;
  /** When the access token expires (epoch ms). */
  expiresAt: number;
  /** When the refresh token expires (epoch ms). */
  refreshExpiresAt: number;
  issuedAt: number;
  reauthorizationRequired: boolean;
  /**
   * Present only when the stored tokens cannot be opened (see {@link UnreadableTokens}): the
   * account is then listed with `reauthorizationRequired: true`, its other fields as stored (not
   * authenticated), and calls for it fail with `TokenEncryptionError` until it is disconnected or
   * authorized again (either replaces the record).
   */
  unreadable?: UnreadableTokens;
}

/**
 * A stored record as a store that may be unable to open it gives it: its tokens, or the account
 * flagged {@link AliexpressAccount.unreadable} (never the sealed tokens).
 */
export type TokenRecord =
  { readable: true; token: StoredToken } | { readable: false; account: AliexpressAccount };

/** The public view of a stored token: no access or refresh token. */
export function toAccount(token: StoredToken): AliexpressAccount {
  return {
    accountId: token.accountId,
    sellerId: token.sellerId,
    userNick: token.userNick,
    account: token.account,
    accountPlatform: token.accountPlatform,
    expiresAt: token.accessExpiresAt,
    refreshExpiresAt: token.refreshExpiresAt,
    issuedAt: token.issuedAt,
    reauthorizationRequired: token.reauthorizationRequired,
  };
}

/** The account of a record whose tokens cannot be opened: flagged, and to be authorized again. */
export function toUnreadableAccount(
  record: StoredToken,
  unreadable: UnreadableTokens,
): AliexpressAccount {
  return { ...toAccount(record), reauthorizationRequired: true, unreadable };
}
