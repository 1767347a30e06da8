import {
  ExponentialBackoff,
  handleWhen,
  retry,
  type IBackoff,
  type IBackoffFactory,
  type IRetryBackoffContext,
} from 'cockatiel';
import { AliexpressRateLimitError, AliexpressTransportError } from '../errors/aliexpress.errors.js';

/** Retry settings: attempts, exponential backoff with jitter, and a total time budget. */
export interface RetryOptions {
  /** Retries after the first attempt; default 3 (0 disables retries). */
  maxRetries?: number;
  /** First backoff; default 200 ms. */
  initialDelayMs?: number;
  /** Longest backoff; default 5000 ms. */
  maxDelayMs?: number;
  /** No retry starts after this much time since the first attempt; default 30000 ms. */
  maxElapsedMs?: number;
}

/** {@link RetryOptions} with defaults applied. */
export type ResolvedRetryOptions = Required<RetryOptions>;

/** Defaults of {@link RetryOptions}. */
export const DEFAULT_RETRY: ResolvedRetryOptions = {
  maxRetries: 3,
  initialDelayMs: 200,
  maxDelayMs: 5000,
  maxElapsedMs: 30_000,
};

type Context = IRetryBackoffContext<unknown>;

/** Exponential backoff with cockatiel's decorrelated jitter, never shorter than an announced ban. */
class BanAwareBackoff implements IBackoffFactory<Context> {
  constructor(
    private readonly inner: IBackoffFactory<Context>,
    private readonly remaining: () => number,
  ) {}

  next(context: Context): IBackoff<Context> {
    const step = this.inner.next(context);
    const error = 'error' in context.result ? context.result.error : undefined;
    const ban = error instanceof AliexpressRateLimitError ? (error.retryAfterMs ?? 1000) : 0;
    return {
      duration: Math.max(0, Math.min(Math.max(step.duration, ban), this.remaining())),
      next: (ctx: Context) => new BanAwareBackoff(step, this.remaining).next(ctx),
    };
  }
}

/**
 * An answer the gateway gave in a shape the library cannot read, or past the size cap: repeating
 * the call cannot help.
 */
const unreadableAnswer = (error: unknown) =>
  error instanceof AliexpressTransportError &&
  (error.kind === 'unexpected-shape' || error.kind === 'response-too-large');

/**
 * Runs `call`, retrying the failures `shouldRetry` accepts, within the attempt and time budget.
 * A ban longer than what is left of the budget is not waited out; an `unexpected-shape` or
 * `response-too-large` answer is never retried, whatever `shouldRetry` says.
 */
export async function withRetry<T>(
  call: () => Promise<T>,
  shouldRetry: (error: unknown) => boolean,
  options: ResolvedRetryOptions,
  now: () => number = Date.now,
): Promise<T> {
  if (options.maxRetries === 0) return call();
  const started = now();
  const remaining = () => options.maxElapsedMs - (now() - started);
  const policy = retry(
    handleWhen((error) => {
      if (unreadableAnswer(error) || !shouldRetry(error)) return false;
      const ban = error instanceof AliexpressRateLimitError ? (error.retryAfterMs ?? 1000) : 0;
      return remaining() > ban;
    }),
    {
      maxAttempts: options.maxRetries,
      backoff: new BanAwareBackoff(
        new ExponentialBackoff({
          initialDelay: options.initialDelayMs,
          maxDelay: options.maxDelayMs,
        }),
        remaining,
      ),
    },
  );
  return policy.execute(() => call());
}
