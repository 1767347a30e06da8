import { pacingIntervalMs } from './pacing-interval';
import type { RequestPacer } from './request.pacer';

/**
 * The in-memory {@link RequestPacer} (the default), for one process: callers are released one at
 * a time, each at least `1000 / qps` ms (plus 2 % headroom for network jitter) after the previous
 * one was actually released. Measuring from the
 * real release, not from a schedule, keeps the spacing even when the event loop stalls: a late
 * timer widens the gap, it never lets two calls through together.
 */
export class IntervalPacer implements RequestPacer {
  private readonly intervalMs: number;
  private lastRelease = Number.NEGATIVE_INFINITY;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    qps: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.intervalMs = pacingIntervalMs(qps);
  }

  acquire(): Promise<void> {
    const turn = this.queue.then(async () => {
      const wait = this.lastRelease + this.intervalMs - this.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      this.lastRelease = this.now();
    });
    this.queue = turn;
    return turn;
  }
}
