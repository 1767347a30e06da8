import { AliexpressError } from './aliexpress.error.js';

/** What the account-state errors are built from. */
export interface AccountErrorParams {
  accountId: string;
}

/** The account's refresh token is dead or expired: the user must authorize the app again. */
export class ReauthorizationRequiredError extends AliexpressError {
  readonly accountId: string;

  constructor(params: AccountErrorParams) {
    super({
      message: `AliExpress account ${params.accountId} must be authorized again (its refresh token is no longer valid)`,
    });
    this.accountId = params.accountId;
  }
}

/** No token pair is stored for this account: it was never connected, or was disconnected. */
export class AccountNotConnectedError extends AliexpressError {
  readonly accountId: string;

  constructor(params: AccountErrorParams) {
    super({ message: `AliExpress account ${params.accountId} is not connected` });
    this.accountId = params.accountId;
  }
}

/** Stored tokens cannot be decrypted: the encryption key differs from the one they were written with. */
export class TokenEncryptionError extends AliexpressError {}

/** What {@link TokenStoreError} is built from. */
export interface TokenStoreErrorParams {
  /** The store operation that failed: `get`, `set`, `compareAndSet`, … */
  operation: string;
  /** Why it failed, as the store said (never a token). */
  detail: string;
}

/** The token store failed (down, slow, refused a write); the stored pair is unchanged. */
export class TokenStoreError extends AliexpressError {
  readonly operation: string;

  constructor(params: TokenStoreErrorParams) {
    super({ message: `token store ${params.operation} failed: ${params.detail}` });
    this.operation = params.operation;
  }
}
