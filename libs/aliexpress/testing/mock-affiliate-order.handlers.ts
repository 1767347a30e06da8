import { MockGatewayError, exactNumber } from './mock-envelopes.js';
import { findMockProduct } from './mock-fixtures.js';
import { MOCK_COMMISSION_ORDERS, type MockCommissionOrder } from './mock-affiliate.fixtures.js';
import {
  intParam,
  listParam,
  requiredParam,
  respSuccess,
  type AppCallContext,
  type AppCallHandler,
} from './mock-affiliate.context.js';

/* `aliexpress.affiliate.order.list`, `order.get` and `order.listbyindex` over the commission orders. */

const PLATFORM_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** An amount in cents as the order tables type it: a JSON number in currency units. */
const amount = (cents: number) => exactNumber((cents / 100).toFixed(2));
/** A commission: paid cents × rate, in cents. */
const commission = (o: MockCommissionOrder) => Math.round((o.paidCents * o.ratePercent) / 100);

/** A platform time (`yyyy-MM-dd HH:mm:ss`) some days later. */
function daysAfter(time: string, days: number): string {
  const at = new Date(`${time.replace(' ', 'T')}Z`).getTime() + days * 86_400_000;
  return new Date(at).toISOString().slice(0, 19).replace('T', ' ');
}

/** Which of the three order APIs answers: their tables differ in a few fields. */
type OrderApi = 'list' | 'get' | 'listbyindex';

/** An order as the order answers show it (ids as numbers, the one beyond 2^53 exact). */
function orderDto(o: MockCommissionOrder, api: OrderApi) {
  const product = findMockProduct(o.productId);
  const confirmed = o.status === 'Buyer Confirmed Receipt';
  return {
    order_id: exactNumber(o.orderId),
    sub_order_id: exactNumber(o.orderId),
    // order.listbyindex's table has neither number
    ...(api === 'listbyindex'
      ? {}
      : {
          parent_order_number: exactNumber(o.parentOrderNumber),
          order_number: exactNumber(o.parentOrderNumber),
        }),
    tracking_id: o.trackingId,
    order_status: o.status,
    order_type: 'global',
    order_platform: 'affiliate_platform',
    effect_detail_status: confirmed ? 'Buyer Confirmed Receipt' : 'Payment Completed',
    created_time: o.createdTime,
    paid_time: o.createdTime,
    ...(confirmed ? { finished_time: o.createdTime } : {}),
    product_id: exactNumber(o.productId),
    product_title: product?.subject ?? '',
    product_count: o.productCount,
    product_detail_url: `https://www.aliexpress.com/item/${o.productId}.html`,
    ...(product
      ? { product_main_image_url: `https://ae01.alicdn.com/mock/${o.productId}.jpg` }
      : {}),
    ...(product ? { category_id: exactNumber(product.categoryId) } : {}),
    ship_to_country: 'US',
    commission_rate: `${o.ratePercent}.0%`,
    incentive_commission_rate: '0.0%',
    paid_amount: amount(o.paidCents),
    estimated_paid_commission: amount(commission(o)),
    ...(confirmed
      ? {
          finished_amount: amount(o.paidCents),
          // settled a month after the buyer confirmed receipt
          completed_settlement_time: daysAfter(o.createdTime, 30),
          estimated_finished_commission: amount(commission(o)),
          estimated_incentive_finished_commission: amount(0),
        }
      : {}),
    new_buyer_bonus_commission: amount(o.isNewBuyer ? 100 : 0),
    estimated_incentive_paid_commission: amount(0),
    settled_currency: 'USD',
    is_new_buyer: o.isNewBuyer ? 'Y' : 'N',
    is_hot_product: 'N',
    is_affiliate_product: 'Y',
    // order.get's table names it customer_parameters
    [api === 'get' ? 'customer_parameters' : 'custom_parameters']: `{"tracking":"${o.trackingId}"}`,
  };
}

/** The orders of a window (`start_time`–`end_time`, both required) with a status (required). */
function windowOrders(ctx: AppCallContext): MockCommissionOrder[] {
  const start = requiredParam(ctx, 'start_time');
  const end = requiredParam(ctx, 'end_time');
  const status = requiredParam(ctx, 'status');
  for (const [name, value] of [
    ['start_time', start],
    ['end_time', end],
  ])
    if (!PLATFORM_TIME.test(value))
      throw new MockGatewayError({
        code: 'InvalidParameter',
        message: `The input parameter \u201c${name}\u201d is not a time yyyy-MM-dd HH:mm:ss`,
      });
  // the times compare as text: same format, most significant first
  return MOCK_COMMISSION_ORDERS.filter(
    (o) => o.createdTime >= start && o.createdTime <= end && o.status === status,
  );
}

const pageSizeOf = (ctx: AppCallContext) =>
  Math.min(50, Math.max(1, intParam(ctx, 'page_size', 20)));

/** `aliexpress.affiliate.order.list`: a window's orders by page. */
export const affiliateOrderList: AppCallHandler = (ctx) => {
  const orders = windowOrders(ctx);
  const pageNo = Math.max(1, intParam(ctx, 'page_no', 1));
  const pageSize = pageSizeOf(ctx);
  const page = orders.slice((pageNo - 1) * pageSize, pageNo * pageSize);
  return respSuccess({
    current_page_no: pageNo,
    current_record_count: page.length,
    total_record_count: orders.length,
    total_page_no: Math.ceil(orders.length / pageSize),
    orders: { order: page.map((o) => orderDto(o, 'list')) },
  });
};

/** `aliexpress.affiliate.order.get`: the orders asked for; unknown ids are left out. */
export const affiliateOrderGet: AppCallHandler = (ctx) => {
  const ids = listParam(ctx.params.order_ids);
  const found = MOCK_COMMISSION_ORDERS.filter((o) => ids.includes(o.orderId));
  return respSuccess({
    current_record_count: found.length,
    orders: { order: found.map((o) => orderDto(o, 'get')) },
  });
};

/** The cursor of an order: its place in the account's order history, as text. */
const indexIdOf = (o: MockCommissionOrder) =>
  `idx${String(MOCK_COMMISSION_ORDERS.indexOf(o) + 1).padStart(6, '0')}`;

/**
 * `aliexpress.affiliate.order.listbyindex`: a window's orders after `start_query_index_id`, with
 * `min_query_index_id` / `max_query_index_id` of the page (the next page starts after the max).
 */
export const affiliateOrderListByIndex: AppCallHandler = (ctx) => {
  const after = ctx.params.start_query_index_id ?? '';
  const orders = windowOrders(ctx).filter((o) => indexIdOf(o) > after);
  const page = orders.slice(0, pageSizeOf(ctx));
  return respSuccess({
    current_record_count: page.length,
    orders: { order: page.map((o) => orderDto(o, 'listbyindex')) },
    ...(page.length
      ? {
          min_query_index_id: indexIdOf(page[0]),
          max_query_index_id: indexIdOf(page[page.length - 1]),
        }
      : {}),
  });
};
