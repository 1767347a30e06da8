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
}

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
