import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { TokenEncryptionError } from '../errors/aliexpress.errors';
import type { StoredToken } from './aliexpress-token.interface';
import type { TokenStore } from './token.store';

const PREFIX = 'enc:v2:';
/** The format before associated data covered the whole record: no longer accepted. */
const OLD_PREFIX = 'enc:v1:';
const TAG_BYTES = 16;
const IV_BYTES = 12;

/** The two secret fields of a record, each sealed on its own. */
type SealedField = 'accessToken' | 'refreshToken';

/**
 * Wraps any {@link TokenStore} so that access and refresh tokens are AES-256-GCM encrypted at rest.
 * The other fields stay clear (the store needs the account id as key, the version for its
 * compare-and-set, the expiry for its TTL) but are authenticated: the associated data of each
 * ciphertext binds the app key, the field name and every other field of the record, so a
 * ciphertext moved to another account, app or field, or a record whose version, expiry or
 * re-authorization flag was altered, fails to decrypt. Tags are 16 bytes, never fewer. A wrong key
 * fails loudly instead of yielding garbage. Only token pairs pass through it: the other ports hold
 * no token and are wired on their own.
 *
 * `list()` skips a record it cannot read (another key, plaintext, the older `enc:v1` format,
 * tampered with), so one bad record never hides every account; `get()` of it still fails.
 */
export class EncryptedTokenStore implements TokenStore {
  /** `appKey`: the app the records belong to (the module passes its own), bound into every tag. */
  constructor(
    private readonly inner: TokenStore,
    private readonly key: Buffer,
    private readonly appKey?: string,
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
    const opened: StoredToken[] = [];
    for (const token of await this.inner.list()) {
      try {
        opened.push(this.open(token));
      } catch (error) {
        if (!(error instanceof TokenEncryptionError)) throw error;
      }
    }
    return opened;
  }

  private seal(token: StoredToken): StoredToken {
    return {
      ...token,
      accessToken: this.encrypt(token, 'accessToken'),
      refreshToken: this.encrypt(token, 'refreshToken'),
    };
  }

  private open(token: StoredToken): StoredToken {
    return {
      ...token,
      accessToken: this.decrypt(token, 'accessToken'),
      refreshToken: this.decrypt(token, 'refreshToken'),
    };
  }

  /**
   * What each ciphertext is bound to: the format, the app key, the field it sits in, and every
   * other field of the record (keys sorted, absent ones left out, so the order a store keeps them
   * in does not matter).
   */
  private associatedData(token: StoredToken, field: SealedField): Buffer {
    const clear = Object.entries(token)
      .filter(
        ([name, value]) => name !== 'accessToken' && name !== 'refreshToken' && value !== undefined,
      )
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return Buffer.from(JSON.stringify([PREFIX, this.appKey ?? null, field, clear]), 'utf8');
  }

  private encrypt(token: StoredToken, field: SealedField): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(this.associatedData(token, field));
    const data = Buffer.concat([cipher.update(token[field], 'utf8'), cipher.final()]);
    return `${PREFIX}${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${data.toString('base64url')}`;
  }

  private decrypt(token: StoredToken, field: SealedField): string {
    const sealed = token[field];
    const account = token.accountId;
    if (sealed.startsWith(OLD_PREFIX)) {
      throw new TokenEncryptionError({
        message: `the stored tokens of account ${account} are in an older encrypted format (enc:v1) that is no longer accepted: the account must authorize again`,
      });
    }
    if (!sealed.startsWith(PREFIX)) {
      throw new TokenEncryptionError({
        message: `the stored tokens of account ${account} are not encrypted, but an encryption key is configured`,
      });
    }
    const [iv, tag, data] = sealed.slice(PREFIX.length).split('.');
    try {
      const authTag = Buffer.from(tag ?? '', 'base64url');
      // setAuthTag with authTagLength refuses other lengths too; checked here first to say so plainly
      if (authTag.length !== TAG_BYTES) throw new Error('truncated tag');
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(this.associatedData(token, field));
      decipher.setAuthTag(authTag);
      return Buffer.concat([
        decipher.update(Buffer.from(data ?? '', 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new TokenEncryptionError({
        message: `cannot decrypt the stored tokens of account ${account}: the encryption key is not the one they were written with, or the record was altered`,
      });
    }
  }
}
