import { randomBytes } from 'node:crypto';
import { MOCK_BUYERS, type MockBuyer } from './mock-fixtures.js';
import type { MockApp } from './mock-gateway.options.js';
import { MockGatewayError, exactNumber, requestId } from './mock-envelopes.js';

const DAY = 86_400;
/** A launched app's lifetimes: 30 days for the access token, 60 for the refresh token. */
export const DEFAULT_ACCESS_TTL_SECONDS = 30 * DAY;
export const DEFAULT_REFRESH_TTL_SECONDS = 60 * DAY;
/** An app in test status: 1 day for the access token, 2 for the refresh token. */
export const TEST_STATUS_ACCESS_TTL_SECONDS = DAY;
export const TEST_STATUS_REFRESH_TTL_SECONDS = 2 * DAY;
/** An authorization code lives 3 minutes and is good for one exchange (auth_token_create page). */
export const CODE_TTL_MS = 3 * 60_000;

/** The token lifetimes of an app: its own settings, else those of its status (launched by default). */
export function tokenLifetimes(app: MockApp): { access: number; refresh: number } {
  const test = app.status === 'test';
  return {
    access:
      app.accessTokenTtlSeconds ??
      (test ? TEST_STATUS_ACCESS_TTL_SECONDS : DEFAULT_ACCESS_TTL_SECONDS),
    refresh:
      app.refreshTokenTtlSeconds ??
      (test ? TEST_STATUS_REFRESH_TTL_SECONDS : DEFAULT_REFRESH_TTL_SECONDS),
  };
}

interface CodeGrant {
  appKey: string;
  userId: string;
  expiresAt: number;
  used: boolean;
}
interface AccessGrant {
  appKey: string;
  userId: string;
  expiresAt: number;
}
interface RefreshGrant {
  appKey: string;
  userId: string;
  expiresAt: number;
  revoked: boolean;
}

const invalidCode = () =>
  new MockGatewayError({ code: 'InvalidCode', message: 'Invalid authorization code' });
const illegalRefresh = () =>
  new MockGatewayError({
    code: 'IllegalRefreshToken',
    message: 'The specified refresh token is invalid or expired',
  });
const illegalAccess = () =>
  new MockGatewayError({
    code: 'IllegalAccessToken',
    message: 'The specified access token is invalid or expired',
  });

const digits = (count: number) => Array.from(randomBytes(count), (b) => String(b % 10)).join('');

/** The mock's authorization codes and token pairs, with the platform's rules for each. */
export class MockAuthStore {
  private readonly codes = new Map<string, CodeGrant>();
  private readonly access = new Map<string, AccessGrant>();
  private readonly refresh = new Map<string, RefreshGrant>();
  /** How many token pairs each endpoint issued (tests count refreshes with it). */
  readonly issued = { create: 0, refresh: 0 };

  /** A fresh code for a buyer: `3_<appKey>_<random>`, 3 minutes, single use, this app only. */
  issueCode(appKey: string, userId: string, now: number): string {
    const code = `3_${appKey}_${randomBytes(18).toString('base64url')}`;
    this.codes.set(code, { appKey, userId, expiresAt: now + CODE_TTL_MS, used: false });
    return code;
  }

  /**
   * `/auth/token/create`: redeems a code once and issues a pair. `InvalidCode`, as the page lists
   * its causes: expired (3 minutes), used before, of another app, or sent with a `uuid`.
   */
  create(app: MockApp, code: string, now: number, uuid?: string): Record<string, unknown> {
    const grant = this.codes.get(code);
    if (uuid !== undefined) {
      // the platform consumes nothing here, but the answer is the same refusal
      throw invalidCode();
    }
    if (!grant || grant.used || grant.appKey !== app.appKey || now > grant.expiresAt)
      throw invalidCode();
    grant.used = true;
    const refreshTtl = tokenLifetimes(app).refresh;
    this.issued.create++;
    return this.issuePair(app, grant.userId, now, now + refreshTtl * 1000);
  }

  /** `/auth/token/refresh`: rotates both tokens; the refresh token keeps its original expiry. */
  rotate(app: MockApp, refreshToken: string, now: number): Record<string, unknown> {
    const grant = this.refresh.get(refreshToken);
    if (!grant || grant.revoked || grant.appKey !== app.appKey || now >= grant.expiresAt)
      throw illegalRefresh();
    grant.revoked = true;
    this.issued.refresh++;
    return this.issuePair(app, grant.userId, now, grant.expiresAt);
  }

  /** The buyer an access token belongs to, or `IllegalAccessToken` (unknown, other app, expired). */
  authenticate(appKey: string, accessToken: string, now: number): MockBuyer {
    const grant = this.access.get(accessToken);
    if (!grant || grant.appKey !== appKey || now >= grant.expiresAt) throw illegalAccess();
    return MOCK_BUYERS.find((b) => b.userId === grant.userId) ?? MOCK_BUYERS[0];
  }

  /** Invalidates every access token of an app's buyer; refresh tokens keep working. */
  invalidateAccess(appKey: string, userId: string): void {
    for (const [token, grant] of this.access) {
      if (grant.appKey === appKey && grant.userId === userId) this.access.delete(token);
    }
  }

  clear(): void {
    this.codes.clear();
    this.access.clear();
    this.refresh.clear();
    this.issued.create = 0;
    this.issued.refresh = 0;
  }

  private issuePair(
    app: MockApp,
    userId: string,
    now: number,
    refreshExpiresAt: number,
  ): Record<string, unknown> {
    const buyer = MOCK_BUYERS.find((b) => b.userId === userId) ?? MOCK_BUYERS[0];
    const accessTtl = tokenLifetimes(app).access;
    const accessExpiresAt = Math.min(now + accessTtl * 1000, refreshExpiresAt);
    const accessToken = `50000${digits(3)}${randomBytes(24).toString('hex')}`;
    const refreshToken = `50001${digits(3)}${randomBytes(24).toString('hex')}`;
    this.access.set(accessToken, { appKey: app.appKey, userId, expiresAt: accessExpiresAt });
    this.refresh.set(refreshToken, {
      appKey: app.appKey,
      userId,
      expiresAt: refreshExpiresAt,
      revoked: false,
    });
    return {
      access_token: accessToken,
      refresh_token: refreshToken,
      expires_in: Math.max(0, Math.floor((accessExpiresAt - now) / 1000)),
      refresh_expires_in: Math.max(0, Math.floor((refreshExpiresAt - now) / 1000)),
      expire_time: exactNumber(accessExpiresAt),
      refresh_token_valid_time: exactNumber(refreshExpiresAt),
      user_id: buyer.userId,
      seller_id: buyer.sellerId,
      havana_id: buyer.havanaId,
      user_nick: buyer.userNick,
      account: buyer.account,
      account_platform: buyer.accountPlatform,
      sp: 'ae',
      locale: buyer.locale,
      code: '0',
      request_id: requestId(now),
    };
  }
}
