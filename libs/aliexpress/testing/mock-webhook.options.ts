import type { MockPushStatus } from './mock-order.lifecycle.js';

/** The platform's delivery rules: 200 within 500 ms, else a retry every 30 minutes, 12 times. */
export const DEFAULT_PUSH_DELIVERY: Readonly<Required<MockPushDeliveryOptions>> = {
  ackTimeoutMs: 500,
  retryIntervalMs: 30 * 60 * 1000,
  maxRetries: 12,
};

/**
 * How the mock delivers order-status pushes (option `pushes`). A push is delivered when the
 * receiver answers HTTP 200 within `ackTimeoutMs`; otherwise it is sent again after
 * `retryIntervalMs`, at most `maxRetries` more times, then given up. Tests shorten the interval.
 */
export interface MockPushDeliveryOptions {
  /** How long the receiver has to answer 200; default 500 ms, as on the platform. */
  ackTimeoutMs?: number;
  /** Pause between attempts; default 30 minutes, as on the platform (real time, not the mock clock). */
  retryIntervalMs?: number;
  /** Retries after the first attempt; default 12, as on the platform (so 13 attempts at most). */
  maxRetries?: number;
}

/** The timed lifecycle (option `lifecycle`, or `startLifecycle`). */
export interface MockLifecycleOptions {
  /**
   * Every order that is not final moves one step (`advanceOrder`) this long after its last status
   * change, in real time: created, paid, shipped, confirmed (or closed after a failed payment).
   */
  stepMs: number;
}

/**
 * A fault on the order-status pushes the mock sends (`injectPushFault`), declared like the
 * request faults of `injectFault`: a kind, and how many of the next matching pushes it takes.
 */
export interface MockPushFault {
  /**
   * `drop`: the push is never sent (the log shows it `dropped`), as a push lost on the platform;
   * `duplicate`: it is sent twice (each copy delivered and retried on its own), `delayMs` apart;
   * `delay`: its first attempt waits `delayMs` (later pushes overtake it).
   */
  kind: 'drop' | 'duplicate' | 'delay';
  /** How many matching pushes it applies to: a positive whole number (default 1), or `'all'`. */
  count?: number | 'all';
  /** Only pushes of this status (default any). */
  orderStatus?: MockPushStatus;
  /** Only pushes of this order (default any). */
  orderId?: string;
  /** `delay`: how long (default 1000 ms); `duplicate`: the gap before the copy (default 0). */
  delayMs?: number;
}

/** One attempt at delivering a push. */
export interface MockPushAttempt {
  /** Mock-clock time the attempt started (epoch ms). */
  at: number;
  /** The receiver's HTTP status, when it answered in time. */
  status?: number;
  /** Why it did not count, when it did not: `timeout`, `HTTP 500`, or a connection error code. */
  error?: string;
  /** Whether it counted as delivered (200 within the acknowledgement timeout). */
  delivered: boolean;
  /** Real time it took, ms. */
  durationMs: number;
}

/** One push the mock sent (or dropped), as `pushes()` and `GET /__mock/pushes` show it. */
export interface MockPushRecord {
  /** Sequence number, from 1. A duplicate copy has its own. */
  id: number;
  appKey: string;
  /** The webhook URL it was sent to. */
  url: string;
  orderId: string;
  orderStatus: MockPushStatus;
  /** The exact body text sent (what the `Authorization` signature covers). */
  body: string;
  /**
   * `pending` (first attempt not made or a retry scheduled), `delivered`, `failed` (every attempt
   * used up), `dropped` (a `drop` fault: never sent).
   */
  state: 'pending' | 'delivered' | 'failed' | 'dropped';
  /** The fault that hit it, if any. */
  fault?: MockPushFault['kind'];
  /** For the second copy of a `duplicate` fault: the id of the first. */
  duplicateOf?: number;
  attempts: MockPushAttempt[];
}
