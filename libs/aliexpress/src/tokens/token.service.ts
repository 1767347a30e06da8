/**
 * The account API: connect (exchange a code), get a valid access token, run a call with one,
 * refresh, list, disconnect. Each of these reads and writes through the token store; the hard parts
 * live beside it, each stating its own invariant at its top:
 *
 * - refresh coordination, `token-refresh.coordinator.ts`: one refresh per account at a time across
 *   instances, and a refused refresh token marks the account only once the store shows no other pair;
 * - the pair writer, `token-pair.writer.ts`: a rotated pair wins over a record still holding the
 *   refresh token it replaced ("ours wins");
 * - pending writes, `token-write-back.queue.ts`: a pair the store refused is kept and written back,
 *   never lost.
 *
 * They are plain classes, one set per `TokenService` (built in its constructor, not Nest
 * providers): their state (refreshes in flight, pairs kept in memory) is this service's, and
 * `new TokenService(gateway, store, lock, options)` stays the whole of it.
 */
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ALIEXPRESS_OPTIONS } from '../aliexpress.constants.js';
import type { ResolvedAliexpressOptions } from '../config/aliexpress-options.interface.js';
import {
  AccountNotConnectedError,
  AliexpressAccessTokenError,
  AliexpressArgumentError,
  ReauthorizationRequiredError,
  TokenEncryptionError,
  TokenStoreError,
} from '../errors/aliexpress.errors.js';
import { GatewayClient } from '../gateway/gateway.client.js';
import {
  toAccount,
  type AliexpressAccount,
  type AliexpressToken,
  type StoredToken,
} from './aliexpress-token.interface.js';
import { RefreshLock } from './refresh.lock.js';
import { tokenEventSink, type TokenEventSink } from './token-events.js';
import { TokenPairWriter } from './token-pair.writer.js';
import { getStoredAccount, listStoredAccounts } from './token-record.reader.js';
import { TokenRefreshCoordinator } from './token-refresh.coordinator.js';
import { tokenFromResponse } from './token-response.parser.js';
import { TokenWriteBackQueue } from './token-write-back.queue.js';
import { storeCall, TokenStore } from './token.store.js';

const ACCOUNT_ID = /^[\x21-\x7e]{1,128}$/;

const publicToken = ({
  version: _v,
  reauthorizationRequired: _r,
  ...token
}: StoredToken): AliexpressToken => token;

/**
 * Owns the token lifecycle: exchanges codes, hands out valid access tokens, refreshes them before
 * they expire (once per account however many callers ask), and stores the rotated refresh token
 * before anyone uses the new access token. A rotated pair is never thrown away: the refresh lock's
 * lease covers the whole refresh and is extended while it runs; a pair whose write lost to a record
 * still holding the refresh token it replaced wins; a refused refresh token is checked against the
 * store before the account is marked; a pair the store refused is written back in the background.
 */
@Injectable()
export class TokenService implements OnModuleDestroy {
  private readonly logger = new Logger('AliexpressTokens');
  private readonly emit: TokenEventSink;
  private readonly writeBack: TokenWriteBackQueue;
  private readonly refresher: TokenRefreshCoordinator;

  constructor(
    private readonly gateway: GatewayClient,
    @Inject(TokenStore) private readonly store: TokenStore,
    @Inject(RefreshLock) lock: RefreshLock,
    @Inject(ALIEXPRESS_OPTIONS) private readonly options: ResolvedAliexpressOptions,
  ) {
    this.emit = tokenEventSink(options);
    const writer = new TokenPairWriter(store, options);
    this.writeBack = new TokenWriteBackQueue(writer, this.emit);
    this.refresher = new TokenRefreshCoordinator({
      gateway,
      store,
      lock,
      options,
      writer,
      writeBack: this.writeBack,
      emit: this.emit,
    });
  }

  /** Exchanges an authorization code for a token pair and stores it under the platform user id. */
  async exchangeCode(code: string): Promise<AliexpressToken> {
    if (typeof code !== 'string' || code.length === 0 || code.length > 512) {
      throw new AliexpressArgumentError({
        argument: 'code',
        problem: 'must be a non-empty authorization code',
      });
    }
    const body = await this.gateway.callSystem('/auth/token/create', { code });
    const token = tokenFromResponse(body, this.now(), '/auth/token/create');
    let previous: StoredToken | undefined;
    try {
      previous = await storeCall('get', () => this.store.get(token.accountId));
    } catch (error) {
      // an unreachable store, or a record no key can read any more: the code is spent either way,
      // and the fresh pair replaces whatever was there
      if (!(error instanceof TokenStoreError || error instanceof TokenEncryptionError)) throw error;
    }
    const stored: StoredToken = {
      ...token,
      version: (previous?.version ?? 0) + 1,
      reauthorizationRequired: false,
    };
    this.writeBack.drop(token.accountId);
    try {
      await storeCall('set', () => this.store.set(stored));
    } catch (error) {
      if (!(error instanceof TokenStoreError)) throw error;
      // the code is spent at the gateway: keep the pair here until the store takes it
      this.writeBack.keep(token.accountId, { token: stored });
      this.logger.warn(
        `account ${token.accountId}: token store unavailable, pair kept in memory until it is back`,
      );
    }
    this.logger.log(`account ${token.accountId} connected`);
    await this.emit({ type: 'issued', accountId: token.accountId, account: toAccount(stored) });
    return token;
  }

  /** A valid access token for the account, refreshed first when it is within the refresh margin. */
  async getAccessToken(accountId: string): Promise<string> {
    const token = await this.load(accountId);
    if (this.refresher.isFresh(token)) return token.accessToken;
    try {
      return (await this.refresher.refresh(accountId, { kind: 'expiring' })).accessToken;
    } catch (error) {
      // a transient failure while the current token still works: use it, try again next call
      if (
        !(error instanceof ReauthorizationRequiredError) &&
        !(error instanceof AccountNotConnectedError) &&
        token.accessExpiresAt > this.now()
      ) {
        this.logger.warn(
          `refresh of account ${accountId} failed (${(error as Error).name}); using the current token until it expires`,
        );
        return token.accessToken;
      }
      throw error;
    }
  }

  /** Refreshes now, whatever the expiry; concurrent callers share one refresh. */
  async refresh(accountId: string): Promise<AliexpressToken> {
    const seen = await this.load(accountId);
    return publicToken(
      await this.refresher.refresh(accountId, { kind: 'forced', seenVersion: seen.version }),
    );
  }

  /**
   * Runs a call with the account's access token; if the gateway answers `IllegalAccessToken`,
   * refreshes once (through the same single flight) and retries once.
   */
  async withAccessToken<T>(
    accountId: string,
    call: (accessToken: string) => Promise<T>,
  ): Promise<T> {
    const accessToken = await this.getAccessToken(accountId);
    try {
      return await call(accessToken);
    } catch (error) {
      if (!(error instanceof AliexpressAccessTokenError)) throw error;
      this.logger.warn(
        `access token of account ${accountId} refused by the gateway; refreshing once`,
      );
      const refreshed = await this.refresher.refresh(accountId, { kind: 'rejected', accessToken });
      return call(refreshed.accessToken);
    }
  }

  /**
   * Forgets the account's tokens. Resolves false when nothing was stored. A record no configured
   * key can read is deleted too, without decrypting it.
   */
  async disconnect(accountId: string): Promise<boolean> {
    this.checkAccountId(accountId);
    const existing = await storeCall('get', () => getStoredAccount(this.store, accountId));
    if (!existing) return false;
    await storeCall('delete', () => this.store.delete(accountId));
    this.logger.log(`account ${accountId} disconnected`);
    await this.emit({ type: 'disconnected', accountId, account: existing });
    return true;
  }

  /**
   * The connected accounts, without tokens. An account whose stored tokens no configured key can
   * read is listed flagged (`unreadable`, `reauthorizationRequired: true`), never thrown.
   */
  async listAccounts(): Promise<AliexpressAccount[]> {
    const accounts = await storeCall('list', () => listStoredAccounts(this.store));
    return accounts.sort((a, b) => a.accountId.localeCompare(b.accountId));
  }

  /** One connected account without its tokens, or undefined. */
  async getAccount(accountId: string): Promise<AliexpressAccount | undefined> {
    this.checkAccountId(accountId);
    const token = await storeCall('get', () => this.store.get(accountId));
    return token && toAccount(token);
  }

  /**
   * Stops the background write-backs, then tries once more to write every pair still kept in
   * memory (the store is still open: Nest closes it after this hook).
   */
  async onModuleDestroy(): Promise<void> {
    await this.writeBack.shutdown();
  }

  private now(): number {
    return this.options.clock.now();
  }

  private checkAccountId(accountId: string): void {
    if (typeof accountId !== 'string' || !ACCOUNT_ID.test(accountId)) {
      throw new AliexpressArgumentError({
        argument: 'accountId',
        problem: 'must be a non-empty account id (the platform user_id)',
      });
    }
  }

  private async load(accountId: string): Promise<StoredToken> {
    this.checkAccountId(accountId);
    return this.refresher.current(accountId);
  }
}
