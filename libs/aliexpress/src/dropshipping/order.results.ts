import type { Money } from '../common/money.js';

/**
 * What became of the automatic payment of a created order. The platform creates first, then pays:
 * an order can exist while its payment failed.
 * - `not-requested`: `tryToPay` was not asked; pay on the website (or ask for auto-pay).
 * - `requested`: auto-pay was asked and no failure came back; follow the order's status
 *   (`PAYMENT_PROCESSING`, …) or the webhook for the outcome.
 * - `failed`: the order exists but was not paid; `reason` is the platform's (e.g. `APIPayFail`).
 */
export interface OrderPayment {
  status: 'not-requested' | 'requested' | 'failed';
  /** The platform's reason when `failed`, e.g. `APIPayFail`. */
  reason?: string;
}

/** `createOrder`: what was placed. */
export interface CreatedOrder {
  outOrderId: string;
  /** Platform order ids (one per seller). */
  orderIds: string[];
  /** The auto-payment outcome; the order exists whatever it says. */
  payment: OrderPayment;
}

/**
 * `order_status` of `aliexpress.trade.ds.order.get`: the 12 documented values, or any other
 * string the platform sends (the reference's own demo shows `FUND_PROCESSING`).
 */
export type OrderStatus =
  | 'PLACE_ORDER_SUCCESS'
  | 'PAYMENT_PROCESSING'
  | 'WAIT_SELLER_EXAMINE_MONEY'
  | 'RISK_CONTROL'
  | 'RISK_CONTROL_HOLD'
  | 'WAIT_SELLER_SEND_GOODS'
  | 'SELLER_PART_SEND_GOODS'
  | 'WAIT_BUYER_ACCEPT_GOODS'
  | 'FINISH'
  | 'IN_CANCEL'
  | 'WAIT_GROUP'
  | 'WAIT_COMPLETE_ADDRESS'
  | (string & {});

/**
 * `logistics_status` of `aliexpress.trade.ds.order.get`: the 6 documented values (note
 * `SELLER_SEND_PART_GOODS`, spelt unlike the order status), or any other string.
 */
export type OrderLogisticsStatus =
  | 'DEFAULT'
  | 'WAIT_SELLER_SEND_GOODS'
  | 'SELLER_SEND_PART_GOODS'
  | 'SELLER_SEND_GOODS'
  | 'BUYER_ACCEPT_GOODS'
  | 'NO_LOGISTICS'
  | (string & {});

/** One line (child order) of an order, as `trade.ds.order.get` describes it. */
export interface OrderItem {
  childOrderId?: string;
  productId?: string;
  productName?: string;
  quantity?: number;
  skuId?: string;
  skuAttr?: string;
  /** Why the line ended, e.g. `CANCELED` (the platform never says more). */
  endReason?: string;
  productPrice?: Money;
  saleFee?: Money;
  saleDiscountFee?: Money;
  shippingFee?: Money;
  shippingDiscountFee?: Money;
  /** Shipping fee minus shipping discount. */
  actualShippingFee?: Money;
  /** Sale fee minus sale discount plus actual shipping. */
  actualFee?: Money;
  /** Tax, in the user's pay currency. */
  actualTaxFee?: Money;
  alreadyIncludesTax?: boolean;
}

/** `getOrder`: an order's state. */
export interface OrderDetails {
  orderId: string;
  status?: OrderStatus;
  logisticsStatus?: OrderLogisticsStatus;
  /** The order amount (`order_amount`). */
  amount?: Money;
  /** The amount in the user's pay currency (`user_order_amount`). */
  userAmount?: Money;
  /** `gmt_create` as given: `yyyy-MM-dd HH:mm:ss`, no zone. */
  createdAt?: string;
  /** `order_paidtime_string` as given. */
  paidAt?: string;
  /** Seconds to pay, counted from creation. */
  payTimeoutSeconds?: number;
  items: OrderItem[];
  /** Documented as unmaintained by the platform: prefer `getOrderTracking`. */
  logistics: Array<{ trackingNumber?: string; serviceName?: string }>;
  store?: { storeId?: string; name?: string; url?: string };
}
