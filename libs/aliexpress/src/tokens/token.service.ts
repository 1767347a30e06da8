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
  TokenEncryptionError,
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
import { RefreshLock } from './refresh.lock';
import { getStoredAccount, listStoredAccounts } from './token-record.reader';
import { TokenStore } from './token.store';

type RefreshReason =
  | { kind: 'expiring' }
  | { kind: 'forced'; seenVersion: number }
  | { kind: 'rejected'; accessToken: string };

/** A pair the gateway issued but the store could not take yet: kept here so it is never lost. */
interface PendingWrite {
  token: StoredToken;
  /** The version it replaces (`undefined`: write unconditionally, as after a code exchange). */
  replaces?: number;
  /** The refresh token it replaces, to recognise a stale record on flush. */
  replacedRefreshToken?: string;
}

/** How long a refresh may hold the shared lock, and how long others wait for it. */
const LOCK_TTL_MS = 15_000;
const LOCK_POLL_MS = 50;

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
  private readonly pending = new Map<string, PendingWrite>();

  constructor(
    private readonly gateway: GatewayClient,
    @Inject(TokenStore) private readonly store: TokenStore,
    @Inject(RefreshLock) private readonly lock: RefreshLock,
    @Inject(ALIEXPRESS_OPTIONS) private readonly options: ResolvedAliexpressOptions,
  ) {}

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
      previous = await this.storeCall('get', () => this.store.get(token.accountId));
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
    this.pending.delete(token.accountId);
    try {
      await this.storeCall('set', () => this.store.set(stored));
    } catch (error) {
      if (!(error instanceof TokenStoreError)) throw error;
      // the code is spent at the gateway: keep the pair here until the store takes it
      this.pending.set(token.accountId, { token: stored });
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
    const seen = await this.load(accountId);
    return publicToken(
      await this.refreshOnce(accountId, { kind: 'forced', seenVersion: seen.version }),
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
      const refreshed = await this.refreshOnce(accountId, { kind: 'rejected', accessToken });
      return call(refreshed.accessToken);
    }
  }

  /**
   * Forgets the account's tokens. Resolves false when nothing was stored. A record no configured
   * key can read is deleted too, without decrypting it.
   */
  async disconnect(accountId: string): Promise<boolean> {
    this.checkAccountId(accountId);
    const existing = await this.storeCall('get', () => getStoredAccount(this.store, accountId));
    if (!existing) return false;
    await this.storeCall('delete', () => this.store.delete(accountId));
    this.logger.log(`account ${accountId} disconnected`);
    await this.emit({ type: 'disconnected', accountId, account: existing });
    return true;
  }

  /**
   * The connected accounts, without tokens. An account whose stored tokens no configured key can
   * read is listed flagged (`unreadable`, `reauthorizationRequired: true`), never thrown.
   */
  async listAccounts(): Promise<AliexpressAccount[]> {
    const accounts = await this.storeCall('list', () => listStoredAccounts(this.store));
    return accounts.sort((a, b) => a.accountId.localeCompare(b.accountId));
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
      throw new AliexpressArgumentError({
        argument: 'accountId',
        problem: 'must be a non-empty account id (the platform user_id)',
      });
    }
  }

  private async load(accountId: string): Promise<StoredToken> {
    this.checkAccountId(accountId);
    const pending = this.pending.get(accountId);
    if (pending) {
      try {
        await this.flush(accountId, pending);
      } catch (error) {
        // the store is still down: the pair in memory is the newest there is
        if (error instanceof TokenStoreError) return pending.token;
        throw error;
      }
    }
    const token = await this.storeCall('get', () => this.store.get(accountId));
    if (!token) throw new AccountNotConnectedError({ accountId });
    if (token.reauthorizationRequired) throw new ReauthorizationRequiredError({ accountId });
    return token;
  }

  /** Writes a pair kept in memory, unless the store meanwhile holds a genuinely newer one. */
  private async flush(accountId: string, pending: PendingWrite): Promise<void> {
    if (pending.replaces === undefined) {
      await this.storeCall('set', () => this.store.set(pending.token));
    } else if (
      !(await this.storeCall('compareAndSet', () =>
        this.store.compareAndSet(pending.token, pending.replaces),
      ))
    ) {
      const stored = await this.storeCall('get', () => this.store.get(accountId));
      // still the pair ours replaced (perhaps marked for re-authorization by a loser): ours wins
      if (stored && stored.refreshToken === pending.replacedRefreshToken) {
        const next = { ...pending.token, version: stored.version + 1 };
        await this.storeCall('compareAndSet', () => this.store.compareAndSet(next, stored.version));
      }
    }
    if (this.pending.get(accountId) === pending) this.pending.delete(accountId);
    this.logger.log(`account ${accountId}: pair kept in memory written to the token store`);
  }

  private refreshOnce(accountId: string, reason: RefreshReason): Promise<StoredToken> {
    let flight = this.inflight.get(accountId);
    if (!flight) {
      flight = this.doRefresh(accountId, reason).finally(() => this.inflight.delete(accountId));
      this.inflight.set(accountId, flight);
    }
    return flight;
  }

  /** True when `token` already answers the reason for refreshing (someone else refreshed). */
  private settles(token: StoredToken, reason: RefreshReason): boolean {
    if (reason.kind === 'expiring') return this.isFresh(token);
    if (reason.kind === 'rejected') return token.accessToken !== reason.accessToken;
    return token.version !== reason.seenVersion;
  }

  private async doRefresh(accountId: string, reason: RefreshReason): Promise<StoredToken> {
    let current = await this.load(accountId);
    // someone (another caller, another instance) may have refreshed since this caller looked
    if (this.settles(current, reason)) return current;
    // a pair still waits in memory: the store (and its lock) is down, refresh from that pair
    if (this.pending.has(accountId)) return this.refreshWith(current);

    const deadline = Date.now() + LOCK_TTL_MS;
    for (;;) {
      const lock = await this.storeCall('acquireRefreshLock', () =>
        this.lock.acquire(accountId, LOCK_TTL_MS),
      );
      if (lock) {
        try {
          current = await this.load(accountId);
          return this.settles(current, reason) ? current : await this.refreshWith(current);
        } finally {
          await lock.release().catch((error: unknown) => {
            this.logger.warn(
              `refresh lock of account ${accountId} not released: ${(error as Error).message}`,
            );
          });
        }
      }
      // another instance is refreshing: wait for it, then use what it stored
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
      current = await this.load(accountId);
      if (this.settles(current, reason)) return current;
      if (Date.now() > deadline) {
        throw new TokenStoreError({
          operation: 'acquireRefreshLock',
          detail: `another instance held the refresh lock of account ${accountId} too long`,
        });
      }
    }
  }

  private async refreshWith(current: StoredToken): Promise<StoredToken> {
    const accountId = current.accountId;
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
      accountId,
      sellerId: fresh.sellerId ?? current.sellerId,
      userNick: fresh.userNick ?? current.userNick,
      account: fresh.account ?? current.account,
      accountPlatform: fresh.accountPlatform ?? current.accountPlatform,
      version: current.version + 1,
      reauthorizationRequired: false,
    };
    const pending = this.pending.get(accountId);
    let written: boolean;
    try {
      written = await this.storeCall('compareAndSet', () =>
        this.store.compareAndSet(next, current.version),
      );
    } catch (error) {
      if (!(error instanceof TokenStoreError)) throw error;
      // the gateway already rotated the pair: losing it would force a re-authorization
      this.pending.set(accountId, {
        token: next,
        replaces: pending ? pending.replaces : current.version,
        replacedRefreshToken: pending ? pending.replacedRefreshToken : current.refreshToken,
      });
      this.logger.warn(
        `account ${accountId}: token store unavailable, rotated pair kept in memory until it is back`,
      );
      return next;
    }
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
    throw new ReauthorizationRequiredError({ accountId: current.accountId });
  }

  private async storeCall<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof AliexpressError) throw error;
      throw new TokenStoreError({
        operation,
        detail: error instanceof Error ? error.message : String(error),
      });
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
