import { AliexpressTransportError } from '../errors/aliexpress.errors.js';
import type { GatewayObject } from '../gateway/gateway-json.parser.js';
import { booleanOf, idString, numberOf, textOf } from '../gateway/gateway-json.fields.js';
import { backbone, obj, listObjects, type Json } from '../common/response-fields.js';
import { money } from '../common/money.js';
import type { Money, OrderDetails, OrderItem, OrderPayment } from './dropshipping.results.js';

/* Reads `aliexpress.ds.order.create` and `aliexpress.trade.ds.order.get` answers. */

const ORDER_CREATE = 'aliexpress.ds.order.create';

/**
 * A member of an answer object by its documented name, also when a page misspells it with spaces
 * (the auto-pay sample has `is_ success`): a client accepts both forms.
 */
function member(object: GatewayObject, name: string): Json {
  if (name in object) return object[name];
  const key = Object.keys(object).find((k) => k.replace(/\s+/g, '') === name);
  return key === undefined ? undefined : object[key];
}

/** `aliexpress.ds.order.create` → the platform order ids. */
export function readCreatedOrderIds(response: GatewayObject): string[] {
  const result = obj(member(response, 'result'));
  const list = member(result, 'order_list');
  const numbers = obj(list).number ?? list;
  const values = Array.isArray(numbers) ? numbers : [numbers];
  const ids = values.map((v) => idString(v)).filter((v): v is string => v !== undefined);
  if (!ids.length) {
    throw new AliexpressTransportError({
      kind: 'unexpected-shape',
      apiName: ORDER_CREATE,
      message: 'the answer has no order id (result.order_list)',
    });
  }
  return ids;
}

const AUTO_PAY_FAILURE = /autoPay\s*fail\s*:?\s*(.*)$/i;

/**
 * `aliexpress.ds.order.create` (a success: the orders exist) → what became of the payment. The
 * platform reports a failed auto-pay inside the success (`error_msg: "OrderCreated, autoPay
 * fail:APIPayFail"`); after asking to pay, any error text on a success means it was not paid.
 */
export function readOrderPayment(response: GatewayObject, tryToPay: boolean): OrderPayment {
  const result = obj(member(response, 'result'));
  const message = textOf(member(result, 'error_msg'))?.trim();
  const code = textOf(member(result, 'error_code'))?.trim();
  const autoPay = message === undefined ? null : AUTO_PAY_FAILURE.exec(message);
  if (autoPay) return { status: 'failed', reason: autoPay[1].trim() || message };
  if (!tryToPay) return { status: 'not-requested' };
  if (code || message) return { status: 'failed', reason: code ?? message };
  return { status: 'requested' };
}

const amountOf = (value: Json): Money | undefined => {
  const o = obj(value);
  return money(o.amount, o.currency_code);
};

function item(c: GatewayObject): OrderItem {
  return {
    childOrderId: idString(c.child_order_id),
    productId: idString(c.product_id),
    productName: textOf(c.product_name),
    quantity: numberOf(c.product_count),
    skuId: idString(c.sku_id),
    skuAttr: textOf(c.sku_attr),
    endReason: textOf(c.end_reason),
    productPrice: amountOf(c.product_price),
    saleFee: amountOf(c.sale_fee),
    saleDiscountFee: amountOf(c.sale_discount_fee),
    shippingFee: amountOf(c.shipping_fee),
    shippingDiscountFee: amountOf(c.shipping_discount_fee),
    actualShippingFee: amountOf(c.actual_shipping_fee),
    actualFee: amountOf(c.actual_fee),
    actualTaxFee: amountOf(c.actual_tax_fee),
    alreadyIncludesTax: booleanOf(c.already_include_tax),
  };
}

/** Drops the keys whose value is undefined, so results compare and print cleanly. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** `aliexpress.trade.ds.order.get` → {@link OrderDetails}. */
export function readOrder(response: GatewayObject, orderId: string): OrderDetails {
  const result = backbone(response.result, 'aliexpress.trade.ds.order.get', 'result');
  const store = obj(result.store_info);
  const userAmount = amountOf(result.user_order_amount);
  return defined({
    orderId,
    status: textOf(result.order_status),
    logisticsStatus: textOf(result.logistics_status),
    amount: amountOf(result.order_amount) ?? userAmount,
    userAmount,
    createdAt: textOf(result.gmt_create),
    paidAt: textOf(result.order_paidtime_string),
    payTimeoutSeconds: numberOf(result.pay_timeout_second),
    items: listObjects(result.child_order_list).map((c) => defined(item(c))),
    logistics: listObjects(result.logistics_info_list).map((l) =>
      defined({
        trackingNumber: textOf(l.logistics_no),
        serviceName: textOf(l.logistics_service),
      }),
    ),
    store: Object.keys(store).length
      ? defined({
          storeId: idString(store.store_id),
          name: textOf(store.store_name),
          url: textOf(store.store_url),
        })
      : undefined,
  });
}
