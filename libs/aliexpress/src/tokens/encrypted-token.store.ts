import { Logger } from '@nestjs/common';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { TokenEncryptionError } from '../errors/aliexpress.errors.js';
import {
  toUnreadableAccount,
  type StoredToken,
  type TokenRecord,
  type UnreadableTokens,
} from './aliexpress-token.interface.js';
import { TokenKeyRing, type TokenKey } from './token-key.ring.js';
import type { TokenRecordReader } from './token-record.reader.js';
import type { TokenStore } from './token.store.js';

const PREFIX = 'enc:v2:';
/** The format before associated data covered the whole record: no longer accepted. */
const OLD_PREFIX = 'enc:v1:';
/** Any encrypted value starts so; a value that does not is a token stored in clear. */
const ENCRYPTED = 'enc:';
const TAG_BYTES = 16;
const IV_BYTES = 12;

/** The two secret fields of a record, each sealed on its own. */
type SealedField = 'accessToken' | 'refreshToken';

/** Options of {@link EncryptedTokenStore}. */
export interface EncryptedTokenStoreOptions {
  /**
   * Keys that only read: records under them are opened, then re-written under the current key
   * (migrated on read). Keep an old key here until no record uses it any more.
   */
  previousKeys?: readonly Buffer[];
}

/** One field opened: its value, and whether it must be re-written under the current key. */
interface OpenedField {
  value: string;
  stale: boolean;
}

/** A record read: opened (and whether to migrate it), or why it cannot be. */
type OpenedRecord =
  | { token: StoredToken; stale: boolean; unreadable?: undefined }
  | { unreadable: UnreadableTokens; message: string };

/** Why a field could not be opened (internal: becomes a flag or a TokenEncryptionError). */
class UnreadableField extends Error {
  constructor(
    readonly unreadable: UnreadableTokens,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Wraps any {@link TokenStore} so that access and refresh tokens are AES-256-GCM encrypted at rest.
 * The other fields stay clear (the store needs the account id as key, the version for its
 * compare-and-set, the expiry for its TTL) but are authenticated: the associated data of each
 * ciphertext binds the app key, the field name and every other field of the record, so a
 * ciphertext moved to another account, app or field, or a record whose version, expiry or
 * re-authorization flag was altered, fails to decrypt. Tags are 16 bytes, never fewer.
 *
 * Each value is `enc:v2:<key id>.<iv>.<tag>.<ciphertext>`: the key id ({@link tokenKeyId}) names
 * the key, so keys can rotate. Writes use the current key; a record under a previous key, without
 * a key id (written before ids), or in clear (written before encryption was switched on) is read
 * and re-written under the current key, version unchanged, by compare-and-set (a newer write wins).
 * With previous keys but no current key, records are read and written in clear (switching
 * encryption off). A record no configured key opens (unknown key id, altered, `enc:v1`) makes
 * `get()` fail with {@link TokenEncryptionError}, is left out of `list()`, flagged by
 * `getRecord()`/`listRecords()` ({@link TokenRecordReader}), and can be deleted. Only token pairs
 * pass through it: the other ports hold no token and are wired on their own.
 */
export class EncryptedTokenStore implements TokenStore, TokenRecordReader {
  private readonly logger = new Logger('AliexpressTokenEncryption');
  private readonly keys: TokenKeyRing;

  /**
   * `key`: the current key (32 bytes; undefined: write in clear, with `options.previousKeys`).
   * `appKey`: the app the records belong to (the module passes its own), bound into every tag.
   */
  constructor(
    private readonly inner: TokenStore,
    key: Buffer | undefined,
    private readonly appKey?: string,
    options: EncryptedTokenStoreOptions = {},
  ) {
    this.keys = new TokenKeyRing(key, options.previousKeys);
    if (!this.keys.current) {
      this.logger.warn(
        'no current token encryption key: records are read under the previous keys and written in clear',
      );
    }
  }

  async get(accountId: string): Promise<StoredToken | undefined> {
    const stored = await this.inner.get(accountId);
    if (!stored) return undefined;
    const opened = await this.read(stored);
    if (opened.unreadable) throw new TokenEncryptionError({ message: opened.message });
    return opened.token;
  }

  set(token: StoredToken): Promise<void> {
    return this.inner.set(this.seal(token));
  }

  compareAndSet(token: StoredToken, expectedVersion: number | undefined): Promise<boolean> {
    return this.inner.compareAndSet(this.seal(token), expectedVersion);
  }

  /** Deletes without decrypting: an unreadable record can always be removed. */
  delete(accountId: string): Promise<void> {
    return this.inner.delete(accountId);
  }

  /** The records this store can open (others are left out: see {@link listRecords}). */
  async list(): Promise<StoredToken[]> {
    return (await this.listRecords()).flatMap((record) => (record.readable ? [record.token] : []));
  }

  async getRecord(accountId: string): Promise<TokenRecord | undefined> {
    const stored = await this.inner.get(accountId);
    return stored && this.record(stored, await this.read(stored));
  }

  async listRecords(): Promise<TokenRecord[]> {
    const stored = await this.inner.list();
    const opened = await Promise.all(stored.map((record) => this.read(record)));
    return stored.map((record, i) => this.record(record, opened[i]));
  }

  private record(stored: StoredToken, opened: OpenedRecord): TokenRecord {
    return opened.unreadable
      ? { readable: false, account: toUnreadableAccount(stored, opened.unreadable) }
      : { readable: true, token: opened.token };
  }

  /** Opens a stored record, re-writing it under the current key when it is under another. */
  private async read(stored: StoredToken): Promise<OpenedRecord> {
    let access: OpenedField;
    let refresh: OpenedField;
    try {
      access = this.openField(stored, 'accessToken');
      refresh = this.openField(stored, 'refreshToken');
    } catch (error) {
      if (!(error instanceof UnreadableField)) throw error;
      return { unreadable: error.unreadable, message: error.message };
    }
    const token = { ...stored, accessToken: access.value, refreshToken: refresh.value };
    const stale = access.stale || refresh.stale;
    if (stale) await this.migrate(token);
    return { token, stale };
  }

  /**
   * Re-writes an opened record under the current key, version unchanged: the content is the same,
   * so a writer that read the old record still succeeds its compare-and-set, and one that wrote
   * first keeps its newer pair (ours then loses). A failure is left for the next read.
   */
  private async migrate(token: StoredToken): Promise<void> {
    const target = this.keys.current
      ? `under key id ${this.keys.current.id}`
      : 'in clear (no current key)';
    try {
      if (await this.inner.compareAndSet(this.seal(token), token.version)) {
        this.logger.log(`account ${token.accountId}: tokens re-written ${target}`);
      }
    } catch (error) {
      this.logger.warn(
        `account ${token.accountId}: tokens not yet re-written ${target} (${(error as Error)?.name ?? 'error'}); next read retries`,
      );
    }
  }

  private seal(token: StoredToken): StoredToken {
    const key = this.keys.current;
    if (!key) return { ...token };
    return {
      ...token,
      accessToken: this.encrypt(token, 'accessToken', key),
      refreshToken: this.encrypt(token, 'refreshToken', key),
    };
  }

  /**
   * What each ciphertext is bound to: the format, the app key, the field it sits in, and every
   * other field of the record (keys sorted, absent ones left out, so the order a store keeps them
   * in does not matter). The key id is not: the key itself authenticates.
   */
  private associatedData(token: StoredToken, field: SealedField): Buffer {
    const clear = Object.entries(token)
      .filter(
        ([name, value]) => name !== 'accessToken' && name !== 'refreshToken' && value !== undefined,
      )
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return Buffer.from(JSON.stringify([PREFIX, this.appKey ?? null, field, clear]), 'utf8');
  }

  private encrypt(token: StoredToken, field: SealedField, key: TokenKey): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(this.associatedData(token, field));
    const data = Buffer.concat([cipher.update(token[field], 'utf8'), cipher.final()]);
    const parts = [key.id, iv, cipher.getAuthTag(), data].map((part) =>
      typeof part === 'string' ? part : part.toString('base64url'),
    );
    return `${PREFIX}${parts.join('.')}`;
  }

  /** One field opened, by its format; throws {@link UnreadableField} when it cannot be. */
  private openField(token: StoredToken, field: SealedField): OpenedField {
    const sealed = token[field];
    const account = token.accountId;
    if (typeof sealed !== 'string') {
      throw new UnreadableField(
        { reason: 'unsupported-format' },
        `the stored tokens of account ${account} are not strings: the record was altered`,
      );
    }
    if (!sealed.startsWith(ENCRYPTED)) {
      // in clear: written before encryption was switched on (or while it was off)
      return { value: sealed, stale: this.keys.current !== undefined };
    }
    if (!sealed.startsWith(PREFIX)) {
      const older = sealed.startsWith(OLD_PREFIX);
      throw new UnreadableField(
        { reason: 'unsupported-format' },
        older
          ? `the stored tokens of account ${account} are in an older encrypted format (enc:v1) that is no longer accepted: the account must authorize again`
          : `the stored tokens of account ${account} are in an encrypted format this version does not read: the account must authorize again`,
      );
    }
    const parts = sealed.slice(PREFIX.length).split('.');
    if (parts.length === 3) {
      // written before records named their key: whichever configured key opens it
      for (const key of this.keys.all) {
        const value = this.decrypt(token, field, key, parts);
        if (value !== undefined) return { value, stale: true };
      }
      throw new UnreadableField(
        { reason: 'undecryptable' },
        `cannot decrypt the stored tokens of account ${account}: the encryption key is not the one they were written with, or the record was altered`,
      );
    }
    const [keyId, ...rest] = parts;
    const key = this.keys.get(keyId);
    if (!key) {
      throw new UnreadableField(
        { reason: 'unknown-key', keyId },
        `cannot decrypt the stored tokens of account ${account}: they were written under key id ${keyId}, which is not configured (the encryption key is not the one they were written with); add that key to previousTokenEncryptionKeys, or disconnect the account or let it authorize again`,
      );
    }
    const value = this.decrypt(token, field, key, rest);
    if (value === undefined) {
      throw new UnreadableField(
        { reason: 'undecryptable', keyId },
        `cannot decrypt the stored tokens of account ${account} under key id ${keyId}: the record was altered (or the encryption key is not the one they were written with)`,
      );
    }
    return { value, stale: key !== this.keys.current };
  }

  /** The plain value of `[iv, tag, ciphertext]` under `key`, or undefined when it does not open. */
  private decrypt(
    token: StoredToken,
    field: SealedField,
    key: TokenKey,
    parts: string[],
  ): string | undefined {
    const [iv, tag, data] = parts;
    if (parts.length !== 3) return undefined;
    try {
      const authTag = Buffer.from(tag, 'base64url');
      // setAuthTag with authTagLength refuses other lengths too; checked here first to say so plainly
      if (authTag.length !== TAG_BYTES) return undefined;
      const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(this.associatedData(token, field));
      decipher.setAuthTag(authTag);
      return Buffer.concat([
        decipher.update(Buffer.from(data, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}
