import type { GatewayObject } from '../gateway/gateway-json.parser.js';
import { textField } from '../gateway/gateway-json.fields.js';
import { money } from '../common/money.js';
import { compact, countOf, pageFieldsOf, idOf, respResult, yesNo } from './affiliate-fields.js';
import { listObjects } from '../common/response-fields.js';
import type {
  CommissionOrder,
  CommissionOrderIndexPage,
  CommissionOrderPage,
} from './affiliate-order.results.js';

/* Reads `aliexpress.affiliate.order.list`, `order.get` and `order.listbyindex`. */

/** One order DTO → {@link CommissionOrder}; undefined without an order id. */
export function readCommissionOrder(o: GatewayObject): CommissionOrder | undefined {
  const orderId = idOf(o.order_id);
  if (orderId === undefined) return undefined;
  const currency = o.settled_currency;
  return compact({
    orderId,
    subOrderId: idOf(o.sub_order_id),
    parentOrderNumber: idOf(o.parent_order_number),
    orderNumber: idOf(o.order_number),
    trackingId: textField(o.tracking_id),
    status: textField(o.order_status),
    orderType: textField(o.order_type),
    orderPlatform: textField(o.order_platform),
    effectDetailStatus: textField(o.effect_detail_status),
    createdTime: textField(o.created_time),
    paidTime: textField(o.paid_time),
    finishedTime: textField(o.finished_time),
    completedSettlementTime: textField(o.completed_settlement_time),
    productId: idOf(o.product_id),
    productTitle: textField(o.product_title),
    productCount: countOf(o.product_count),
    productDetailUrl: textField(o.product_detail_url),
    productMainImageUrl: textField(o.product_main_image_url),
    categoryId: idOf(o.category_id),
    shipToCountry: textField(o.ship_to_country),
    commissionRate: textField(o.commission_rate),
    incentiveCommissionRate: textField(o.incentive_commission_rate),
    paidAmount: money(o.paid_amount, currency),
    finishedAmount: money(o.finished_amount, currency),
    estimatedPaidCommission: money(o.estimated_paid_commission, currency),
    estimatedFinishedCommission: money(o.estimated_finished_commission, currency),
    estimatedIncentivePaidCommission: money(o.estimated_incentive_paid_commission, currency),
    estimatedIncentiveFinishedCommission: money(
      o.estimated_incentive_finished_commission,
      currency,
    ),
    newBuyerBonusCommission: money(o.new_buyer_bonus_commission, currency),
    isNewBuyer: yesNo(o.is_new_buyer),
    isHotProduct: yesNo(o.is_hot_product),
    isAffiliateProduct: yesNo(o.is_affiliate_product),
    // order.get names it customer_parameters, the listings custom_parameters
    customParameters: textField(o.custom_parameters ?? o.customer_parameters),
  });
}

const ordersOf = (result: GatewayObject): CommissionOrder[] =>
  listObjects(result.orders).flatMap((o) => {
    const order = readCommissionOrder(o);
    return order ? [order] : [];
  });

/** `aliexpress.affiliate.order.list` → {@link CommissionOrderPage}. */
export function readOrderPage(response: GatewayObject): CommissionOrderPage {
  const result = respResult(response, 'aliexpress.affiliate.order.list');
  const orders = ordersOf(result);
  return compact({ ...pageFieldsOf(result, orders.length), orders });
}

/** `aliexpress.affiliate.order.get` → the orders found. */
export function readOrders(response: GatewayObject): CommissionOrder[] {
  return ordersOf(respResult(response, 'aliexpress.affiliate.order.get'));
}

/**
 * `aliexpress.affiliate.order.listbyindex` → {@link CommissionOrderIndexPage}: `max_query_index_id`
 * is the next page's cursor, absent (or equal to the one sent) once the window is exhausted.
 */
export function readOrderIndexPage(
  response: GatewayObject,
  sentIndexId: string | undefined,
): CommissionOrderIndexPage {
  const result = respResult(response, 'aliexpress.affiliate.order.listbyindex');
  const orders = ordersOf(result);
  const next = textField(result.max_query_index_id);
  return compact({
    orders,
    nextIndexId: orders.length > 0 && next !== undefined && next !== sentIndexId ? next : undefined,
  });
}
