/** Headroom over `1000 / qps`, so that network jitter never lets two calls land in one slot. */
const HEADROOM = 1.02;

/**
 * The spacing in ms between two calls under a `qps` limit: `1000 / qps` plus 2 % headroom. The
 * one formula every pacer uses (in memory and in Redis), so that they never disagree.
 */
export function pacingIntervalMs(qps: number): number {
  return (1000 / qps) * HEADROOM;
}
