import { createCipheriv, randomBytes } from 'node:crypto';
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
    expect(raw?.accessToken).toMatch(/^enc:v2:/);
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

  /** Writes `token` through an encrypted store, alters the stored record, and reads it back. */
  async function tampered(alter: (raw: StoredToken) => StoredToken): Promise<unknown> {
    const inner = new MemoryTokenStore();
    const store = new EncryptedTokenStore(inner, key, '500102');
    await store.set(token('1'));
    await inner.set(alter((await inner.get('1'))!));
    return store.get('1').catch((e: unknown) => e);
  }

  it('refuses a tag cut to 4 bytes (GCM would otherwise check only those 4)', async () => {
    const cut = (sealed: string) => {
      const [format, iv, tag, data] = sealed.split(/(?<=^enc:v\d+:)|\./);
      const short = Buffer.from(tag, 'base64url').subarray(0, 4).toString('base64url');
      return `${format}${iv}.${short}.${data}`;
    };
    const error = await tampered((raw) => ({
      ...raw,
      accessToken: cut(raw.accessToken),
      refreshToken: cut(raw.refreshToken),
    }));
    expect(error).toBeInstanceOf(TokenEncryptionError);
  });

  it('refuses the access and refresh ciphertexts swapped', async () => {
    const error = await tampered((raw) => ({
      ...raw,
      accessToken: raw.refreshToken,
      refreshToken: raw.accessToken,
    }));
    expect(error).toBeInstanceOf(TokenEncryptionError);
  });

  it.each<[string, Partial<StoredToken>]>([
    ['the refresh expiry', { refreshExpiresAt: 9_999_999_999_999 }],
    ['the access expiry', { accessExpiresAt: 9_999_999_999_999 }],
    ['the re-authorization flag', { reauthorizationRequired: true }],
    ['the version', { version: 7 }],
    ['the seller id', { sellerId: 'someone-else' }],
  ])('refuses a record with %s altered', async (_, change) => {
    expect(await tampered((raw) => ({ ...raw, ...change }))).toBeInstanceOf(TokenEncryptionError);
  });

  it("refuses another app's record (the app key is bound too)", async () => {
    const inner = new MemoryTokenStore();
    await new EncryptedTokenStore(inner, key, 'app-a').set(token('1'));
    await expect(new EncryptedTokenStore(inner, key, 'app-b').get('1')).rejects.toBeInstanceOf(
      TokenEncryptionError,
    );
    expect(await new EncryptedTokenStore(inner, key, 'app-a').get('1')).toEqual(token('1'));
  });

  it('list() skips unreadable records (older format, plaintext, tampered) and returns the rest', async () => {
    const inner = new MemoryTokenStore();
    const store = new EncryptedTokenStore(inner, key, '500102');
    await store.set(token('good'));
    // the previous format: only the account id as associated data
    const v1 = (plain: string, accountId: string) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(accountId, 'utf8'));
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `enc:v1:${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${data.toString('base64url')}`;
    };
    await inner.set({
      ...token('old'),
      accessToken: v1('access-of-old', 'old'),
      refreshToken: v1('refresh-of-old', 'old'),
    });
    await inner.set(token('plain'));
    await store.set(token('altered'));
    await inner.set({ ...(await inner.get('altered'))!, version: 2 });

    expect((await store.list()).map((t) => t.accountId)).toEqual(['good']);
    await expect(store.get('old')).rejects.toThrow(/older encrypted format/);
    await store.delete('old'); // deletable without decrypting
    expect(await inner.get('old')).toBeUndefined();
  });
});
