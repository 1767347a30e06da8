/*
 * The order lifecycle as the platform's order-status pushes name it (the six `orderStatus` values
 * of `DROPSHIPPER_ORDER_STATUS_UPDATE`), and how each step reads in `aliexpress.trade.ds.order.get`
 * (`order_status`, `end_reason`): the one mapping the mock's controls, timed lifecycle and pushes
 * share, so what a push says and what order.get answers never disagree.
 */

/** The six `data.orderStatus` values of an order-status push, as the webhook page lists them. */
export const MOCK_PUSH_STATUSES = [
  'OrderCreated',
  'PaymentAuthorized',
  'OrderShipped',
  'OrderConfirmed',
  'OrderClosed',
  'paymentFailedEvent',
] as const;

/** A lifecycle step of a mock order, named as the platform's push names it. */
export type MockPushStatus = (typeof MOCK_PUSH_STATUSES)[number];

/** Whether a value is one of the six push statuses (exact spelling, `paymentFailedEvent` included). */
export const isMockPushStatus = (value: unknown): value is MockPushStatus =>
  typeof value === 'string' && (MOCK_PUSH_STATUSES as readonly string[]).includes(value);

/** The `end_reason` a closed order's lines carry (the reference's only documented value). */
export const CLOSED_END_REASON = 'CANCELED';

/**
 * What `aliexpress.trade.ds.order.get` answers at each step: `order_status` and, for a closed
 * order, `end_reason` (FINISH covers both "received" and "closed"; the end reason tells them apart).
 * A failed payment leaves the order waiting for payment, as a failed auto-pay does.
 */
export const ORDER_STATUS_OF_PUSH: Readonly<
  Record<MockPushStatus, { status: string; endReason?: string }>
> = {
  OrderCreated: { status: 'PLACE_ORDER_SUCCESS' },
  paymentFailedEvent: { status: 'PLACE_ORDER_SUCCESS' },
  PaymentAuthorized: { status: 'WAIT_SELLER_SEND_GOODS' },
  OrderShipped: { status: 'WAIT_BUYER_ACCEPT_GOODS' },
  OrderConfirmed: { status: 'FINISH' },
  OrderClosed: { status: 'FINISH', endReason: CLOSED_END_REASON },
};

/**
 * The step an order takes next when nothing else was set: paid, shipped, confirmed; an order whose
 * payment failed is closed (unpaid orders close when their payment time runs out). `undefined`
 * for a final step (`OrderConfirmed`, `OrderClosed`): such an order moves only when told where.
 */
export function defaultNextPushStatus(current: MockPushStatus): MockPushStatus | undefined {
  switch (current) {
    case 'OrderCreated':
      return 'PaymentAuthorized';
    case 'PaymentAuthorized':
      return 'OrderShipped';
    case 'OrderShipped':
      return 'OrderConfirmed';
    case 'paymentFailedEvent':
      return 'OrderClosed';
    default:
      return undefined;
  }
}

/**
 * The push status an `order_status` set by hand (`setOrderStatus` with an upper-case code) stands
 * for, or `undefined` for the statuses no push names (risk control, payment processing, …): those
 * change what order.get answers, and push nothing. `current` keeps a failed payment a failed
 * payment when the order is set back to PLACE_ORDER_SUCCESS.
 */
export function pushStatusOfOrderStatus(
  status: string,
  endReason: string | undefined,
  current: MockPushStatus | undefined,
): MockPushStatus | undefined {
  switch (status) {
    case 'PLACE_ORDER_SUCCESS':
      return current === 'paymentFailedEvent' ? current : 'OrderCreated';
    case 'WAIT_SELLER_SEND_GOODS':
      return 'PaymentAuthorized';
    case 'SELLER_PART_SEND_GOODS':
    case 'WAIT_BUYER_ACCEPT_GOODS':
      return 'OrderShipped';
    case 'FINISH':
      return endReason ? 'OrderClosed' : 'OrderConfirmed';
    default:
      return undefined;
  }
}
