import { TokenEncryptionError } from '../errors/aliexpress.errors';
import type { StoredToken } from './aliexpress-token.interface';
import { EncryptedTokenStore } from './encrypted-token.store';
import { MemoryTokenStore } from './memory-token.store';

const token = (accountId: string): StoredToken => ({
  accountId,
  accessToken: `access-of-${accountId}`,
  refreshToken: `refresh-of-${accountId}`,
  accessExpiresAt: 2,
  refreshExpiresAt: 3,
  issuedAt: 1,
  version: 1,
  reauthorizationRequired: false,
});

describe('EncryptedTokenStore', () => {
  const key = Buffer.alloc(32, 1);

  it('stores ciphertext and reads back the plain tokens', async () => {
    const inner = new MemoryTokenStore();
    const store = new EncryptedTokenStore(inner, key);
    await store.set(token('1'));
    const raw = await inner.get('1');
    expect(JSON.stringify(raw)).not.toContain('access-of-1');
    expect(raw?.accessToken).toMatch(/^enc:v1:/);
    expect(await store.get('1')).toEqual(token('1'));
    expect(await store.list()).toEqual([token('1')]);
    await store.set(token('1'));
    expect((await inner.get('1'))?.accessToken).not.toBe(raw?.accessToken);
  });

  it('a wrong key, plaintext under a key, or a ciphertext moved to another account all fail loudly', async () => {
    const inner = new MemoryTokenStore();
    await new EncryptedTokenStore(inner, key).set(token('1'));
    await expect(
      new EncryptedTokenStore(inner, Buffer.alloc(32, 2)).get('1'),
    ).rejects.toBeInstanceOf(TokenEncryptionError);

    await inner.set(token('2'));
    await expect(new EncryptedTokenStore(inner, key).get('2')).rejects.toThrow(/not encrypted/);

    const moved = { ...(await inner.get('1'))!, accountId: '3' };
    await inner.set(moved);
    await expect(new EncryptedTokenStore(inner, key).get('3')).rejects.toBeInstanceOf(
      TokenEncryptionError,
    );
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new EncryptedTokenStore(new MemoryTokenStore(), Buffer.alloc(16))).toThrow(
      TokenEncryptionError,
    );
  });
});
