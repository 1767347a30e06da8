import type { Logger } from '@nestjs/common';
import type { RefreshLockHandle } from './refresh.lock.js';

/**
 * Keeps a refresh lock's lease alive while the refresh runs: extends it to `leaseMs` every
 * `everyMs`, only while this holder still owns it (the lock's `extend` acts for its owner only).
 * Stops by itself once the lease lapsed; a failed extension is a warning, once per refresh, naming
 * the error's class only (a store's message may carry its URL). Returns a function that stops it.
 * A lock without `extend` relies on its first lease being sized for the whole refresh.
 */
export function keepLeaseAlive(
  accountId: string,
  lock: RefreshLockHandle,
  leaseMs: number,
  everyMs: number,
  logger: Logger,
): () => void {
  const extend = lock.extend?.bind(lock);
  if (!extend) return () => undefined;
  let stopped = false;
  let renewalFailed = false;
  const timer = setInterval(() => {
    extend(leaseMs).then(
      (held) => {
        if (held || stopped) return;
        stopped = true;
        clearInterval(timer);
        logger.warn(
          `refresh lock of account ${accountId} lapsed during the refresh; the rotated pair still wins its write`,
        );
      },
      (error: unknown) => {
        if (renewalFailed) return;
        renewalFailed = true;
        logger.warn(
          `refresh lock of account ${accountId} not extended (${(error as Error).name}); it may lapse before the refresh ends`,
        );
      },
    );
  }, everyMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
