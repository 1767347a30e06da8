import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { TokenEncryptionError } from '../errors/aliexpress.errors';
import type { StoredToken } from './aliexpress-token.interface';
import type { TokenStore } from './token.store';

const PREFIX = 'enc:v1:';

/**
 * Wraps any {@link TokenStore} so that access and refresh tokens are AES-256-GCM encrypted at rest.
 * The account id stays clear (it is the key); a wrong key fails loudly instead of yielding garbage.
 * Only token pairs pass through it: the other ports hold no token and are wired on their own.
 */
export class EncryptedTokenStore implements TokenStore {
  constructor(
    private readonly inner: TokenStore,
    private readonly key: Buffer,
  ) {
    if (key.length !== 32)
      throw new TokenEncryptionError({ message: 'the token encryption key must be 32 bytes' });
  }

  async get(accountId: string): Promise<StoredToken | undefined> {
    const token = await this.inner.get(accountId);
    return token && this.open(token);
  }

  set(token: StoredToken): Promise<void> {
    return this.inner.set(this.seal(token));
  }

  compareAndSet(token: StoredToken, expectedVersion: number | undefined): Promise<boolean> {
    return this.inner.compareAndSet(this.seal(token), expectedVersion);
  }

  delete(accountId: string): Promise<void> {
    return this.inner.delete(accountId);
  }

  async list(): Promise<StoredToken[]> {
    return (await this.inner.list()).map((t) => this.open(t));
  }

  private seal(token: StoredToken): StoredToken {
    return {
      ...token,
      accessToken: this.encrypt(token.accessToken, token.accountId),
      refreshToken: this.encrypt(token.refreshToken, token.accountId),
    };
  }

  private open(token: StoredToken): StoredToken {
    return {
      ...token,
      accessToken: this.decrypt(token.accessToken, token.accountId),
      refreshToken: this.decrypt(token.refreshToken, token.accountId),
    };
  }

  private encrypt(plain: string, accountId: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(accountId, 'utf8'));
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${PREFIX}${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${data.toString('base64url')}`;
  }

  private decrypt(sealed: string, accountId: string): string {
    if (!sealed.startsWith(PREFIX)) {
      throw new TokenEncryptionError({
        message: `the stored tokens of account ${accountId} are not encrypted, but an encryption key is configured`,
      });
    }
    const [iv, tag, data] = sealed.slice(PREFIX.length).split('.');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(accountId, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(data, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new TokenEncryptionError({
        message: `cannot decrypt the stored tokens of account ${accountId}: the encryption key is not the one they were written with`,
      });
    }
  }
}
