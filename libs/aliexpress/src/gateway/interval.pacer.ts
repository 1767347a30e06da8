/** Spaces calls so that a per-app QPS limit is never exceeded in any one-second window. */
export interface RequestPacer {
  /** Resolves when the caller may send its request. */
  acquire(): Promise<void>;
}

/**
 * In-process pacing: callers are released one at a time, each at least `1000 / qps` ms (plus 2 %
 * headroom for network jitter) after the previous one was actually released. Measuring from the
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
    this.intervalMs = (1000 / qps) * 1.02;
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
