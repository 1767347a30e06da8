import type { OrderDetails } from '../dropshipping/order.results.js';
import type { PushedOrderStatus } from './order-push.js';

/**
 * One change of an order's status, as the app receives it (from `OrderEventsService.events$` and
 * `@OnOrderStatus()` handlers): verified by fetching the order from the gateway, at most once per
 * push (or per polled change) across restarts and instances.
 */
export interface OrderStatusEvent {
  /** Stable id of this event: the same on every retry and on every instance. */
  eventId: string;
  /** The platform order id, as an exact decimal string. */
  orderId: string;
  /** The status the platform pushed (`OrderShipped`…); undefined for a change found by polling. */
  pushedStatus?: PushedOrderStatus;
  /** The connected account (`user_id`) that owns the order. */
  accountId: string;
  /** The order as `aliexpress.trade.ds.order.get` returned it while this event was processed. */
  order: OrderDetails;
  /** When the push was acknowledged, or the change was polled (epoch ms). */
  receivedAt: number;
  /** `push`: from the platform's webhook; `poll`: found by `OrderSyncService`. */
  source: 'push' | 'poll';
}
