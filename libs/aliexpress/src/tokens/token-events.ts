import type { AliexpressAccount } from './aliexpress-token.interface.js';

/** Something that happened to a connected account's tokens; carries no token. */
export interface AliexpressTokenEvent {
  type: 'issued' | 'refreshed' | 'reauthorization-required' | 'disconnected';
  accountId: string;
  /** The account after the event (absent for `disconnected` when nothing was stored). */
  account?: AliexpressAccount;
}
