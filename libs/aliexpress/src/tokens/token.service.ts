import { Inject, Injectable, Logger } from '@nestjs/common';
import { ALIEXPRESS_OPTIONS } from '../aliexpress.constants';
import type { ResolvedAliexpressOptions } from '../config/aliexpress-options.interface';
import {
  AccountNotConnectedError,
  AliexpressAccessTokenError,
  AliexpressArgumentError,
  AliexpressError,
  AliexpressGrantError,
  ReauthorizationRequiredError,
  TokenStoreError,
} from '../errors/aliexpress.errors';
import { GatewayClient } from '../gateway/gateway.client';
import {
  toAccount,
  type AliexpressAccount,
  type AliexpressToken,
  type StoredToken,
} from './aliexpress-token.interface';
import type { AliexpressTokenEvent } from './token-events';
import { tokenFromResponse } from './token-response.parser';
import { TokenStore } from './token.store';

type RefreshReason =
  { kind: 'expiring' } | { kind: 'forced' } | { kind: 'rejected'; accessToken: string };

const ACCOUNT_ID = /^[\x21-\x7e]{1,128}$/;

const publicToken = ({
  version: _v,
  reauthorizationRequired: _r,
  ...token
}: StoredToken): AliexpressToken => token;

/**
 * Owns the token lifecycle: exchanges codes, hands out valid access tokens, refreshes them before
 * they expire (once per account however many callers ask), and stores the rotated refresh token
 * before anyone uses the new access token.
 */
@Injectable()
export class TokenService {
  private readonly logger = new Logger('AliexpressTokens');
  private readonly inflight = new Map<string, Promise<StoredToken>>();

  constructor(
    private readonly gateway: GatewayClient,
    @Inject(TokenStore) private readonly store: TokenStore,
    @Inject(ALIEXPRESS_OPTIONS) private readonly options: ResolvedAliexpressOptions,
  ) {}

  /** Exchanges an authorization code for a token pair and stores it under the platform user id. */
  async exchangeCode(code: string): Promise<AliexpressToken> {
    if (typeof code !== 'string' || code.length === 0 || code.length > 512) {
      throw new AliexpressArgumentError('code', 'must be a non-empty authorization code');
    }
    const body = await this.gateway.callSystem('/auth/token/create', { code });
    const token = tokenFromResponse(body, this.now(), '/auth/token/create');
    const previous = await this.storeCall('get', () => this.store.get(token.accountId));
    const stored: StoredToken = {
      ...token,
      version: (previous?.version ?? 0) + 1,
      reauthorizationRequired: false,
    };
    await this.storeCall('set', () => this.store.set(stored));
    this.logger.log(`account ${token.accountId} connected`);
    await this.emit({ type: 'issued', accountId: token.accountId, account: toAccount(stored) });
    return token;
  }

  /** A valid access token for the account, refreshed first when it is within the refresh margin. */
  async getAccessToken(accountId: string): Promise<string> {
    const token = await this.load(accountId);
    if (this.isFresh(token)) return token.accessToken;
    try {
      return (await this.refreshOnce(accountId, { kind: 'expiring' })).accessToken;
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
    return publicToken(await this.refreshOnce(accountId, { kind: 'forced' }));
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
      const refreshed = await this.refreshOnce(accountId, { kind: 'rejected', accessToken });
      return call(refreshed.accessToken);
    }
  }

  /** Forgets the account's tokens. Resolves false when nothing was stored. */
  async disconnect(accountId: string): Promise<boolean> {
    this.checkAccountId(accountId);
    const existing = await this.storeCall('get', () => this.store.get(accountId));
    if (!existing) return false;
    await this.storeCall('delete', () => this.store.delete(accountId));
    this.logger.log(`account ${accountId} disconnected`);
    await this.emit({ type: 'disconnected', accountId, account: toAccount(existing) });
    return true;
  }

  /** The connected accounts, without tokens. */
  async listAccounts(): Promise<AliexpressAccount[]> {
    const tokens = await this.storeCall('list', () => this.store.list());
    return tokens.map(toAccount).sort((a, b) => a.accountId.localeCompare(b.accountId));
  }

  /** One connected account without its tokens, or undefined. */
  async getAccount(accountId: string): Promise<AliexpressAccount | undefined> {
    this.checkAccountId(accountId);
    const token = await this.storeCall('get', () => this.store.get(accountId));
    return token && toAccount(token);
  }

  private now(): number {
    return this.options.clock.now();
  }

  private isFresh(token: StoredToken): boolean {
    const lifetime = token.accessExpiresAt - token.issuedAt;
    const margin = Math.min(this.options.refreshMarginSeconds * 1000, Math.max(lifetime, 0) / 2);
    return this.now() < token.accessExpiresAt - margin;
  }

  private checkAccountId(accountId: string): void {
    if (typeof accountId !== 'string' || !ACCOUNT_ID.test(accountId)) {
      throw new AliexpressArgumentError(
        'accountId',
        'must be a non-empty account id (the platform user_id)',
      );
    }
  }

  private async load(accountId: string): Promise<StoredToken> {
    this.checkAccountId(accountId);
    const token = await this.storeCall('get', () => this.store.get(accountId));
    if (!token) throw new AccountNotConnectedError(accountId);
    if (token.reauthorizationRequired) throw new ReauthorizationRequiredError(accountId);
    return token;
  }

  private refreshOnce(accountId: string, reason: RefreshReason): Promise<StoredToken> {
    let flight = this.inflight.get(accountId);
    if (!flight) {
      flight = this.doRefresh(accountId, reason).finally(() => this.inflight.delete(accountId));
      this.inflight.set(accountId, flight);
    }
    return flight;
  }

  private async doRefresh(accountId: string, reason: RefreshReason): Promise<StoredToken> {
    const current = await this.load(accountId);
    // someone (another caller, another instance) may have refreshed since this caller looked
    if (reason.kind === 'expiring' && this.isFresh(current)) return current;
    if (reason.kind === 'rejected' && current.accessToken !== reason.accessToken) return current;

    if (this.now() >= current.refreshExpiresAt) return this.requireReauthorization(current);
    let body;
    try {
      body = await this.gateway.callSystem('/auth/token/refresh', {
        refresh_token: current.refreshToken,
      });
    } catch (error) {
      if (error instanceof AliexpressGrantError) return this.requireReauthorization(current);
      throw error;
    }
    const fresh = tokenFromResponse(body, this.now(), '/auth/token/refresh');
    const next: StoredToken = {
      ...current,
      ...fresh,
      accountId: current.accountId,
      sellerId: fresh.sellerId ?? current.sellerId,
      userNick: fresh.userNick ?? current.userNick,
      account: fresh.account ?? current.account,
      accountPlatform: fresh.accountPlatform ?? current.accountPlatform,
      version: current.version + 1,
      reauthorizationRequired: false,
    };
    const written = await this.storeCall('compareAndSet', () =>
      this.store.compareAndSet(next, current.version),
    );
    if (!written) {
      // another writer won (a re-authorization or another instance's refresh): use what it stored
      return this.load(accountId);
    }
    this.logger.log(`account ${accountId} refreshed`);
    await this.emit({ type: 'refreshed', accountId, account: toAccount(next) });
    return next;
  }

  private async requireReauthorization(current: StoredToken): Promise<StoredToken> {
    const marked: StoredToken = {
      ...current,
      version: current.version + 1,
      reauthorizationRequired: true,
    };
    const written = await this.storeCall('compareAndSet', () =>
      this.store.compareAndSet(marked, current.version),
    );
    // the pair changed under us (refreshed elsewhere, or re-authorized): what was stored decides
    if (!written) return this.load(current.accountId);
    this.logger.warn(`account ${current.accountId} must authorize again`);
    await this.emit({
      type: 'reauthorization-required',
      accountId: current.accountId,
      account: toAccount(marked),
    });
    throw new ReauthorizationRequiredError(current.accountId);
  }

  private async storeCall<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof AliexpressError) throw error;
      throw new TokenStoreError(operation, error instanceof Error ? error.message : String(error));
    }
  }

  private async emit(event: AliexpressTokenEvent): Promise<void> {
    if (!this.options.onTokenEvent) return;
    try {
      await this.options.onTokenEvent(event);
    } catch (error) {
      this.logger.warn(
        `onTokenEvent hook failed on ${event.type}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
