import { findMockProduct } from './mock-fixtures';
import type { MockOrder } from './mock-gateway.options';
import { exactNumber, missingParameter } from './mock-envelopes';

import {
  asText,
  isCountry,
  jsonParam,
  money,
  notFound,
  wrapped,
  type BusinessCallContext,
  type BusinessHandler,
} from './mock-business.context';

const ADDRESS_FIELDS = [
  'address',
  'city',
  'country',
  'full_name',
  'mobile_no',
  'phone_country',
  'zip',
];
const orderFailure = (code: string, message: string) => ({
  result: { is_success: false, error_code: code, error_msg: message },
});

/** `aliexpress.ds.order.create` */
export const orderCreate: BusinessHandler = (ctx) => {
  const request = jsonParam(ctx, 'param_place_order_request4_open_api_d_t_o') as Record<
    string,
    unknown
  >;
  jsonParam(ctx, 'ds_extend_request', true);
  const address = request.logistics_address as Record<string, unknown> | undefined;
  const items = request.product_items as Array<Record<string, unknown>> | undefined;
  if (!address || typeof address !== 'object') throw missingParameter('logistics_address');
  if (!Array.isArray(items) || items.length === 0) throw missingParameter('product_items');
  const outOrderId = request.out_order_id === undefined ? undefined : asText(request.out_order_id);
  if (
    outOrderId !== undefined &&
    ctx.orders.some(
      (o) =>
        o.appKey === ctx.appKey && o.userId === ctx.buyer.userId && o.outOrderId === outOrderId,
    )
  ) {
    return orderFailure(
      'REPEATED_ORDER_ERROR',
      `an order with out_order_id ${outOrderId} already exists`,
    );
  }
  const missing = ADDRESS_FIELDS.filter((f) => typeof address[f] !== 'string' || address[f] === '');
  if (missing.length) {
    return orderFailure(
      'B_DROPSHIPPER_DELIVERY_ADDRESS_VALIDATE_FAIL',
      `address lacks ${missing.join(', ')}`,
    );
  }
  const country = String(address.country);
  let amountCents = 0;
  const lines: MockOrder['items'] = [];
  for (const item of items) {
    const product = findMockProduct(String(item.product_id));
    if (!product)
      return orderFailure('ITEM_ID_NOT_FOUND', `product ${String(item.product_id)} not found`);
    const quantity = Number(item.product_count);
    if (!Number.isInteger(quantity) || quantity < 1)
      throw missingParameter('product_items.product_count');
    const sku =
      item.sku_attr === undefined
        ? product.skus[0]
        : product.skus.find((s) => s.skuAttr === String(item.sku_attr));
    if (!sku)
      return orderFailure(
        'SKU_NOT_EXIST',
        `no SKU ${String(item.sku_attr)} on product ${product.productId}`,
      );
    if (!isCountry(country) || !product.shipsTo.includes(country)) {
      return orderFailure('DELIVERY_NOT_AVAILABLE_TO_YOUR_ADDRESS', `no delivery to ${country}`);
    }
    if (sku.stock < quantity)
      return orderFailure('INVENTORY_HOLD_ERROR', `only ${sku.stock} in stock`);
    amountCents += sku.offerCents * quantity;
    lines.push({ productId: product.productId, quantity, skuAttr: sku.skuAttr });
  }
  const order: MockOrder = {
    orderId: ctx.nextOrderId(),
    outOrderId,
    appKey: ctx.appKey,
    userId: ctx.buyer.userId,
    createdAt: ctx.now,
    status: 'PLACE_ORDER_SUCCESS',
    items: lines,
    country,
    amountCents,
    currency: 'USD',
  };
  ctx.orders.push(order);
  return { result: { is_success: true, order_list: { number: [exactNumber(order.orderId)] } } };
};

export function ownOrder(ctx: BusinessCallContext, orderId: string): MockOrder | undefined {
  return ctx.orders.find(
    (o) => o.orderId === orderId && o.appKey === ctx.appKey && o.userId === ctx.buyer.userId,
  );
}

/** `aliexpress.trade.ds.order.get` */
export const orderGet: BusinessHandler = (ctx) => {
  const query = jsonParam(ctx, 'single_order_query') as Record<string, unknown>;
  if (query.order_id === undefined || query.order_id === '')
    throw missingParameter('single_order_query.order_id');
  const order = ownOrder(ctx, asText(query.order_id));
  if (!order)
    return notFound('ORDER_NOT_FOUND', `order ${asText(query.order_id)} not found for this buyer`);
  const amount = { amount: money(order.amountCents), currency_code: order.currency };
  return {
    result: {
      gmt_create: new Date(order.createdAt).toISOString().replace('T', ' ').slice(0, 19),
      order_status:
        order.status === 'PLACE_ORDER_SUCCESS' ? 'WAIT_SELLER_SEND_GOODS' : order.status,
      logistics_status: 'NO_LOGISTICS',
      order_amount: amount,
      child_order_list: wrapped(
        'ae_child_order_info',
        order.items.map((item, i) => ({
          product_id: exactNumber(item.productId),
          product_count: item.quantity,
          sku_attr: item.skuAttr,
          child_order_id: exactNumber(
            `${order.orderId.slice(0, -2)}${String(i + 10).padStart(2, '0')}`,
          ),
        })),
      ),
      logistics_info_list: wrapped('ae_order_logistics_info', [
        { logistics_no: `LP00${order.orderId.slice(-10)}`, logistics_service: 'CAINIAO_STANDARD' },
      ]),
      store_info: {
        store_id: exactNumber('1102345678'),
        store_name: 'Case Factory Official Store',
      },
    },
    rsp_code: 200,
    rsp_msg: 'Call succeeds',
  };
};
