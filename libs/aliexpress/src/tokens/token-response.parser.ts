import { AliexpressTransportError } from '../errors/aliexpress.errors.js';
import { numberOf, textOf } from '../gateway/gateway-json.fields.js';
import type { GatewayJson, GatewayObject } from '../gateway/gateway-json.parser.js';
import type { AliexpressToken } from './aliexpress-token.interface.js';

/**
 * Reads the flat body of `/auth/token/create` or `/auth/token/refresh`, defensively: numbers may
 * arrive as strings, absolute times may be missing (then `*_expires_in` seconds count from `now`).
 */
export function tokenFromResponse(
  body: GatewayObject,
  now: number,
  apiName: string,
): AliexpressToken {
  const accessToken = textOf(body.access_token);
  const refreshToken = textOf(body.refresh_token);
  const accountId = textOf(body.user_id) ?? textOf(body.seller_id);
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
  // absolute times are epoch ms; a smaller number (a page's placeholder such as "1500") is no time
  const epochMs = (value: GatewayJson | undefined): number | undefined => {
    const n = numberOf(value);
    return n !== undefined && n >= 1e12 ? n : undefined;
  };
  const expiresIn = numberOf(body.expires_in);
  const refreshExpiresIn = numberOf(body.refresh_expires_in);
  const accessExpiresAt =
    epochMs(body.expire_time) ?? (expiresIn === undefined ? undefined : now + expiresIn * 1000);
  const refreshExpiresAt =
    refreshExpiresIn === 0
      ? now
      : (epochMs(body.refresh_token_valid_time) ??
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
    sellerId: textOf(body.seller_id),
    userNick: textOf(body.user_nick),
    account: textOf(body.account),
    accountPlatform: textOf(body.account_platform),
    accessToken: accessToken as string,
    refreshToken: refreshToken as string,
    accessExpiresAt,
    refreshExpiresAt,
    issuedAt: now,
  };
}
