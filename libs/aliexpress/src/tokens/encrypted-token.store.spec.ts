import { createCipheriv, randomBytes } from 'node:crypto';
import { TokenEncryptionError } from '../errors/aliexpress.errors.js';
import type { StoredToken } from './aliexpress-token.interface.js';
import { EncryptedTokenStore } from './encrypted-token.store.js';
import { tokenKeyId } from './token-key.ring.js';
import { MemoryTokenStore } from './memory-token.store.js';

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

  it('a wrong key or a ciphertext moved to another account fail loudly (plaintext: see key rotation)', async () => {
    const inner = new MemoryTokenStore();
    await new EncryptedTokenStore(inner, key).set(token('1'));
    await expect(
      new EncryptedTokenStore(inner, Buffer.alloc(32, 2)).get('1'),
    ).rejects.toBeInstanceOf(TokenEncryptionError);

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

  it('list() skips unreadable records (older format, tampered) and returns the rest, plaintext migrated', async () => {
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

    expect((await store.list()).map((t) => t.accountId).sort()).toEqual(['good', 'plain']);
    await expect(store.get('old')).rejects.toThrow(/older encrypted format/);
    await store.delete('old'); // deletable without decrypting
    expect(await inner.get('old')).toBeUndefined();
  });
});

describe('EncryptedTokenStore key rotation', () => {
  const oldKey = Buffer.alloc(32, 1);
  const newKey = Buffer.alloc(32, 2);
  const fieldsOf = (raw: StoredToken | undefined) => [raw?.accessToken, raw?.refreshToken];
  /** The sealed value under `key`, as `enc:v2:<key id>.<iv>.<tag>.<data>`. */
  const sealedUnder = (key: Buffer) =>
    expect.stringMatching(new RegExp(`^enc:v2:${tokenKeyId(key)}\\.[^.]+\\.[^.]+\\.[^.]+$`));

  it('every record names its key by an id derived from it (never the key itself)', async () => {
    const inner = new MemoryTokenStore();
    await new EncryptedTokenStore(inner, newKey).set(token('1'));
    const raw = await inner.get('1');
    expect(fieldsOf(raw)).toEqual([sealedUnder(newKey), sealedUnder(newKey)]);
    expect(tokenKeyId(newKey)).not.toBe(tokenKeyId(oldKey));
    for (const encoding of ['hex', 'base64', 'base64url'] as const) {
      expect(JSON.stringify(raw)).not.toContain(newKey.toString(encoding));
      expect(tokenKeyId(newKey)).not.toContain(newKey.toString(encoding).slice(0, 8));
    }
  });

  it('a record under a previous key is read, and re-written under the current key (same version)', async () => {
    const inner = new MemoryTokenStore();
    await new EncryptedTokenStore(inner, oldKey, '500102').set(token('1'));
    const rotated = new EncryptedTokenStore(inner, newKey, '500102', { previousKeys: [oldKey] });
    expect(await rotated.get('1')).toEqual(token('1'));
    const raw = await inner.get('1');
    expect(fieldsOf(raw)).toEqual([sealedUnder(newKey), sealedUnder(newKey)]);
    expect(raw?.version).toBe(1);
    // migrated: the new key alone reads it now
    expect(await new EncryptedTokenStore(inner, newKey, '500102').get('1')).toEqual(token('1'));
  });

  it('list() reads and migrates records under previous keys too', async () => {
    const inner = new MemoryTokenStore();
    await new EncryptedTokenStore(inner, oldKey).set(token('1'));
    await new EncryptedTokenStore(inner, newKey).set(token('2'));
    const rotated = new EncryptedTokenStore(inner, newKey, undefined, { previousKeys: [oldKey] });
    expect((await rotated.list()).map((t) => t.accountId).sort()).toEqual(['1', '2']);
    expect(fieldsOf(await inner.get('1'))).toEqual([sealedUnder(newKey), sealedUnder(newKey)]);
  });

  it('a plaintext record (written before encryption was on) is read and migrated to encrypted', async () => {
    const inner = new MemoryTokenStore();
    await inner.set(token('1'));
    const store = new EncryptedTokenStore(inner, newKey, '500102');
    expect(await store.get('1')).toEqual(token('1'));
    const raw = await inner.get('1');
    expect(JSON.stringify(raw)).not.toContain('access-of-1');
    expect(fieldsOf(raw)).toEqual([sealedUnder(newKey), sealedUnder(newKey)]);
    expect(await store.get('1')).toEqual(token('1'));
  });

  it('a record without key id (enc:v2 before key ids) is read under whichever key opens it, and migrated', async () => {
    const inner = new MemoryTokenStore();
    await new EncryptedTokenStore(inner, oldKey).set(token('1'));
    const withoutId = (sealed: string) => sealed.replace(/^enc:v2:[^.]+\./, 'enc:v2:');
    const raw = (await inner.get('1'))!;
    await inner.set({
      ...raw,
      accessToken: withoutId(raw.accessToken),
      refreshToken: withoutId(raw.refreshToken),
    });
    const store = new EncryptedTokenStore(inner, newKey, undefined, { previousKeys: [oldKey] });
    expect(await store.get('1')).toEqual(token('1'));
    expect(fieldsOf(await inner.get('1'))).toEqual([sealedUnder(newKey), sealedUnder(newKey)]);
  });

  it('a migration that loses to a newer write leaves the newer record alone', async () => {
    const inner = new MemoryTokenStore();
    await new EncryptedTokenStore(inner, oldKey).set(token('1'));
    const rotated = new EncryptedTokenStore(inner, newKey, undefined, { previousKeys: [oldKey] });
    const newer = { ...token('1'), accessToken: 'newer', version: 2 };
    const cas = vi.spyOn(inner, 'compareAndSet').mockImplementationOnce(async () => {
      await new EncryptedTokenStore(inner, newKey).set(newer); // another instance wrote first
      return false;
    });
    expect(await rotated.get('1')).toEqual(token('1'));
    cas.mockRestore();
    expect(await rotated.get('1')).toEqual(newer);
  });

  it('an unknown key id: get() fails naming the key id, getRecord()/listRecords() flag it, delete() works', async () => {
    const inner = new MemoryTokenStore();
    await new EncryptedTokenStore(inner, oldKey).set(token('lost'));
    const store = new EncryptedTokenStore(inner, newKey);
    await store.set(token('kept'));

    const error = await store.get('lost').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenEncryptionError);
    expect((error as Error).message).toContain(tokenKeyId(oldKey));
    expect((error as Error).message).toMatch(/encryption key is not the one/);

    const flagged = {
      readable: false,
      account: expect.objectContaining({
        accountId: 'lost',
        reauthorizationRequired: true,
        unreadable: { reason: 'unknown-key', keyId: tokenKeyId(oldKey) },
      }),
    };
    expect(await store.getRecord('lost')).toEqual(flagged);
    const records = await store.listRecords();
    expect(records).toEqual(
      expect.arrayContaining([flagged, { readable: true, token: token('kept') }]),
    );
    expect(records).toHaveLength(2);
    expect(JSON.stringify(records)).not.toContain('enc:v2');
    expect(await store.getRecord('missing')).toBeUndefined();
    await store.delete('lost');
    expect(await inner.get('lost')).toBeUndefined();
  });

  it.each<[string, (raw: StoredToken) => StoredToken]>([
    ['a clear field altered', (raw) => ({ ...raw, refreshExpiresAt: 9_999_999_999_999 })],
    [
      'the ciphertexts swapped',
      (raw) => ({ ...raw, accessToken: raw.refreshToken, refreshToken: raw.accessToken }),
    ],
    [
      'a ciphertext byte flipped',
      (raw) => ({
        ...raw,
        refreshToken: `${raw.refreshToken.slice(0, -2)}${raw.refreshToken.endsWith('A') ? 'B' : 'A'}`,
      }),
    ],
  ])(
    'a tampered record (%s) is flagged as undecryptable, even with previous keys',
    async (_, alter) => {
      const inner = new MemoryTokenStore();
      const store = new EncryptedTokenStore(inner, newKey, '500102', { previousKeys: [oldKey] });
      await store.set(token('1'));
      await inner.set(alter((await inner.get('1'))!));
      await expect(store.get('1')).rejects.toBeInstanceOf(TokenEncryptionError);
      expect(await store.getRecord('1')).toEqual({
        readable: false,
        account: expect.objectContaining({
          unreadable: { reason: 'undecryptable', keyId: tokenKeyId(newKey) },
        }),
      });
      expect(await store.list()).toEqual([]);
    },
  );

  it('previous keys alone (no current key) read encrypted records and write in clear: switching on or off in two steps', async () => {
    const inner = new MemoryTokenStore();
    await new EncryptedTokenStore(inner, oldKey).set(token('1'));
    const readOnly = new EncryptedTokenStore(inner, undefined, undefined, {
      previousKeys: [oldKey],
    });
    expect(await readOnly.get('1')).toEqual(token('1'));
    expect(await inner.get('1')).toEqual(token('1')); // migrated to clear
    await readOnly.set(token('2'));
    expect(await inner.get('2')).toEqual(token('2'));
  });

  it('refuses previous keys that are not 32 bytes, and no key at all', () => {
    expect(
      () =>
        new EncryptedTokenStore(new MemoryTokenStore(), newKey, undefined, {
          previousKeys: [Buffer.alloc(31)],
        }),
    ).toThrow(TokenEncryptionError);
    expect(() => new EncryptedTokenStore(new MemoryTokenStore(), undefined)).toThrow(
      TokenEncryptionError,
    );
  });
});
