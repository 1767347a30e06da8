import { hkdfSync } from 'node:crypto';
import { TokenEncryptionError } from '../errors/aliexpress.errors.js';

const KEY_BYTES = 32;
const KEY_ID_BYTES = 8;

/**
 * The public id of a token encryption key: 8 bytes of HKDF-SHA256 of the key (its own `info`, so
 * it is unrelated to anything the key encrypts), base64url, 11 characters. Each encrypted record
 * carries the id of its key, so a store knows which configured key opens it, and an operator can
 * tell which key an unreadable record needs. The id reveals nothing about the key.
 */
export function tokenKeyId(key: Buffer): string {
  return Buffer.from(
    hkdfSync('sha256', key, Buffer.alloc(0), 'nestjs-aliexpress token key id', KEY_ID_BYTES),
  ).toString('base64url');
}

/** A key of the ring with its id. */
export interface TokenKey {
  readonly id: string;
  readonly key: Buffer;
}

/**
 * The keys an `EncryptedTokenStore` knows: the current one, which every write uses (none: writes
 * go in clear, to switch encryption on or off in two steps), and previous ones, which only read
 * (records under them are re-written under the current key). Keys are looked up by id.
 */
export class TokenKeyRing {
  /** The key writes use, or undefined when records are written in clear. */
  readonly current?: TokenKey;
  /** Every key, the current one first; each id once. */
  readonly all: readonly TokenKey[];
  private readonly byId: ReadonlyMap<string, TokenKey>;

  constructor(current: Buffer | undefined, previous: readonly Buffer[] = []) {
    const keys = [...(current ? [current] : []), ...previous];
    if (keys.length === 0) {
      throw new TokenEncryptionError({
        message: 'token encryption needs a current key, previous keys, or both',
      });
    }
    if (keys.some((key) => !Buffer.isBuffer(key) || key.length !== KEY_BYTES)) {
      throw new TokenEncryptionError({ message: 'every token encryption key must be 32 bytes' });
    }
    const byId = new Map<string, TokenKey>();
    for (const key of keys) {
      const id = tokenKeyId(key);
      if (!byId.has(id)) byId.set(id, { id, key: Buffer.from(key) });
    }
    this.byId = byId;
    this.all = [...byId.values()];
    this.current = current ? byId.get(tokenKeyId(current)) : undefined;
  }

  /** The key with this id, if the ring holds it. */
  get(id: string): TokenKey | undefined {
    return this.byId.get(id);
  }
}
