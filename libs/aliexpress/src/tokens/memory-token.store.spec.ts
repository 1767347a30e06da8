import type { StoredToken } from './aliexpress-token.interface.js';
import { MemoryTokenStore } from './memory-token.store.js';

const token = (version: number, accessToken = `a${version}`): StoredToken => ({
  accountId: '42',
  accessToken,
  refreshToken: `r${version}`,
  accessExpiresAt: 2,
  refreshExpiresAt: 3,
  issuedAt: 1,
  version,
  reauthorizationRequired: false,
});

describe('MemoryTokenStore', () => {
  it('compare-and-set writes only over the expected version', async () => {
    const store = new MemoryTokenStore();
    expect(await store.compareAndSet(token(1), undefined)).toBe(true);
    expect(await store.compareAndSet(token(2), undefined)).toBe(false);
    expect(await store.compareAndSet(token(2), 0)).toBe(false);
    expect(await store.compareAndSet(token(2), 1)).toBe(true);
    expect((await store.get('42'))?.version).toBe(2);
  });

  it('returns copies, never its live records', async () => {
    const store = new MemoryTokenStore();
    const written = token(1);
    await store.set(written);
    written.accessToken = 'mutated';
    const read = await store.get('42');
    (read as StoredToken).refreshToken = 'mutated';
    expect(await store.get('42')).toMatchObject({ accessToken: 'a1', refreshToken: 'r1' });
    expect((await store.list())[0]).toMatchObject({ accessToken: 'a1' });
  });
});
