/** How an inbox retries a message whose processing failed. */
export interface InboxRetryOptions {
  /** First retry after this long; each next one waits twice as long. Default 1000 ms. */
  initialDelayMs?: number;
  /** The wait never grows past this. Default 300 000 ms (5 min). */
  maxDelayMs?: number;
  /** Give up (park the message) after this many attempts. Default: never, it stays until handled. */
  maxAttempts?: number;
}

/** {@link InboxRetryOptions} with defaults applied. */
export type ResolvedInboxRetry = Required<InboxRetryOptions>;

/** Applies the defaults of {@link InboxRetryOptions}. */
export function resolveInboxRetry(options: InboxRetryOptions = {}): ResolvedInboxRetry {
  return {
    initialDelayMs: options.initialDelayMs ?? 1000,
    maxDelayMs: options.maxDelayMs ?? 300_000,
    maxAttempts: options.maxAttempts ?? Number.MAX_SAFE_INTEGER,
  };
}

/** The wait before retry number `failedAttempts` (1 after the first failure): exponential, capped. */
export function inboxRetryDelay(retry: ResolvedInboxRetry, failedAttempts: number): number {
  const exponent = Math.min(Math.max(failedAttempts - 1, 0), 40);
  return Math.min(retry.initialDelayMs * 2 ** exponent, retry.maxDelayMs);
}
