import { AliexpressTransportError } from '../errors/aliexpress.errors';
import type { GatewayJson, GatewayObject } from '../gateway/gateway-json.parser';
import type { AliexpressToken } from './aliexpress-token.interface';

const text = (value: GatewayJson | undefined): string | undefined =>
  typeof value === 'string' && value !== ''
    ? value
    : typeof value === 'number'
      ? String(value)
      : undefined;

const count = (value: GatewayJson | undefined): number | undefined => {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : NaN;
  return Number.isFinite(n) ? n : undefined;
};

/**
 * Reads the flat body of `/auth/token/create` or `/auth/token/refresh`, defensively: numbers may
 * arrive as strings, absolute times may be missing (then `*_expires_in` seconds count from `now`).
 */
export function tokenFromResponse(
  body: GatewayObject,
  now: number,
  apiName: string,
): AliexpressToken {
  const accessToken = text(body.access_token);
  const refreshToken = text(body.refresh_token);
  const accountId = text(body.user_id) ?? text(body.seller_id);
  const missing = [
    !accessToken && 'access_token',
    !refreshToken && 'refresh_token',
    !accountId && 'user_id',
  ].filter(Boolean);
  if (missing.length) {
    throw new AliexpressTransportError({
      kind: 'unexpected-shape',
      apiName,
      message: `the token answer lacks ${missing.join(', ')}`,
      status: 200,
    });
  }
  const expiresIn = count(body.expires_in);
  const refreshExpiresIn = count(body.refresh_expires_in);
  const accessExpiresAt =
    count(body.expire_time) ?? (expiresIn === undefined ? undefined : now + expiresIn * 1000);
  const refreshExpiresAt =
    refreshExpiresIn === 0
      ? now
      : (count(body.refresh_token_valid_time) ??
        (refreshExpiresIn === undefined ? undefined : now + refreshExpiresIn * 1000));
  if (accessExpiresAt === undefined || refreshExpiresAt === undefined) {
    throw new AliexpressTransportError({
      kind: 'unexpected-shape',
      apiName,
      message: 'the token answer has no expiry (expire_time / expires_in)',
      status: 200,
    });
  }
  return {
    accountId: accountId as string,
    sellerId: text(body.seller_id),
    userNick: text(body.user_nick),
    account: text(body.account),
    accountPlatform: text(body.account_platform),
    accessToken: accessToken as string,
    refreshToken: refreshToken as string,
    accessExpiresAt,
    refreshExpiresAt,
    issuedAt: now,
  };
}
