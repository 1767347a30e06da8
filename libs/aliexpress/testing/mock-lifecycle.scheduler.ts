import { MockGatewayConfigError } from './mock-gateway.errors.js';
import type { MockLifecycleOptions } from './mock-webhook.options.js';

/**
 * The timer side of the mock's timed lifecycle: while it runs, every order that can still move is
 * advanced `stepMs` after its last status change (real time), one timer per order, so an order's
 * steps come at predictable moments whatever else happens.
 */
export class MockLifecycleScheduler {
  private stepMs?: number;
  private readonly timers = new Map<string, NodeJS.Timeout>();

  /** `advance` moves one order one step (and reports back through `changed`). */
  constructor(private readonly advance: (orderId: string) => void) {}

  /** The step while running, else `undefined`. */
  get step(): number | undefined {
    return this.stepMs;
  }

  /** Starts (or restarts with a new step) and schedules the given orders' next steps. */
  start(options: MockLifecycleOptions, movableOrderIds: readonly string[]): void {
    const stepMs = options?.stepMs;
    if (typeof stepMs !== 'number' || !Number.isFinite(stepMs) || stepMs < 1)
      throw new MockGatewayConfigError('lifecycle.stepMs must be a number of ms, 1 or more');
    this.clear();
    this.stepMs = stepMs;
    for (const id of movableOrderIds) this.schedule(id, stepMs);
  }

  /** Stops advancing orders; their statuses stay where they are. */
  stop(): void {
    this.clear();
    this.stepMs = undefined;
  }

  /**
   * An order's status changed: its next step is due `stepMs` from now, or never when it cannot
   * move. With `keepPending`, a step already scheduled keeps its time (only its next status changed).
   */
  changed(orderId: string, canMove: boolean, keepPending = false): void {
    const pending = this.timers.get(orderId);
    if (pending && canMove && keepPending) return;
    if (pending) clearTimeout(pending);
    this.timers.delete(orderId);
    if (this.stepMs !== undefined && canMove) this.schedule(orderId, this.stepMs);
  }

  /** Cancels every scheduled step (the lifecycle keeps running for orders that change later). */
  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(orderId: string, stepMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(orderId);
      this.advance(orderId);
    }, stepMs);
    timer.unref();
    this.timers.set(orderId, timer);
  }
}
