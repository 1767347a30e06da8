/**
 * Refreshes an account's token pair, once, however many callers and instances ask.
 *
 * Invariant — one refresh per account at a time across instances: callers in one process share
 * one flight per account; across instances, only the holder of the account's `RefreshLock` calls
 * the gateway. Its lease covers the whole refresh (the pacing wait and the request, each bounded
 * by `timeoutMs`, plus the store work around them) and is extended while the refresh runs. The
 * others poll the record and use the pair the holder stored.
 *
 * Invariant — look before marking: a refresh token the gateway refuses marks the account for
 * re-authorization only once the store shows no other pair. A holder that took over a lapsed lease
 * (the previous holder never released it) keeps looking until its own lease would end, since the
 * previous holder's rotated pair may still land.
 *
 * The rotated pair is written by {@link TokenPairWriter} ("ours wins"); a pair the store refuses
 * goes to {@link TokenWriteBackQueue} ("never lost").
 */
import { Logger } from '@nestjs/common';
import type { ResolvedAliexpressOptions } from '../config/aliexpress-options.interface.js';
import {
  AccountNotConnectedError,
  AliexpressGrantError,
  ReauthorizationRequiredError,
  TokenStoreError,
} from '../errors/aliexpress.errors.js';
import type { GatewayClient } from '../gateway/gateway.client.js';
import { toAccount, type StoredToken } from './aliexpress-token.interface.js';
import { keepLeaseAlive } from './refresh-lease.heartbeat.js';
import type { RefreshLock } from './refresh.lock.js';
import type { TokenEventSink } from './token-events.js';
import { GRACE_POLL_MS, LOCK_POLL_MS, refreshLeaseMs, sleep } from './token-lifecycle.timing.js';
import type { TokenPairWriter } from './token-pair.writer.js';
import { tokenFromResponse } from './token-response.parser.js';
import type { TokenWriteBackQueue } from './token-write-back.queue.js';
import { storeCall, type TokenStore } from './token.store.js';

/** Why a refresh was asked for; a pair stored meanwhile that answers it ends the refresh early. */
export type RefreshReason =
  | { kind: 'expiring' }
  | { kind: 'forced'; seenVersion: number }
  | { kind: 'rejected'; accessToken: string };

/** What the coordinator works with; `TokenService` builds it. */
export interface TokenRefreshParts {
  gateway: GatewayClient;
  store: TokenStore;
  lock: RefreshLock;
  options: ResolvedAliexpressOptions;
  writer: TokenPairWriter;
  writeBack: TokenWriteBackQueue;
  emit: TokenEventSink;
}

/** Single-flight refresh under the account's leased lock. */
export class TokenRefreshCoordinator {
  private readonly logger = new Logger('AliexpressTokens');
  private readonly inflight = new Map<string, Promise<StoredToken>>();

  constructor(private readonly parts: TokenRefreshParts) {}

  /**
   * The account's current pair: a pair kept in memory is written first (and used while the store
   * is down). Throws `AccountNotConnectedError` or `ReauthorizationRequiredError`.
   */
  async current(accountId: string): Promise<StoredToken> {
    const kept = await this.parts.writeBack.beforeRead(accountId);
    if (kept) return kept;
    const token = await storeCall('get', () => this.parts.store.get(accountId));
    if (!token) throw new AccountNotConnectedError({ accountId });
    if (token.reauthorizationRequired) throw new ReauthorizationRequiredError({ accountId });
    return token;
  }

  /** True while the access token is outside the refresh margin (at most half its lifetime). */
  isFresh(token: StoredToken): boolean {
    const lifetime = token.accessExpiresAt - token.issuedAt;
    const margin = Math.min(
      this.parts.options.refreshMarginSeconds * 1000,
      Math.max(lifetime, 0) / 2,
    );
    return this.now() < token.accessExpiresAt - margin;
  }

  /** Refreshes the account's pair; concurrent callers in this process share one refresh. */
  refresh(accountId: string, reason: RefreshReason): Promise<StoredToken> {
    let flight = this.inflight.get(accountId);
    if (!flight) {
      flight = this.refreshUnderLock(accountId, reason).finally(() =>
        this.inflight.delete(accountId),
      );
      this.inflight.set(accountId, flight);
    }
    return flight;
  }

  private now(): number {
    return this.parts.options.clock.now();
  }

  /** True when `token` already answers the reason for refreshing (someone else refreshed). */
  private settles(token: StoredToken, reason: RefreshReason): boolean {
    if (reason.kind === 'expiring') return this.isFresh(token);
    if (reason.kind === 'rejected') return token.accessToken !== reason.accessToken;
    return token.version !== reason.seenVersion;
  }

  private async refreshUnderLock(accountId: string, reason: RefreshReason): Promise<StoredToken> {
    let current = await this.current(accountId);
    // someone (another caller, another instance) may have refreshed since this caller looked
    if (this.settles(current, reason)) return current;
    // a pair still waits in memory: the store (and its lock) is down, refresh from that pair
    if (this.parts.writeBack.get(accountId)) return this.refreshWith(current);

    const leaseMs = refreshLeaseMs(this.parts.options);
    // a holder's refresh ends within its lease (extended while it runs): wait up to twice that
    const deadline = Date.now() + 2 * leaseMs;
    for (;;) {
      const lock = await storeCall('acquireRefreshLock', () =>
        this.parts.lock.acquire(accountId, leaseMs),
      );
      if (lock) {
        const acquiredAt = performance.now();
        const everyMs = Math.min(leaseMs / 3, this.parts.options.timeoutMs);
        const stopHeartbeat = keepLeaseAlive(accountId, lock, leaseMs, everyMs, this.logger);
        try {
          current = await this.current(accountId);
          if (this.settles(current, reason)) return current;
          // the previous holder's lease lapsed: its refresh may still land until its own
          // deadline, which is before ours
          const graceUntil = lock.takenOverLapsedLease ? acquiredAt + leaseMs : undefined;
          return await this.refreshWith(current, graceUntil);
        } finally {
          stopHeartbeat();
          await lock.release().catch((error: unknown) => {
            this.logger.warn(
              `refresh lock of account ${accountId} not released: ${(error as Error).message}`,
            );
          });
        }
      }
      // another instance is refreshing: wait for it, then use what it stored
      await sleep(LOCK_POLL_MS);
      current = await this.current(accountId);
      if (this.settles(current, reason)) return current;
      if (Date.now() > deadline) {
        throw new TokenStoreError({
          operation: 'acquireRefreshLock',
          detail: `another instance held the refresh lock of account ${accountId} too long`,
        });
      }
    }
  }

  /**
   * Refreshes `current` at the gateway and stores the rotated pair. `graceUntil` (a
   * `performance.now()` time): this holder took over a lapsed lease, so a refused refresh token
   * may have just been rotated by the previous holder, whose pair may land until then.
   */
  private async refreshWith(current: StoredToken, graceUntil?: number): Promise<StoredToken> {
    const accountId = current.accountId;
    if (this.now() >= current.refreshExpiresAt) return this.requireReauthorization(current);
    let body;
    try {
      // pacing may take up to timeoutMs, as the lease allows
      body = await this.parts.gateway.callSystem(
        '/auth/token/refresh',
        { refresh_token: current.refreshToken },
        { maxPacingWaitMs: this.parts.options.timeoutMs },
      );
    } catch (error) {
      if (error instanceof AliexpressGrantError) return this.afterRefusedGrant(current, graceUntil);
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
    // refreshed from a pair kept in memory: ours replaces what that one replaced
    const pending = this.parts.writeBack.get(accountId);
    const replaces = pending ? pending.replaces : current.version;
    const replacedRefreshToken = pending ? pending.replacedRefreshToken : current.refreshToken;
    let written: StoredToken | undefined;
    try {
      written = await this.parts.writer.write({ token: next, replaces, replacedRefreshToken });
    } catch (error) {
      if (!(error instanceof TokenStoreError)) throw error;
      // the gateway already rotated the pair: losing it would force a re-authorization
      this.parts.writeBack.keep(accountId, { token: next, replaces, replacedRefreshToken });
      this.logger.warn(
        `account ${accountId}: token store unavailable, rotated pair kept in memory until it is back`,
      );
      return next;
    }
    if (pending) this.parts.writeBack.settle(accountId, pending);
    if (!written) {
      // a genuinely newer pair is stored (a re-authorization, another refresh): use it
      return this.current(accountId);
    }
    this.logger.log(`account ${accountId} refreshed`);
    await this.parts.emit({ type: 'refreshed', accountId, account: toAccount(written) });
    return written;
  }

  /**
   * The gateway refused `current`'s refresh token. Before marking the account, looks at the
   * store: if the pair changed meanwhile, someone else refreshed (or re-authorized) and that pair
   * is used. Until `graceUntil`, keeps looking (the previous holder's rotated pair may still land).
   */
  private async afterRefusedGrant(
    current: StoredToken,
    graceUntil: number | undefined,
  ): Promise<StoredToken> {
    const accountId = current.accountId;
    for (;;) {
      const stored = await storeCall('get', () => this.parts.store.get(accountId));
      if (!stored) throw new AccountNotConnectedError({ accountId });
      if (stored.refreshToken !== current.refreshToken) {
        if (stored.reauthorizationRequired) throw new ReauthorizationRequiredError({ accountId });
        this.logger.log(`account ${accountId}: refreshed elsewhere meanwhile; using that pair`);
        return stored;
      }
      // the same dead token: already marked by someone else, or ours to mark
      if (stored.reauthorizationRequired) throw new ReauthorizationRequiredError({ accountId });
      if (graceUntil === undefined || performance.now() >= graceUntil)
        return this.requireReauthorization(stored);
      await sleep(GRACE_POLL_MS);
    }
  }

  /** Marks the account (compare-and-set), reports it and throws; a pair stored meanwhile decides instead. */
  private async requireReauthorization(current: StoredToken): Promise<StoredToken> {
    const marked: StoredToken = {
      ...current,
      version: current.version + 1,
      reauthorizationRequired: true,
    };
    const written = await storeCall('compareAndSet', () =>
      this.parts.store.compareAndSet(marked, current.version),
    );
    // the pair changed under us (refreshed elsewhere, or re-authorized): what was stored decides
    if (!written) return this.current(current.accountId);
    this.logger.warn(`account ${current.accountId} must authorize again`);
    await this.parts.emit({
      type: 'reauthorization-required',
      accountId: current.accountId,
      account: toAccount(marked),
    });
    throw new ReauthorizationRequiredError({ accountId: current.accountId });
  }
}
