import {
  AccountNotConnectedError,
  AliexpressTransportError,
  TokenEncryptionError,
  TokenStoreError,
} from '../errors/aliexpress.errors.js';
import {
  ACCOUNT,
  DAY_MS,
  quietLogs,
  setup,
} from '../../../../test/support/token-service.harness.js';

describe('TokenService: the account API', () => {
  quietLogs();

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
});
