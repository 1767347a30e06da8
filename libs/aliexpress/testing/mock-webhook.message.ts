import { exactNumber, toJson } from './mock-envelopes.js';
import type { MockPushStatus } from './mock-order.lifecycle.js';

/** `message_type` of `DROPSHIPPER_ORDER_STATUS_UPDATE` today (the platform warns it may change). */
export const ORDER_STATUS_MESSAGE_TYPE = 53;

/** What one order-status push says. Ids are decimal strings, so none is ever rounded. */
export interface MockPushMessage {
  /** `seller_id` of the account (a JSON string in the body). */
  sellerId: string;
  /** The account's `user_id` (a JSON number in the body). */
  buyerId: string;
  /** The order id (a JSON number in the body, often beyond 2^53). */
  orderId: string;
  orderStatus: MockPushStatus;
  /** Epoch seconds. */
  timestamp: number;
}

const DIGITS = /^(0|[1-9]\d{0,29})$/;

/**
 * The body text of an order-status push, in the documented field order and types:
 * `{"seller_id":"…","message_type":53,"data":{"buyerId":…,"orderId":…,"orderStatus":"…"},
 * "site":"ae_global","timestamp":…}`. Ids are written as JSON number literals digit for digit
 * (never through a JS number), so an order id beyond 2^53 arrives exact; the text is what is
 * signed and sent, byte for byte.
 */
export function pushMessageBody(message: MockPushMessage): string {
  for (const field of ['buyerId', 'orderId'] as const) {
    if (!DIGITS.test(message[field]))
      throw new TypeError(`${field} must be a decimal id, got "${message[field]}"`);
  }
  if (!Number.isSafeInteger(message.timestamp) || message.timestamp < 0)
    throw new TypeError('timestamp must be whole epoch seconds');
  return toJson({
    seller_id: message.sellerId,
    message_type: ORDER_STATUS_MESSAGE_TYPE,
    data: {
      buyerId: exactNumber(message.buyerId),
      orderId: exactNumber(message.orderId),
      orderStatus: message.orderStatus,
    },
    site: 'ae_global',
    timestamp: message.timestamp,
  });
}
