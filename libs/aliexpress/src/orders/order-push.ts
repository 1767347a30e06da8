import {
  isGatewayObject,
  parseGatewayJson,
  type GatewayJson,
} from '../gateway/gateway-json.parser.js';

/** `message_type` of `DROPSHIPPER_ORDER_STATUS_UPDATE` today (the `webhookMessageTypes` default). */
export const ORDER_STATUS_MESSAGE_TYPE = '53';

/**
 * The pushed status of a `DROPSHIPPER_ORDER_STATUS_UPDATE`: the documented values, or any other
 * string the platform may add.
 */
export type PushedOrderStatus =
  | 'OrderCreated'
  | 'PaymentAuthorized'
  | 'OrderShipped'
  | 'OrderConfirmed'
  | 'OrderClosed'
  | 'paymentFailedEvent'
  | (string & {});

/**
 * An order-status push as the library keeps it: every id an exact decimal string (order ids pass
 * 2^53), so it survives JSON storage (the memory inbox, a BullMQ job) unchanged.
 */
export interface OrderStatusPush {
  /** `seller_id`: the account the platform addressed the push to. */
  sellerId?: string;
  /** `data.buyerId`: the `user_id` of the account that placed the order. */
  buyerId?: string;
  orderId: string;
  status: PushedOrderStatus;
  /** `timestamp`: when the platform emitted the push, epoch seconds. */
  timestamp: string;
  site?: string;
}

/** What reading a push body gave: a push, a push of another type, or why the body is not one. */
export type OrderPushReading =
  | { kind: 'push'; push: OrderStatusPush }
  | { kind: 'other-type'; messageType: string }
  | { kind: 'invalid'; problem: string };

const DIGITS = /^[0-9]{1,30}$/;

/** A decimal id given as a JSON number or a string of digits; undefined otherwise. */
function idText(value: GatewayJson | undefined): string | undefined {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  return typeof text === 'string' && DIGITS.test(text) ? text : undefined;
}

/**
 * Reads a push body losslessly (order ids beyond 2^53 stay exact). A `message_type` not in
 * `orderTypes` is `other-type` (acknowledged and ignored); a body that is not JSON, or an
 * order-status push without its order id, status or timestamp, is `invalid`.
 */
export function readOrderPush(
  raw: Buffer,
  orderTypes: readonly string[] = [ORDER_STATUS_MESSAGE_TYPE],
): OrderPushReading {
  let body: GatewayJson;
  try {
    body = parseGatewayJson(raw.toString('utf8'));
  } catch {
    return { kind: 'invalid', problem: 'the body is not JSON' };
  }
  if (!isGatewayObject(body)) return { kind: 'invalid', problem: 'the body is not a JSON object' };
  const messageType = idText(body.message_type);
  if (messageType === undefined)
    return { kind: 'invalid', problem: 'message_type is missing or not a number' };
  if (!orderTypes.includes(messageType)) return { kind: 'other-type', messageType };
  const data = body.data;
  if (!isGatewayObject(data)) return { kind: 'invalid', problem: 'data is missing' };
  const orderId = idText(data.orderId);
  if (orderId === undefined) return { kind: 'invalid', problem: 'data.orderId is not an order id' };
  const status = data.orderStatus;
  if (typeof status !== 'string' || !/^[A-Za-z_]{1,64}$/.test(status))
    return { kind: 'invalid', problem: 'data.orderStatus is missing' };
  const timestamp = idText(body.timestamp);
  if (timestamp === undefined) return { kind: 'invalid', problem: 'timestamp is missing' };
  return {
    kind: 'push',
    push: {
      sellerId: idText(body.seller_id),
      buyerId: idText(data.buyerId),
      orderId,
      status,
      timestamp,
      site: typeof body.site === 'string' ? body.site : undefined,
    },
  };
}
