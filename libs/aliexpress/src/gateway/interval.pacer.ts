/** Spaces calls so that a per-app QPS limit is never exceeded in any one-second window. */
export interface RequestPacer {
  /** Resolves when the caller may send its request. */
  acquire(): Promise<void>;
}

/**
 * In-process pacing: one slot every `1000 / qps` ms (plus 2 % headroom for network jitter), so a
 * burst queues and drains at the allowed rate instead of earning `ApiCallLimit` bans.
 */
export class IntervalPacer implements RequestPacer {
  private readonly intervalMs: number;
  private nextSlot = 0;

  constructor(
    qps: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.intervalMs = (1000 / qps) * 1.02;
  }

  acquire(): Promise<void> {
    const now = this.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.intervalMs;
    const wait = slot - now;
    return wait <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, wait));
  }
}
