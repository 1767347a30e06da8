import {
  ACCOUNT,
  setup,
  quietLogs,
  whileRefreshIsHeld,
} from '../../../../test/support/token-service.harness.js';

describe('TokenService: pairs the store refused are written back, never lost', () => {
  quietLogs();

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

  it('a pair the store refused is written back in the background once it is back', async () => {
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
});
