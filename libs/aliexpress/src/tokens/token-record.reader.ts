import {
  toAccount,
  type AliexpressAccount,
  type TokenRecord,
} from './aliexpress-token.interface.js';
import type { TokenStore } from './token.store.js';

/**
 * What a token store that cannot always open its records (such as `EncryptedTokenStore`) offers
 * besides {@link TokenStore}: the records it cannot open, flagged instead of thrown, so one bad
 * record never hides every account, and can still be shown and disconnected.
 */
export interface TokenRecordReader {
  /** The record of the account, opened or flagged; undefined when nothing is stored. */
  getRecord(accountId: string): Promise<TokenRecord | undefined>;
  /** Every record, opened or flagged. */
  listRecords(): Promise<TokenRecord[]>;
}

/** Whether the store can give records it cannot open ({@link TokenRecordReader}). */
export function readsTokenRecords(store: TokenStore): store is TokenStore & TokenRecordReader {
  const candidate = store as Partial<TokenRecordReader>;
  return typeof candidate.getRecord === 'function' && typeof candidate.listRecords === 'function';
}

/** The public view of a record: the account, flagged when its tokens cannot be opened. */
export function accountOfRecord(record: TokenRecord): AliexpressAccount {
  return record.readable ? toAccount(record.token) : record.account;
}

/** Every stored account, unreadable ones flagged when the store can tell (else left out). */
export async function listStoredAccounts(store: TokenStore): Promise<AliexpressAccount[]> {
  if (!readsTokenRecords(store)) return (await store.list()).map(toAccount);
  return (await store.listRecords()).map(accountOfRecord);
}

/** The stored account, flagged when its tokens cannot be opened and the store can tell. */
export async function getStoredAccount(
  store: TokenStore,
  accountId: string,
): Promise<AliexpressAccount | undefined> {
  if (!readsTokenRecords(store)) {
    const token = await store.get(accountId);
    return token && toAccount(token);
  }
  const record = await store.getRecord(accountId);
  return record && accountOfRecord(record);
}
