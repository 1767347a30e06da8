import { AliexpressTransportError } from '../errors/aliexpress.errors.js';
import { tokenFromResponse } from './token-response.parser.js';

const NOW = 1_770_000_000_000;

describe('tokenFromResponse', () => {
  it('reads the documented body', () => {
    expect(
      tokenFromResponse(
        {
          access_token: 'a',
          refresh_token: 'r',
          expires_in: 2592000,
          refresh_expires_in: 5184000,
          expire_time: 1770542239000,
          refresh_token_valid_time: 1773134239000,
          user_id: '4641738246',
          seller_id: '4641738246',
          user_nick: 'nick',
          account: 'someone@example.com',
          account_platform: 'buyerApp',
        },
        NOW,
        '/auth/token/create',
      ),
    ).toEqual({
      accountId: '4641738246',
      sellerId: '4641738246',
      userNick: 'nick',
      account: 'someone@example.com',
      accountPlatform: 'buyerApp',
      accessToken: 'a',
      refreshToken: 'r',
      accessExpiresAt: 1770542239000,
      refreshExpiresAt: 1773134239000,
      issuedAt: NOW,
    });
  });

  it('accepts numbers as strings and relative lifetimes, and a numeric user id', () => {
    const token = tokenFromResponse(
      {
        access_token: 'a',
        refresh_token: 'r',
        expires_in: '86400',
        refresh_expires_in: '172800',
        user_id: 4641738246,
      },
      NOW,
      '/auth/token/refresh',
    );
    expect(token).toMatchObject({
      accountId: '4641738246',
      accessExpiresAt: NOW + 86_400_000,
      refreshExpiresAt: NOW + 172_800_000,
    });
  });

  it('absolute times are epoch ms: a placeholder such as "1500" falls back to the lifetimes', () => {
    const token = tokenFromResponse(
      {
        access_token: 'a',
        refresh_token: 'r',
        expires_in: 86400,
        refresh_expires_in: 172800,
        expire_time: '1500',
        refresh_token_valid_time: 2000,
        user_id: '4641738246',
      },
      NOW,
      '/auth/token/refresh',
    );
    expect(token.accessExpiresAt).toBe(NOW + 86_400_000);
    expect(token.refreshExpiresAt).toBe(NOW + 172_800_000);
  });

  it('refresh_expires_in = 0 means no more refreshes', () => {
    const token = tokenFromResponse(
      {
        access_token: 'a',
        refresh_token: 'r',
        expires_in: 10,
        refresh_expires_in: 0,
        refresh_token_valid_time: NOW + 5,
        user_id: '1',
      },
      NOW,
      '/auth/token/refresh',
    );
    expect(token.refreshExpiresAt).toBe(NOW);
  });

  it('a body without tokens, user or expiry has an unexpected shape, naming what is missing but no value', () => {
    expect(() =>
      tokenFromResponse({ refresh_token: 'r', code: '0' }, NOW, '/auth/token/create'),
    ).toThrow(
      expect.objectContaining({
        kind: 'unexpected-shape',
        message: expect.stringMatching(/lacks access_token, user_id/),
      }),
    );
    const error = (() => {
      try {
        tokenFromResponse(
          { access_token: 'secret-a', refresh_token: 'r', user_id: '1' },
          NOW,
          '/x',
        );
      } catch (e) {
        return e as AliexpressTransportError;
      }
    })();
    expect(error).toBeInstanceOf(AliexpressTransportError);
    expect(error).toMatchObject({ kind: 'unexpected-shape', status: 200 });
    expect(error?.message).toMatch(/no expiry/);
    expect(error?.message).not.toContain('secret-a');
  });
});
