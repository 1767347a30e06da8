import { MockGatewayConfigError } from './mock-gateway.errors.js';
import { MOCK_BUYERS } from './mock-fixtures.js';
import type { MockOrder } from './mock-gateway.options.js';
import { MockLifecycleScheduler } from './mock-lifecycle.scheduler.js';
import type { MockOrderBook } from './mock-order.book.js';
import {
  ORDER_STATUS_OF_PUSH,
  defaultNextPushStatus,
  isMockPushStatus,
  pushStatusOfOrderStatus,
  type MockPushStatus,
} from './mock-order.lifecycle.js';
import type { MockLifecycleOptions } from './mock-webhook.options.js';
import type { MockWebhookPusher } from './mock-webhook.pusher.js';

/**
 * How orders move through their lifecycle: set by tests, advanced one step, or on a timer; every
 * new step is pushed to the app's webhook before the next one is scheduled.
 */
export class MockOrderProgress {
  private readonly scheduler = new MockLifecycleScheduler((orderId) => this.timedStep(orderId));

  /** `lifecycle` is the option: the timed lifecycle runs from the start, and again after a reset. */
  constructor(
    private readonly book: MockOrderBook,
    private readonly pusher: MockWebhookPusher,
    private readonly now: () => number,
    private readonly lifecycle: MockLifecycleOptions | undefined,
  ) {
    if (lifecycle !== undefined) this.scheduler.start(lifecycle, []);
  }

  /** Sets an order's `order_status` (or push status) and details; pushes a new step. */
  setOrderStatus(
    orderId: string,
    status: string,
    details: { logisticsStatus?: string; endReason?: string } = {},
  ): void {
    const order = this.book.find(orderId);
    const step = isMockPushStatus(status) ? status : undefined;
    if (typeof status !== 'string' || (!step && !/^[A-Z_]{2,40}$/.test(status)))
      throw new MockGatewayConfigError(
        'the status must be an upper-case code such as FINISH, or a push status such as OrderShipped',
      );
    for (const value of [details.logisticsStatus, details.endReason]) {
      if (value !== undefined && (typeof value !== 'string' || !/^[A-Z_]{2,40}$/.test(value)))
        throw new MockGatewayConfigError(
          'logisticsStatus and endReason must be upper-case codes such as CANCELED',
        );
    }
    const reached = step ?? pushStatusOfOrderStatus(status, details.endReason, order.pushStatus);
    order.status = step ? ORDER_STATUS_OF_PUSH[step].status : status;
    order.logisticsStatus = details.logisticsStatus;
    order.endReason = details.endReason ?? (step && ORDER_STATUS_OF_PUSH[step].endReason);
    if (reached !== undefined && reached !== order.pushStatus) this.reach(order, reached);
  }

  /** Moves an order one step (the one set next, else the usual one); a final order refuses. */
  advanceOrder(orderId: string): { orderStatus: MockPushStatus; status: string } {
    const order = this.book.find(orderId);
    const next = this.nextStep(order);
    if (next === undefined)
      throw new MockGatewayConfigError(
        `order ${orderId} is ${order.pushStatus ?? order.status}, a final status; set its next status first`,
      );
    order.status = ORDER_STATUS_OF_PUSH[next].status;
    order.logisticsStatus = undefined;
    order.endReason = ORDER_STATUS_OF_PUSH[next].endReason;
    this.reach(order, next);
    return { orderStatus: next, status: order.status };
  }

  /** The step an order takes next instead of the usual one; `undefined` back to the usual path. */
  setNextOrderStatus(orderId: string, status: MockPushStatus | undefined): void {
    const order = this.book.find(orderId);
    if (status !== undefined && status !== null && !isMockPushStatus(status))
      throw new MockGatewayConfigError(
        'the next status must be a push status such as OrderShipped',
      );
    order.nextPushStatus = status ?? undefined;
    this.scheduler.changed(orderId, this.nextStep(order) !== undefined, true);
  }

  /** Starts (or restarts) the timed lifecycle for every order that can move. */
  startLifecycle(options: MockLifecycleOptions): void {
    const movable = this.book.orders.filter((o) => this.nextStep(o) !== undefined);
    this.scheduler.start(
      options,
      movable.map((o) => o.orderId),
    );
  }

  /** Stops the timed lifecycle; orders stay where they are. */
  stopLifecycle(): void {
    this.scheduler.stop();
  }

  /** The timed lifecycle's step while it runs, else `undefined`. */
  lifecycleStepMs(): number | undefined {
    return this.scheduler.step;
  }

  /** An order reached a lifecycle step: it is pushed to its app's webhook, its next step scheduled. */
  reach(order: MockOrder, status: MockPushStatus): void {
    order.pushStatus = status;
    order.nextPushStatus = undefined;
    const buyer = MOCK_BUYERS.find((b) => b.userId === order.userId);
    this.pusher.push(order.appKey, {
      sellerId: buyer?.sellerId ?? order.userId,
      buyerId: order.userId,
      orderId: order.orderId,
      orderStatus: status,
      timestamp: Math.floor(this.now() / 1000),
    });
    this.scheduler.changed(order.orderId, this.nextStep(order) !== undefined);
  }

  /** Cancels the scheduled steps (the mock is stopping). */
  cancelTimers(): void {
    this.scheduler.clear();
  }

  /** The timed lifecycle back to the option: running with its step, or stopped. */
  reset(): void {
    if (this.lifecycle === undefined) this.scheduler.stop();
    else this.scheduler.start(this.lifecycle, []);
  }

  /** The step an order takes next, if it can move. */
  private nextStep(order: MockOrder): MockPushStatus | undefined {
    if (order.nextPushStatus !== undefined) return order.nextPushStatus;
    return order.pushStatus === undefined ? undefined : defaultNextPushStatus(order.pushStatus);
  }

  /** A timed lifecycle step (the order may have become final, or gone with a reset, meanwhile). */
  private timedStep(orderId: string): void {
    const order = this.book.orders.find((o) => o.orderId === orderId);
    if (order && this.nextStep(order) !== undefined) this.advanceOrder(orderId);
  }
}
