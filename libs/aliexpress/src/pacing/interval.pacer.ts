import { pacingIntervalMs } from './pacing-interval.js';
import { PacingTimeoutError } from './pacing-timeout.error.js';
import type { RequestPacer } from './request.pacer.js';

/** A caller queued for its turn. */
interface Waiter {
  resolve(): void;
  reject(error: Error): void;
  /** Fires when the caller's deadline passes before its turn. */
  deadline?: NodeJS.Timeout;
}

/**
 * The in-memory {@link RequestPacer} (the default), for one process: callers are released one at
 * a time, in order, each at least `1000 / qps` ms (plus 2 % headroom for network jitter) after the
 * previous one was actually released. Measuring from the real release, not from a schedule, keeps
 * the spacing even when the event loop stalls: a late timer widens the gap, it never lets two calls
 * through together. A caller given a deadline (`maxWaitMs`) is refused at once when its turn cannot
 * come in time (the queue ahead of it already spans more), and leaves the queue if the deadline
 * passes while it waits; either way it takes no slot.
 */
export class IntervalPacer implements RequestPacer {
  private readonly intervalMs: number;
  private lastRelease = Number.NEGATIVE_INFINITY;
  private readonly waiting: Waiter[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    qps: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.intervalMs = pacingIntervalMs(qps);
  }

  acquire(maxWaitMs?: number): Promise<void> {
    const now = this.now();
    // the earliest this caller's turn can come: after every caller already waiting
    const earliest =
      Math.max(now, this.lastRelease + this.intervalMs) + this.intervalMs * this.waiting.length;
    if (maxWaitMs !== undefined && earliest - now > Math.max(0, maxWaitMs))
      return Promise.reject(new PacingTimeoutError({ maxWaitMs }));
    if (this.waiting.length === 0 && earliest <= now) {
      this.lastRelease = now;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject };
      if (maxWaitMs !== undefined) {
        waiter.deadline = setTimeout(() => {
          const index = this.waiting.indexOf(waiter);
          if (index >= 0) this.waiting.splice(index, 1);
          reject(new PacingTimeoutError({ maxWaitMs }));
        }, maxWaitMs);
      }
      this.waiting.push(waiter);
      this.schedule();
    });
  }

  /** Arms the timer for the head of the queue, unless it is armed or nobody waits. */
  private schedule(): void {
    if (this.timer || this.waiting.length === 0) return;
    const wait = this.lastRelease + this.intervalMs - this.now();
    this.timer = setTimeout(() => this.release(), Math.max(0, wait));
  }

  /** Releases the head of the queue if its interval has passed on the clock, then re-arms. */
  private release(): void {
    this.timer = undefined;
    const now = this.now();
    if (this.waiting.length > 0 && now >= this.lastRelease + this.intervalMs) {
      const waiter = this.waiting.shift() as Waiter;
      clearTimeout(waiter.deadline);
      this.lastRelease = now;
      waiter.resolve();
    }
    this.schedule();
  }
}
