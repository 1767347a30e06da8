import { Logger } from '@nestjs/common';
import { resolveOptions } from '../config/resolve-options.js';
import { AliexpressGrantError, ReauthorizationRequiredError } from '../errors/aliexpress.errors.js';
import type { GatewayClient } from '../gateway/gateway.client.js';
import type { StoredToken } from './aliexpress-token.interface.js';
import { TokenService } from './token.service.js';
import type { RefreshLock, RefreshLockHandle } from './refresh.lock.js';
import {
  ACCOUNT,
  DAY_MS,
  gate,
  setup,
  quietLogs,
  whileRefreshIsHeld,
} from '../../../../test/support/token-service.harness.js';

describe('TokenService: one refresh per account at a time, marked only after a look at the store', () => {
  quietLogs();

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

  it('a refresh outlasting the old 15 s lease keeps the lock; the other instance waits for its pair', async () => {
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
