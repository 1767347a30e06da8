import type { StoredToken } from './aliexpress-token.interface.js';
import {
  ACCOUNT,
  DAY_MS,
  setup,
  quietLogs,
  whileRefreshIsHeld,
} from '../../../../test/support/token-service.harness.js';

describe('TokenService: writing a rotated pair (ours wins)', () => {
  quietLogs();

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
});
