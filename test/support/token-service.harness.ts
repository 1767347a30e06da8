import { Logger } from '@nestjs/common';
import type { AliexpressModuleOptions } from '../../libs/aliexpress/src/config/aliexpress-options.interface.js';
import { resolveOptions } from '../../libs/aliexpress/src/config/resolve-options.js';
import { AliexpressGrantError } from '../../libs/aliexpress/src/errors/aliexpress.errors.js';
import type { GatewayClient } from '../../libs/aliexpress/src/gateway/gateway.client.js';
import type { GatewayObject } from '../../libs/aliexpress/src/gateway/gateway-json.parser.js';
import type { StoredToken } from '../../libs/aliexpress/src/tokens/aliexpress-token.interface.js';
import { MemoryRefreshLock } from '../../libs/aliexpress/src/tokens/memory-refresh.lock.js';
import { MemoryTokenStore } from '../../libs/aliexpress/src/tokens/memory-token.store.js';
import type { AliexpressTokenEvent } from '../../libs/aliexpress/src/tokens/token-events.js';
import { TokenService } from '../../libs/aliexpress/src/tokens/token.service.js';
import type { TokenStore } from '../../libs/aliexpress/src/tokens/token.store.js';

/**
 * What the TokenService unit specs share: a fake gateway that rotates refresh tokens as the
 * platform does, a token store that can go down, and a setup of one or more instances of the app
 * on the same store, lock and gateway.
 */
export const ACCOUNT = '4641738246';
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** A promise with its resolver, to hold a gateway call open while other callers pile up. */
export function gate(): { opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/**
 * The two system calls TokenService makes, as the platform answers them: a code gives a pair, a
 * live refresh token gives a new pair and dies (rotation), a dead one is `IllegalRefreshToken`.
 */
export class FakeAuthGateway {
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
export class FlakyTokenStore implements TokenStore {
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

export function setup(extra: Partial<AliexpressModuleOptions> = {}) {
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
export async function whileRefreshIsHeld<T>(
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

/** Silences Nest's logger for the specs of the enclosing `describe`. */
export function quietLogs(): void {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'warn', 'error']));
}
