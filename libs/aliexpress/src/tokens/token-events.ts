import { Logger } from '@nestjs/common';
import type { ResolvedAliexpressOptions } from '../config/aliexpress-options.interface.js';
import type { AliexpressAccount } from './aliexpress-token.interface.js';

/** Something that happened to a connected account's tokens; carries no token. */
export interface AliexpressTokenEvent {
  type: 'issued' | 'refreshed' | 'reauthorization-required' | 'disconnected';
  accountId: string;
  /** The account after the event (absent for `disconnected` when nothing was stored). */
  account?: AliexpressAccount;
}

/** Hands a token event to the app; never throws. */
export type TokenEventSink = (event: AliexpressTokenEvent) => Promise<void>;

/**
 * The `onTokenEvent` hook as a {@link TokenEventSink}: a hook that throws (or rejects) is logged as
 * a warning, never thrown to the caller whose tokens changed.
 */
export function tokenEventSink(
  options: Pick<ResolvedAliexpressOptions, 'onTokenEvent'>,
): TokenEventSink {
  const logger = new Logger('AliexpressTokens');
  return async (event) => {
    if (!options.onTokenEvent) return;
    try {
      await options.onTokenEvent(event);
    } catch (error) {
      logger.warn(
        `onTokenEvent hook failed on ${event.type}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
}
