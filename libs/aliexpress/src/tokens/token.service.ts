import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ExponentialBackoff, handleType, retry } from 'cockatiel';
import { ALIEXPRESS_OPTIONS } from '../aliexpress.constants.js';
import type { ResolvedAliexpressOptions } from '../config/aliexpress-options.interface.js';
import {
  AccountNotConnectedError,
  AliexpressAccessTokenError,
  AliexpressArgumentError,
  AliexpressError,
  AliexpressGrantError,
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
import type { AliexpressTokenEvent } from './token-events.js';
import { tokenFromResponse } from './token-response.parser.js';
import { RefreshLock, type RefreshLockHandle } from './refresh.lock.js';
import { getStoredAccount, listStoredAccounts } from './token-record.reader.js';
import { TokenStore } from './token.store.js';

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

/**
 * Beyond the pacing wait and the request (each bounded by `timeoutMs`), what a refresh's lease
 * allows for the store reads and writes around them.
 */
const LEASE_MARGIN_MS = 5_000;
/** How often a waiting instance looks at the record while another holds the lock. */
const LOCK_POLL_MS = 50;
/** How often the holder that took over a lapsed lease looks for the previous holder's pair. */
const GRACE_POLL_MS = 100;
/** Backoff of the background write of a pair the store refused: first retry, longest pause. */
const FLUSH_FIRST_RETRY_MS = 200;
const FLUSH_MAX_RETRY_MS = 2_000;

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
  private readonly inflight = new Map<string, Promise<StoredToken>>();
  private readonly pending = new Map<string, PendingWrite>();
  /** One write of a pending pair at a time per account (background retries and loads share it). */
  private readonly flushing = new Map<string, Promise<void>>();
  /** Background writes in progress, with their retries. */
  private readonly writingBack = new Set<string>();
  private readonly stopping = new AbortController();

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
      this.keepPending(token.accountId, { token: stored });
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

  /**
   * Stops the background write-backs, then tries once more to write every pair still kept in
   * memory (the store is still open: Nest closes it after this hook).
   */
  async onModuleDestroy(): Promise<void> {
    this.stopping.abort();
    for (const accountId of [...this.pending.keys()]) {
      try {
        await this.flushOnce(accountId);
      } catch (error) {
        this.logger.error(
          `account ${accountId}: a rotated pair could not be written before shutdown (${(error as Error).name}); the account may need to authorize again`,
        );
      }
    }
  }

  private now(): number {
    return this.options.clock.now();
  }

  /** The lease a refresh asks for: the pacing wait and the request (each up to `timeoutMs`), and the store work around them. */
  private leaseMs(): number {
    return 2 * this.options.timeoutMs + LEASE_MARGIN_MS;
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
        await this.flushOnce(accountId);
      } catch (error) {
        // the store is still down: the pair in memory is the newest there is
        if (error instanceof TokenStoreError)
          return this.pending.get(accountId)?.token ?? pending.token;
        throw error;
      }
    }
    const token = await this.storeCall('get', () => this.store.get(accountId));
    if (!token) throw new AccountNotConnectedError({ accountId });
    if (token.reauthorizationRequired) throw new ReauthorizationRequiredError({ accountId });
    return token;
  }

  /** Keeps a pair the store refused, and starts writing it back in the background. */
  private keepPending(accountId: string, write: PendingWrite): void {
    this.pending.set(accountId, write);
    if (this.writingBack.has(accountId) || this.stopping.signal.aborted) return;
    this.writingBack.add(accountId);
    const policy = retry(handleType(TokenStoreError), {
      maxAttempts: Number.MAX_SAFE_INTEGER,
      backoff: new ExponentialBackoff({
        initialDelay: FLUSH_FIRST_RETRY_MS,
        maxDelay: FLUSH_MAX_RETRY_MS,
      }),
    });
    const firstTry = Date.now() + FLUSH_FIRST_RETRY_MS;
    void policy
      .execute(async () => {
        // the first attempt waits a little: the store has just failed
        if (Date.now() < firstTry) await sleep(firstTry - Date.now());
        if (this.pending.has(accountId)) await this.flushOnce(accountId);
      }, this.stopping.signal)
      .then(
        () => {
          this.writingBack.delete(accountId);
          // a newer pair was kept while the last write ran: write that one too
          const newer = this.pending.get(accountId);
          if (newer) this.keepPending(accountId, newer);
        },
        (error: unknown) => {
          this.writingBack.delete(accountId);
          if (this.stopping.signal.aborted) return;
          this.logger.warn(
            `account ${accountId}: pair kept in memory not written back (${(error as Error).name}); it is written on next use`,
          );
        },
      );
  }

  /** Writes the account's pending pair, one write at a time. */
  private flushOnce(accountId: string): Promise<void> {
    let flight = this.flushing.get(accountId);
    if (!flight) {
      const pending = this.pending.get(accountId);
      if (!pending) return Promise.resolve();
      flight = this.flush(accountId, pending).finally(() => this.flushing.delete(accountId));
      this.flushing.set(accountId, flight);
    }
    return flight;
  }

  /** Writes a pair kept in memory, unless the store meanwhile holds a genuinely newer one. */
  private async flush(accountId: string, pending: PendingWrite): Promise<void> {
    let written: StoredToken | undefined = pending.token;
    if (pending.replaces === undefined) {
      await this.storeCall('set', () => this.store.set(pending.token));
    } else {
      written = await this.writeRotated(
        pending.token,
        pending.replaces,
        pending.replacedRefreshToken,
      );
    }
    if (this.pending.get(accountId) === pending) this.pending.delete(accountId);
    if (!written) {
      this.logger.log(
        `account ${accountId}: a newer pair is stored; the one kept in memory is dropped`,
      );
      return;
    }
    this.logger.log(`account ${accountId}: pair kept in memory written to the token store`);
    if (pending.replaces !== undefined)
      await this.emit({ type: 'refreshed', accountId, account: toAccount(written) });
  }

  /**
   * Writes a pair the gateway just rotated over the version it replaces. If another writer got
   * there first and the record still holds the refresh token ours replaced (a loser marked the
   * account, or rewrote the same pair), that token is dead at the gateway and ours is the only
   * live pair: ours wins, however many compare-and-sets it takes within a lease. Resolves the pair
   * written, or undefined when a genuinely newer pair (another refresh, a re-authorization) is
   * stored; throws TokenStoreError when it kept losing past the lease, so the caller keeps the
   * pair in memory and writes it back in the background rather than dropping it.
   */
  private async writeRotated(
    next: StoredToken,
    replaces: number,
    replacedRefreshToken: string | undefined,
  ): Promise<StoredToken | undefined> {
    const deadline = Date.now() + this.leaseMs();
    let expected = replaces;
    let token = next;
    for (;;) {
      if (await this.storeCall('compareAndSet', () => this.store.compareAndSet(token, expected)))
        return token;
      const stored = await this.storeCall('get', () => this.store.get(next.accountId));
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

    const leaseMs = this.leaseMs();
    // a holder's refresh ends within its lease (extended while it runs): wait up to twice that
    const deadline = Date.now() + 2 * leaseMs;
    for (;;) {
      const lock = await this.storeCall('acquireRefreshLock', () =>
        this.lock.acquire(accountId, leaseMs),
      );
      if (lock) {
        const acquiredAt = performance.now();
        const stopHeartbeat = this.heartbeat(accountId, lock, leaseMs);
        try {
          current = await this.load(accountId);
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

  /**
   * Extends the lease every third of it (at most every `timeoutMs`) while the refresh runs, only
   * while this holder still owns it; returns a function that stops it. Locks without `extend`
   * rely on the lease being sized for the whole refresh.
   */
  private heartbeat(accountId: string, lock: RefreshLockHandle, leaseMs: number): () => void {
    const extend = lock.extend?.bind(lock);
    if (!extend) return () => undefined;
    let stopped = false;
    let renewalFailed = false;
    const timer = setInterval(
      () => {
        extend(leaseMs).then(
          (held) => {
            if (held || stopped) return;
            stopped = true;
            clearInterval(timer);
            this.logger.warn(
              `refresh lock of account ${accountId} lapsed during the refresh; the rotated pair still wins its write`,
            );
          },
          (error: unknown) => {
            // once per refresh; the error's name only (a store's message may carry its URL)
            if (renewalFailed) return;
            renewalFailed = true;
            this.logger.warn(
              `refresh lock of account ${accountId} not extended (${(error as Error).name}); it may lapse before the refresh ends`,
            );
          },
        );
      },
      Math.min(leaseMs / 3, this.options.timeoutMs),
    );
    timer.unref();
    return () => {
      stopped = true;
      clearInterval(timer);
    };
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
      body = await this.gateway.callSystem(
        '/auth/token/refresh',
        { refresh_token: current.refreshToken },
        { maxPacingWaitMs: this.options.timeoutMs },
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
    const pending = this.pending.get(accountId);
    const replaces = pending ? pending.replaces : current.version;
    const replacedRefreshToken = pending ? pending.replacedRefreshToken : current.refreshToken;
    let written: StoredToken | undefined;
    try {
      written =
        replaces === undefined
          ? await this.storeCall('set', () => this.store.set(next)).then(() => next)
          : await this.writeRotated(next, replaces, replacedRefreshToken);
    } catch (error) {
      if (!(error instanceof TokenStoreError)) throw error;
      // the gateway already rotated the pair: losing it would force a re-authorization
      this.keepPending(accountId, { token: next, replaces, replacedRefreshToken });
      this.logger.warn(
        `account ${accountId}: token store unavailable, rotated pair kept in memory until it is back`,
      );
      return next;
    }
    if (pending && this.pending.get(accountId) === pending) this.pending.delete(accountId);
    if (!written) {
      // a genuinely newer pair is stored (a re-authorization, another refresh): use it
      return this.load(accountId);
    }
    this.logger.log(`account ${accountId} refreshed`);
    await this.emit({ type: 'refreshed', accountId, account: toAccount(written) });
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
      const stored = await this.storeCall('get', () => this.store.get(accountId));
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

/** Resolves after `ms` milliseconds. */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
