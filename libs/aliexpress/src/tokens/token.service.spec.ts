import { Logger } from '@nestjs/common';
import type { AliexpressModuleOptions } from '../config/aliexpress-options.interface.js';
import { resolveOptions } from '../config/resolve-options.js';
import {
  AccountNotConnectedError,
  AliexpressGrantError,
  AliexpressTransportError,
  ReauthorizationRequiredError,
  TokenEncryptionError,
  TokenStoreError,
} from '../errors/aliexpress.errors.js';
import type { GatewayClient } from '../gateway/gateway.client.js';
import type { GatewayObject } from '../gateway/gateway-json.parser.js';
import type { StoredToken } from './aliexpress-token.interface.js';
import { MemoryRefreshLock } from './memory-refresh.lock.js';
import { MemoryTokenStore } from './memory-token.store.js';
import type { AliexpressTokenEvent } from './token-events.js';
import { TokenService } from './token.service.js';
import type { RefreshLock, RefreshLockHandle } from './refresh.lock.js';
import type { TokenStore } from './token.store.js';

const ACCOUNT = '4641738246';
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A promise with its resolver, to hold a gateway call open while other callers pile up. */
function gate(): { opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/**
 * The two system calls TokenService makes, as the platform answers them: a code gives a pair, a
 * live refresh token gives a new pair and dies (rotation), a dead one is `IllegalRefreshToken`.
 */
class FakeAuthGateway {
  refreshes = 0;
  /** While set, refresh calls wait for it (to make callers overlap). */
  hold?: Promise<void>;
  /** The next refresh fails with this, without rotating. */
  failNext?: Error;
  /**
   * The next refresh rotates at once but its answer waits for this (a slow gateway that
   * processed the call); later refreshes are not held.
   */
  holdAnswerOnce?: Promise<void>;
  private live = new Set<string>();
  private serial = 0;

  constructor(private readonly now: () => number) {}

  async callSystem(apiPath: string, params: Record<string, string>): Promise<GatewayObject> {
    if (apiPath === '/auth/token/create') return this.issue();
    this.refreshes++;
    await this.hold;
    const failure = this.failNext;
    this.failNext = undefined;
    if (failure) throw failure;
    const heldAnswer = this.holdAnswerOnce;
    this.holdAnswerOnce = undefined;
    if (!this.live.delete(params.refresh_token)) {
      throw new AliexpressGrantError({
        code: 'IllegalRefreshToken',
        message: 'the refresh token is invalid',
        apiName: apiPath,
      });
    }
    const answer = this.issue();
    await heldAnswer;
    return answer;
  }

  private issue(): GatewayObject {
    const n = ++this.serial;
    this.live.add(`refresh-${n}`);
    return {
      user_id: ACCOUNT,
      access_token: `access-${n}`,
      refresh_token: `refresh-${n}`,
      expire_time: this.now() + DAY_MS,
      refresh_token_valid_time: this.now() + 30 * DAY_MS,
    };
  }
}

/** A token store that can go down: every call then fails, as a dead Redis would. */
class FlakyTokenStore implements TokenStore {
  down = false;
  /**
   * While positive, each compare-and-set loses: another writer rewrites the same record first
   * (its version moves on, its refresh token does not), as a busy marking loser would.
   */
  losingCompareAndSets = 0;
  readonly inner = new MemoryTokenStore();

  get(accountId: string) {
    return this.guard(() => this.inner.get(accountId));
  }
  set(token: StoredToken) {
    return this.guard(() => this.inner.set(token));
  }
  compareAndSet(token: StoredToken, expectedVersion: number | undefined) {
    return this.guard(async () => {
      if (this.losingCompareAndSets > 0) {
        this.losingCompareAndSets--;
        const stored = await this.inner.get(token.accountId);
        if (stored) await this.inner.set({ ...stored, version: stored.version + 1 });
        return false;
      }
      return this.inner.compareAndSet(token, expectedVersion);
    });
  }
  delete(accountId: string) {
    return this.guard(() => this.inner.delete(accountId));
  }
  list() {
    return this.guard(() => this.inner.list());
  }

  private guard<T>(work: () => Promise<T>): Promise<T> {
    return this.down ? Promise.reject(new Error('connection refused')) : work();
  }
}

function setup(extra: Partial<AliexpressModuleOptions> = {}) {
  let now = Date.UTC(2026, 0, 1);
  const clock = { now: () => now };
  const events: AliexpressTokenEvent[] = [];
  const options = resolveOptions({
    appKey: '500102',
    appSecret: 'unit-secret',
    clock,
    onTokenEvent: (event) => events.push(event),
    ...extra,
  });
  const gateway = new FakeAuthGateway(clock.now);
  const store = new FlakyTokenStore();
  // the lock runs on real time plus a skew the tests may add (a lease that lapses)
  let lockSkew = 0;
  const lock = new MemoryRefreshLock(() => Date.now() + lockSkew);
  const services: TokenService[] = [];
  const instance = () => {
    const service = new TokenService(gateway as unknown as GatewayClient, store, lock, options);
    services.push(service);
    return service;
  };
  const tokens = instance();
  return {
    tokens,
    gateway,
    store,
    lock,
    events,
    /** Another instance of the app: its own process state, the same store, lock and gateway. */
    instance,
    /** Shuts every instance down (stops background writes). */
    close: () => Promise.all(services.map((s) => s.onModuleDestroy())),
    advance: (ms: number) => (now += ms),
    /** Moves the lock's clock forward: leases taken before run out. */
    skewLock: (ms: number) => (lockSkew += ms),
    /** Connects the account and moves to a minute before its access token expires (in the margin). */
    expiring: async () => {
      await tokens.exchangeCode('code-1');
      now += DAY_MS - 60_000;
    },
  };
}

/**
 * Connects the account, moves to a minute before its access token expires and holds the gateway's
 * refresh open; `start` then begins the calls and gets a tick to reach the gateway. `open()` lets
 * the refresh answer.
 */
async function whileRefreshIsHeld<T>(
  { gateway, expiring }: ReturnType<typeof setup>,
  start: () => T,
): Promise<{ pending: T; open(): void }> {
  await expiring();
  const held = gate();
  gateway.hold = held.opened;
  const pending = start();
  await new Promise((r) => setImmediate(r));
  return { pending, open: held.open };
}

describe('TokenService', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'warn', 'error']));

  it('stores an exchanged pair and hands its access token out while it is fresh', async () => {
    const { tokens, gateway, store, advance } = setup();
    await tokens.exchangeCode('code-1');
    expect(await store.get(ACCOUNT)).toMatchObject({
      accessToken: 'access-1',
      version: 1,
      reauthorizationRequired: false,
    });
    advance(DAY_MS - 31 * 60_000); // just outside the 30-minute margin
    expect(await tokens.getAccessToken(ACCOUNT)).toBe('access-1');
    expect(gateway.refreshes).toBe(0);
  });

  it('refreshes within the margin, stores the rotated pair first, and reports it', async () => {
    const { tokens, gateway, store, events, advance } = setup();
    await tokens.exchangeCode('code-1');
    advance(DAY_MS - 29 * 60_000);
    expect(await tokens.getAccessToken(ACCOUNT)).toBe('access-2');
    expect(gateway.refreshes).toBe(1);
    expect(await store.get(ACCOUNT)).toMatchObject({
      accessToken: 'access-2',
      refreshToken: 'refresh-2',
      version: 2,
    });
    expect(events.map((e) => e.type)).toEqual(['issued', 'refreshed']);
    expect(JSON.stringify(events)).not.toMatch(/access-|refresh-/);
  });

  it('single flight: many concurrent callers on an expiring token share one refresh', async () => {
    const unit = setup();
    const { tokens, gateway } = unit;
    const held = await whileRefreshIsHeld(unit, () =>
      Array.from({ length: 50 }, () => tokens.getAccessToken(ACCOUNT)),
    );
    held.open();
    expect(new Set(await Promise.all(held.pending))).toEqual(new Set(['access-2']));
    expect(gateway.refreshes).toBe(1);
  });

  it('while another holder has the refresh lock, waits and uses what it stored', async () => {
    const { tokens, gateway, store, lock, expiring } = setup();
    await expiring();
    const other = await lock.acquire(ACCOUNT, 10_000); // another instance is refreshing
    const waiting = tokens.getAccessToken(ACCOUNT);
    await new Promise((r) => setTimeout(r, 120));
    const current = (await store.get(ACCOUNT)) as StoredToken;
    await store.compareAndSet(
      {
        ...current,
        accessToken: 'from-other',
        accessExpiresAt: current.issuedAt + 2 * DAY_MS,
        version: 2,
      },
      1,
    );
    await other?.release();
    expect(await waiting).toBe('from-other');
    expect(gateway.refreshes).toBe(0);
  });

  it('a compare-and-set conflict keeps the other writer’s pair and uses it', async () => {
    const unit = setup();
    const { tokens, gateway, store } = unit;
    const held = await whileRefreshIsHeld(unit, () => tokens.getAccessToken(ACCOUNT));
    // meanwhile the user authorized again: a new pair, version 2
    const current = (await store.get(ACCOUNT)) as StoredToken;
    const reauthorized = {
      ...current,
      accessToken: 'reauthorized',
      refreshToken: 'reauthorized-refresh',
      accessExpiresAt: current.issuedAt + 3 * DAY_MS,
      version: 2,
    };
    await store.set(reauthorized);
    held.open();
    expect(await held.pending).toBe('reauthorized');
    expect(gateway.refreshes).toBe(1);
    expect(await store.get(ACCOUNT)).toEqual(reauthorized);
  });

  it('a dead grant marks the account for re-authorization, once, and later calls fail fast', async () => {
    const { tokens, gateway, store, events, expiring } = setup();
    await expiring();
    gateway.failNext = new AliexpressGrantError({
      code: 'IllegalRefreshToken',
      message: 'revoked',
      apiName: '/auth/token/refresh',
    });
    await expect(tokens.getAccessToken(ACCOUNT)).rejects.toBeInstanceOf(
      ReauthorizationRequiredError,
    );
    expect(await store.get(ACCOUNT)).toMatchObject({ reauthorizationRequired: true, version: 2 });
    await expect(tokens.getAccessToken(ACCOUNT)).rejects.toBeInstanceOf(
      ReauthorizationRequiredError,
    );
    expect(gateway.refreshes).toBe(1);
    expect(events.map((e) => e.type)).toEqual(['issued', 'reauthorization-required']);
    // authorizing again clears it
    await tokens.exchangeCode('code-2');
    expect(await tokens.getAccessToken(ACCOUNT)).toBe('access-2');
  });

  it('an expired refresh token requires re-authorization without asking the gateway', async () => {
    const { tokens, gateway, advance } = setup();
    await tokens.exchangeCode('code-1');
    advance(31 * DAY_MS);
    await expect(tokens.getAccessToken(ACCOUNT)).rejects.toBeInstanceOf(
      ReauthorizationRequiredError,
    );
    expect(gateway.refreshes).toBe(0);
  });

  it('a transient refresh failure keeps serving the current token while it is valid', async () => {
    const { tokens, gateway, expiring } = setup();
    await expiring();
    gateway.failNext = new AliexpressTransportError({
      kind: 'timeout',
      apiName: '/auth/token/refresh',
      message: 'timed out',
    });
    expect(await tokens.getAccessToken(ACCOUNT)).toBe('access-1');
    expect(await tokens.getAccessToken(ACCOUNT)).toBe('access-2'); // next call refreshes
  });

  it('store failures surface as TokenStoreError; an unknown account is AccountNotConnectedError', async () => {
    const { tokens, store } = setup();
    await expect(tokens.getAccessToken(ACCOUNT)).rejects.toBeInstanceOf(AccountNotConnectedError);
    store.down = true;
    await expect(tokens.listAccounts()).rejects.toBeInstanceOf(TokenStoreError);
    await expect(tokens.getAccessToken(ACCOUNT)).rejects.toBeInstanceOf(TokenStoreError);
    await expect(tokens.listAccounts()).rejects.toMatchObject({ operation: 'list' });
  });

  it('a pair rotated while the store is down is kept in memory and written when it is back', async () => {
    const unit = setup();
    const { tokens, gateway, store } = unit;
    const held = await whileRefreshIsHeld(unit, () => tokens.getAccessToken(ACCOUNT));
    store.down = true; // the gateway rotates the pair, the store refuses the write
    held.open();
    expect(await held.pending).toBe('access-2');
    expect(await tokens.getAccessToken(ACCOUNT)).toBe('access-2'); // served from memory
    expect(await store.inner.get(ACCOUNT)).toMatchObject({ accessToken: 'access-1' });

    store.down = false;
    expect(await tokens.getAccessToken(ACCOUNT)).toBe('access-2'); // flushes first
    expect(await store.get(ACCOUNT)).toMatchObject({
      accessToken: 'access-2',
      refreshToken: 'refresh-2',
      version: 2,
    });
    expect(gateway.refreshes).toBe(1);
  });

  it('a code exchanged while the store is down is not lost', async () => {
    const { tokens, store } = setup();
    store.down = true;
    await tokens.exchangeCode('code-1');
    expect(await tokens.getAccessToken(ACCOUNT)).toBe('access-1');
    store.down = false;
    expect(await tokens.getAccessToken(ACCOUNT)).toBe('access-1');
    expect(await store.get(ACCOUNT)).toMatchObject({ accessToken: 'access-1', version: 1 });
  });

  it('re-authorizing an account whose record no key can read replaces it with the new pair', async () => {
    const { tokens, store } = setup();
    await tokens.exchangeCode('code-1');
    const get = vi
      .spyOn(store, 'get')
      .mockRejectedValueOnce(new TokenEncryptionError({ message: 'unreadable record' }));
    const account = await tokens.exchangeCode('code-2');
    get.mockRestore();
    expect(account.accountId).toBe(ACCOUNT);
    expect(await tokens.getAccessToken(ACCOUNT)).toBe('access-2');
  });

  describe('never losing a pair (several instances, slow gateway, store restarts)', () => {
    it('the lease covers the pacing wait and the request, and is extended while the refresh runs', async () => {
      const unit = setup({ timeoutMs: 300 });
      const leases: number[] = [];
      const extensions: number[] = [];
      const spy: RefreshLock = {
        acquire: async (accountId, ttlMs) => {
          leases.push(ttlMs);
          const handle = await unit.lock.acquire(accountId, ttlMs);
          if (!handle?.extend) return handle;
          const extend = handle.extend.bind(handle);
          return {
            ...handle,
            extend: (ms: number) => (extensions.push(ms), extend(ms)),
          } satisfies RefreshLockHandle;
        },
      };
      const tokens = new TokenService(
        unit.gateway as unknown as GatewayClient,
        unit.store,
        spy,
        resolveOptions({
          appKey: '500102',
          appSecret: 'unit-secret',
          timeoutMs: 300,
          clock: { now: () => Date.UTC(2026, 0, 1) }, // the fake gateway's time
        }),
      );
      await tokens.exchangeCode('code-1');
      const held = gate();
      unit.gateway.hold = held.opened;
      const refreshing = tokens.refresh(ACCOUNT);
      await new Promise((r) => setTimeout(r, 1_000)); // the gateway is slow: 1 s on a 300 ms lease
      // pacing may take up to timeoutMs, the request another timeoutMs: the lease covers both
      expect(leases[0]).toBeGreaterThanOrEqual(2 * 300);
      expect(extensions.length).toBeGreaterThanOrEqual(1);
      // still held: a second instance cannot take it
      expect(await unit.lock.acquire(ACCOUNT, 1_000)).toBeUndefined();
      held.open();
      expect(await refreshing).toMatchObject({ accessToken: 'access-2' });
      await tokens.onModuleDestroy();
    });

    it('a lock renewal that fails is a warning, once per refresh, without the store error text', async () => {
      const unit = setup({ timeoutMs: 150 });
      const warn = vi.spyOn(Logger.prototype, 'warn');
      const failing: RefreshLock = {
        acquire: async (accountId, ttlMs) => {
          const handle = await unit.lock.acquire(accountId, ttlMs);
          if (!handle) return handle;
          return {
            ...handle,
            release: handle.release.bind(handle),
            extend: () => Promise.reject(new Error('redis://:s3cret@db:6379 refused')),
          } satisfies RefreshLockHandle;
        },
      };
      const tokens = new TokenService(
        unit.gateway as unknown as GatewayClient,
        unit.store,
        failing,
        resolveOptions({
          appKey: '500102',
          appSecret: 'unit-secret',
          timeoutMs: 150,
          clock: { now: () => Date.UTC(2026, 0, 1) },
        }),
      );
      try {
        await tokens.exchangeCode('code-1');
        const held = gate();
        unit.gateway.hold = held.opened;
        const refreshing = tokens.refresh(ACCOUNT);
        await new Promise((r) => setTimeout(r, 600)); // several renewals (every 50 ms) fail
        held.open();
        await refreshing;
        const renewal = warn.mock.calls
          .map(([message]) => String(message))
          .filter((message) => message.includes('not extended'));
        expect(renewal).toHaveLength(1);
        expect(renewal[0]).not.toContain('s3cret');
      } finally {
        warn.mockRestore();
        await tokens.onModuleDestroy();
      }
    });

    it('issue 13, point 1: a refresh outlasting the old 15 s lease keeps the lock; the other instance waits for its pair', async () => {
      const unit = setup();
      const { gateway, store, events, expiring } = unit;
      const a = unit.tokens;
      const b = unit.instance();
      await expiring();
      const held = gate();
      gateway.holdAnswerOnce = held.opened; // rotated at the gateway, answered late
      const first = a.getAccessToken(ACCOUNT);
      await new Promise((r) => setImmediate(r));
      unit.skewLock(15_200); // 15.2 s later a second instance needs the token
      const second = b.getAccessToken(ACCOUNT);
      await new Promise((r) => setTimeout(r, 200));
      held.open();
      expect(await Promise.all([first, second])).toEqual(['access-2', 'access-2']);
      expect(gateway.refreshes).toBe(1);
      expect(await store.get(ACCOUNT)).toMatchObject({
        accessToken: 'access-2',
        refreshToken: 'refresh-2',
        reauthorizationRequired: false,
      });
      expect(events.map((e) => e.type)).toEqual(['issued', 'refreshed']);
      await unit.close();
    });

    it('a lease that lapsed anyway: the next holder, refused the rotated token, waits for the pair instead of marking', async () => {
      const unit = setup();
      const { gateway, store, events, expiring } = unit;
      const a = unit.tokens;
      const b = unit.instance();
      await expiring();
      const held = gate();
      gateway.holdAnswerOnce = held.opened;
      const first = a.getAccessToken(ACCOUNT);
      await new Promise((r) => setImmediate(r));
      unit.skewLock(40_000); // past the 35 s lease: a stalled holder that could not extend it
      const second = b.getAccessToken(ACCOUNT); // takes the lock, sends refresh-1: refused
      await new Promise((r) => setTimeout(r, 300));
      expect(gateway.refreshes).toBe(2);
      held.open(); // the first holder's pair lands
      expect(await Promise.all([first, second])).toEqual(['access-2', 'access-2']);
      expect(await store.get(ACCOUNT)).toMatchObject({
        refreshToken: 'refresh-2',
        reauthorizationRequired: false,
      });
      expect(events.map((e) => e.type)).toEqual(['issued', 'refreshed']);
      await unit.close();
    });

    it('ours wins: a compare-and-set lost to a record still holding the token we rotated writes our pair', async () => {
      const unit = setup();
      const { tokens, gateway, store, events } = unit;
      const held = await whileRefreshIsHeld(unit, () => tokens.getAccessToken(ACCOUNT));
      // meanwhile a loser marked the account, on the pair we are rotating (version 2, refresh-1)
      const current = (await store.get(ACCOUNT)) as StoredToken;
      await store.set({ ...current, version: 2, reauthorizationRequired: true });
      held.open();
      expect(await held.pending).toBe('access-2');
      expect(await store.get(ACCOUNT)).toMatchObject({
        accessToken: 'access-2',
        refreshToken: 'refresh-2',
        version: 3,
        reauthorizationRequired: false,
      });
      expect(gateway.refreshes).toBe(1);
      expect(events.map((e) => e.type)).toEqual(['issued', 'refreshed']);
      await unit.close();
    });

    it('ours wins however often the compare-and-set loses while the record still holds the token we rotated', async () => {
      const unit = setup();
      const { tokens, gateway, store, events } = unit;
      const held = await whileRefreshIsHeld(unit, () => tokens.getAccessToken(ACCOUNT));
      store.losingCompareAndSets = 12; // more than any fixed number of attempts
      held.open();
      expect(await held.pending).toBe('access-2');
      expect(await store.inner.get(ACCOUNT)).toMatchObject({
        accessToken: 'access-2',
        refreshToken: 'refresh-2',
        reauthorizationRequired: false,
      });
      expect(gateway.refreshes).toBe(1);
      expect(events.map((e) => e.type)).toEqual(['issued', 'refreshed']);
      await unit.close();
    });

    it('a compare-and-set that keeps losing past the lease hands the pair to the background write-back', async () => {
      const unit = setup({ timeoutMs: 500 }); // lease: 2 × 500 ms + 5 s
      const { tokens, gateway, store } = unit;
      const held = await whileRefreshIsHeld(unit, () => tokens.getAccessToken(ACCOUNT));
      store.losingCompareAndSets = Number.MAX_SAFE_INTEGER;
      held.open();
      // the rotated pair is served from memory, not dropped for the revoked one in the store
      expect(await held.pending).toBe('access-2');
      expect((await store.inner.get(ACCOUNT))?.refreshToken).toBe('refresh-1');
      store.losingCompareAndSets = 0; // the other writer is done
      const deadline = Date.now() + 5_000;
      while (Date.now() < deadline && (await store.inner.get(ACCOUNT))?.accessToken !== 'access-2')
        await new Promise((r) => setTimeout(r, 50));
      expect(await store.inner.get(ACCOUNT)).toMatchObject({
        accessToken: 'access-2',
        refreshToken: 'refresh-2',
        reauthorizationRequired: false,
      });
      expect(await unit.instance().getAccessToken(ACCOUNT)).toBe('access-2');
      expect(gateway.refreshes).toBe(1);
      await unit.close();
    }, 20_000);

    it('issue 13, point 2: a pair the store refused is written back in the background once it is back', async () => {
      const unit = setup();
      const { tokens, store } = unit;
      const held = await whileRefreshIsHeld(unit, () => tokens.getAccessToken(ACCOUNT));
      store.down = true; // Redis restarting: the gateway rotated the pair, the write fails
      held.open();
      expect(await held.pending).toBe('access-2');
      await new Promise((r) => setTimeout(r, 300));
      store.down = false; // back; nobody calls this instance
      const deadline = Date.now() + 3_000;
      while (Date.now() < deadline && (await store.inner.get(ACCOUNT))?.accessToken !== 'access-2')
        await new Promise((r) => setTimeout(r, 50));
      expect(await store.inner.get(ACCOUNT)).toMatchObject({
        accessToken: 'access-2',
        refreshToken: 'refresh-2',
        version: 2,
      });
      // another instance now finds the live pair: it neither refreshes nor marks
      expect(await unit.instance().getAccessToken(ACCOUNT)).toBe('access-2');
      await unit.close();
    });

    it('a refused refresh token with no concurrent refresh still marks the account at once', async () => {
      const unit = setup();
      const { tokens, gateway, expiring } = unit;
      await expiring();
      gateway.failNext = new AliexpressGrantError({
        code: 'IllegalRefreshToken',
        message: 'revoked',
        apiName: '/auth/token/refresh',
      });
      const started = Date.now();
      await expect(tokens.getAccessToken(ACCOUNT)).rejects.toBeInstanceOf(
        ReauthorizationRequiredError,
      );
      expect(Date.now() - started).toBeLessThan(500);
      await unit.close();
    });
  });
});
