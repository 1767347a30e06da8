import type { ResolvedAliexpressOptions } from '../config/aliexpress-options.interface.js';

/**
 * Every wait and interval of the token lifecycle, in one place: the refresh lock's lease, how
 * often waiting instances look at the record, and the pace of the background write-back.
 */

/**
 * Beyond the pacing wait and the request (each bounded by `timeoutMs`), what a refresh's lease
 * allows for the store reads and writes around them.
 */
const LEASE_MARGIN_MS = 5_000;
/** How often a waiting instance looks at the record while another holds the lock. */
export const LOCK_POLL_MS = 50;
/** How often the holder that took over a lapsed lease looks for the previous holder's pair. */
export const GRACE_POLL_MS = 100;
/** Backoff of the background write of a pair the store refused: first retry, longest pause. */
export const FLUSH_FIRST_RETRY_MS = 200;
export const FLUSH_MAX_RETRY_MS = 2_000;

/**
 * The lease a refresh asks for: the pacing wait and the request (each up to `timeoutMs`), and the
 * store work around them.
 */
export function refreshLeaseMs(options: Pick<ResolvedAliexpressOptions, 'timeoutMs'>): number {
  return 2 * options.timeoutMs + LEASE_MARGIN_MS;
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
