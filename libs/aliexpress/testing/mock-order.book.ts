import { MockGatewayConfigError } from './mock-gateway.errors.js';
import { MOCK_BUYERS } from './mock-fixtures.js';
import type { MockAutoPayOutcome, MockOrder, MockOrderControls } from './mock-gateway.options.js';
import { ORDER_REFUSAL_MESSAGES, type MockOrderRefusal } from './mock-order.handlers.js';
import type { MockPushStatus } from './mock-order.lifecycle.js';

/**
 * The orders the mock recorded and what tests set for the next ones (auto-pay outcome per app,
 * buyers refused); the order handlers read and fill it through their call context.
 */
export class MockOrderBook {
  /** The live list the order handlers append to. */
  readonly orders: MockOrder[] = [];
  /** Auto-pay outcome, refused buyers and the lifecycle hook, as the handlers see them. */
  readonly controls: MockOrderControls;
  private seq = 0n;

  /** `statusChanged` is told when an order reaches a lifecycle step. */
  constructor(statusChanged: (order: MockOrder, status: MockPushStatus) => void) {
    this.controls = { autoPay: new Map(), refusals: new Map(), statusChanged };
  }

  /** The order with this id; an unknown id is a {@link MockGatewayConfigError}. */
  find(orderId: string): MockOrder {
    const order = this.orders.find((o) => o.orderId === orderId);
    if (!order) throw new MockGatewayConfigError(`no order ${orderId}`);
    return order;
  }

  /** The next order id: 19 digits, beyond 2^53, never reused (not even after a reset). */
  nextOrderId(): string {
    return String(3_000_000_000_000_000_001n + this.seq++);
  }

  /** A copy of every order. */
  list(): MockOrder[] {
    return this.orders.map((o) => ({ ...o, items: o.items.map((i) => ({ ...i })) }));
  }

  /** What auto-pay does for an app's orders: `ok` or `fail`. */
  setAutoPay(appKey: string, outcome: MockAutoPayOutcome): void {
    if (outcome !== 'ok' && outcome !== 'fail')
      throw new MockGatewayConfigError('the auto-pay outcome must be "ok" or "fail"');
    this.controls.autoPay.set(appKey, outcome);
  }

  /** Refuses a buyer's orders with a documented code; `undefined` lifts it. */
  refuseOrders(userId: string, code: MockOrderRefusal | undefined): void {
    if (!MOCK_BUYERS.some((b) => b.userId === userId))
      throw new MockGatewayConfigError(`unknown test buyer ${userId}`);
    if (code === undefined || code === null) {
      this.controls.refusals.delete(userId);
      return;
    }
    if (!Object.hasOwn(ORDER_REFUSAL_MESSAGES, code))
      throw new MockGatewayConfigError(
        `the refusal must be one of ${Object.keys(ORDER_REFUSAL_MESSAGES).join(', ')}`,
      );
    this.controls.refusals.set(userId, code);
  }

  /** Forgets the orders, auto-pay outcomes and refusals. */
  clear(): void {
    this.orders.length = 0;
    this.controls.autoPay.clear();
    this.controls.refusals.clear();
  }
}
