import type { StoredToken } from '../../libs/aliexpress/src/tokens/aliexpress-token.interface.js';

const DAY_MS = 86_400_000;

/**
 * A stored token pair for `accountId` at `version`: the access token lives a day, the refresh token
 * two, and both carry the version in their value so a test can tell pairs apart.
 */
export function storedToken(
  accountId: string,
  version: number,
  extra: Partial<StoredToken> = {},
): StoredToken {
  return {
    accountId,
    accessToken: `access-${version}`,
    refreshToken: `refresh-${version}`,
    accessExpiresAt: Date.now() + DAY_MS,
    refreshExpiresAt: Date.now() + 2 * DAY_MS,
    issuedAt: Date.now(),
    version,
    reauthorizationRequired: false,
    ...extra,
  };
}
