import { findMockProduct, type MockProduct, type MockSku } from './mock-fixtures.js';
import type { MockOrder, MockOrderLine } from './mock-gateway.options.js';
import { MockGatewayError, exactNumber, missingParameter } from './mock-envelopes.js';
import type { MockPushStatus } from './mock-order.lifecycle.js';

import {
  asText,
  jsonParam,
  money,
  notFound,
  type BusinessCallContext,
  type BusinessHandler,
} from './mock-business.context.js';

/*
 * `aliexpress.ds.order.create` and `aliexpress.trade.ds.order.get` as the reference pages document
 * them: failures in `result.is_success` / `error_code` / `error_msg` with the documented codes and
 * messages, auto-pay failing inside a success, the 24 h `out_order_id` window, and the captured
 * layout of the order answer (wrapped lists, `{amount, currency_code}` amounts).
 */

/** How long the platform remembers an `out_order_id` (its idempotency window). */
export const OUT_ORDER_ID_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The logistics services the mock's `aliexpress.ds.freight.query` offers (its option `code`s). */
export const MOCK_LOGISTICS_SERVICES: readonly string[] = ['CAINIAO_STANDARD', 'CAINIAO_PREMIUM'];

/**
 * The CPF records the mock knows (digits only → registered name). A valid CPF it does not know is
 * accepted; one it knows must come with its name as `contact_person` (or `full_name`).
 */
export const MOCK_CPF_RECORDS: Readonly<Record<string, string>> = {
  '52998224725': 'Joao Silva',
  '11144477735': 'Maria Souza',
};

/** The documented `error_msg` of each refusal the mock can be told to make for a buyer. */
export const ORDER_REFUSAL_MESSAGES = {
  BLACKLIST_BUYER_IN_LIST: 'Blacklist buyers',
  USER_ACCOUNT_DISABLED: 'Buyer account has been disabled',
  ERROR_WHEN_BUILD_FOR_PLACE_ORDER: 'System error.',
  A001_ORDER_CANNOT_BE_PLACED: 'A001_ORDER_CANNOT_BE_PLACED',
  A002_INVALID_ZONE: 'A002_INVALID_ZONE',
  A003_SUSPICIOUS_BUYER: 'A003_SUSPICIOUS_BUYER',
  A004_CANNOT_USER_COUPON: 'A004_CANNOT_USER_COUPON',
  A005_INVALID_COUNTRIES: 'A005_INVALID_COUNTRIES',
  A006_INVALID_ACCOUNT_INFO: 'A006_INVALID_ACCOUNT_INFO',
} as const;

/** A refusal code the mock can be told to answer every order of a buyer with. */
export type MockOrderRefusal = keyof typeof ORDER_REFUSAL_MESSAGES;

/** The documented `error_msg` of `B_DROPSHIPPER_DELIVERY_ADDRESS_VALIDATE_FAIL`, per check. */
export const ADDRESS_MESSAGES = {
  // the captured answer spells it with a lower-case c (the error table: "City")
  city: 'Please enter a city',
  province: 'Please select a State/Province/County',
  phone: 'Please enter the country code and phone number without any spaces or special characters',
  contactPerson: 'Please enter between 2 - 32 characters',
} as const;

const ADDRESS_INVALID = 'B_DROPSHIPPER_DELIVERY_ADDRESS_VALIDATE_FAIL';
const AUTO_PAY_FAILED = 'OrderCreated, autoPay fail:APIPayFail';

const orderFailure = (code: string, message: string) => ({
  result: { error_msg: message, error_code: code, is_success: false },
});

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const blank = (value: unknown) => typeof value !== 'string' || value.trim() === '';
const isTrue = (value: unknown) => value === true || value === 'true';

/** A CPF whose two check digits are right (11 digits, dots and dash allowed). */
export function isValidCpf(value: string): boolean {
  const digits = value.replace(/[.-]/g, '');
  if (!/^\d{11}$/.test(digits) || /^(\d)\1{10}$/.test(digits)) return false;
  const check = (length: number) => {
    let sum = 0;
    for (let i = 0; i < length; i++) sum += Number(digits[i]) * (length + 1 - i);
    const rest = (sum * 10) % 11;
    return rest === 10 ? 0 : rest;
  };
  return check(9) === Number(digits[9]) && check(10) === Number(digits[10]);
}

/** The address checks the platform documents; the failure answer, or undefined when it passes. */
function addressFailure(address: Json): Json | undefined {
  const country = address.country;
  const province = address.province;
  if (typeof country !== 'string' || !/^[A-Z]{2}$/.test(country) || blank(province))
    return orderFailure(ADDRESS_INVALID, ADDRESS_MESSAGES.province);
  if (country === 'US' && String(province).trim() === 'Other')
    return orderFailure(ADDRESS_INVALID, ADDRESS_MESSAGES.province);
  if (blank(address.city) || String(address.city).trim() === 'Other')
    return orderFailure(ADDRESS_INVALID, ADDRESS_MESSAGES.city);
  if (
    (address.mobile_no !== undefined && !/^\d*$/.test(asText(address.mobile_no))) ||
    (address.phone_country !== undefined && !/^\+?\d*$/.test(asText(address.phone_country)))
  )
    return orderFailure(ADDRESS_INVALID, ADDRESS_MESSAGES.phone);
  if (typeof address.contact_person === 'string' && address.contact_person !== '') {
    const parts = address.contact_person.trim().split(/\s+/);
    if (parts.some((p) => p.length < 2 || p.length > 32))
      return orderFailure(ADDRESS_INVALID, ADDRESS_MESSAGES.contactPerson);
  }
  if (country === 'BR') {
    const cpf = typeof address.cpf === 'string' ? address.cpf : '';
    if (!isValidCpf(cpf))
      return orderFailure(
        'B_DROPSHIPPER_DELIVERY_ADDRESS_CPF_CN_INVALID',
        'CPF invalid or wrong; "contact_person" does not match CPF.',
      );
    const registered = MOCK_CPF_RECORDS[cpf.replace(/[.-]/g, '')];
    const name = asText(address.contact_person ?? address.full_name).trim();
    if (registered !== undefined && registered.toLowerCase() !== name.toLowerCase())
      return orderFailure(
        'B_DROPSHIPPER_DELIVERY_ADDRESS_CPF_NOT_MATCH',
        'CPF invalid or wrong; "contact_person" does not match CPF.',
      );
  }
  return undefined;
}

/** The SKU an item names: its `sku_attr`, or the only SKU when `sku_attr` is `""` or absent. */
function skuOf(product: MockProduct, skuAttr: unknown): MockSku | undefined {
  if (skuAttr === undefined || skuAttr === '')
    return product.skus.length === 1 || skuAttr === undefined ? product.skus[0] : undefined;
  return product.skus.find((s) => s.skuAttr === asText(skuAttr));
}

function sameOutOrder(ctx: BusinessCallContext, outOrderId: string): MockOrder | undefined {
  return ctx.orders.find(
    (o) =>
      o.appKey === ctx.appKey &&
      o.userId === ctx.buyer.userId &&
      o.outOrderId === outOrderId &&
      ctx.now - o.createdAt < OUT_ORDER_ID_WINDOW_MS,
  );
}

/** `aliexpress.ds.order.create` */
export const orderCreate: BusinessHandler = (ctx) => {
  const request = jsonParam(ctx, 'param_place_order_request4_open_api_d_t_o') as Json;
  const extend = jsonParam(ctx, 'ds_extend_request', true) ?? {};
  const address = request.logistics_address;
  const items = request.product_items;
  if (!isObject(address)) throw missingParameter('logistics_address');
  if (!Array.isArray(items) || items.length === 0 || !items.every(isObject))
    throw missingParameter('product_items');
  if (blank(address.address)) throw missingParameter('logistics_address.address');
  const outOrderId =
    request.out_order_id === undefined || request.out_order_id === ''
      ? undefined
      : asText(request.out_order_id);

  const refusal = ctx.orderControls.refusals.get(ctx.buyer.userId);
  if (refusal) return orderFailure(refusal, ORDER_REFUSAL_MESSAGES[refusal]);
  if (outOrderId !== undefined && sameOutOrder(ctx, outOrderId))
    return orderFailure('REPEATED_ORDER_ERROR', 'Repeated placed order');
  const invalid = addressFailure(address);
  if (invalid) return invalid;

  const country = String(address.country);
  const payment = isObject(extend.payment) ? extend.payment : {};
  const lines: MockOrderLine[] = [];
  const currencies = new Set<string>();
  for (const item of items) {
    const product = findMockProduct(asText(item.product_id));
    if (!product)
      return orderFailure('ITEM_ID_NOT_FOUND', `product ${asText(item.product_id)} not found`);
    const quantity = Number(asText(item.product_count));
    if (!Number.isInteger(quantity) || quantity < 1)
      throw missingParameter('product_items.product_count');
    const sku = skuOf(product, item.sku_attr);
    if (!sku)
      return orderFailure(
        'SKU_NOT_EXIST',
        `no SKU "${asText(item.sku_attr)}" on product ${product.productId}`,
      );
    const service =
      item.logistics_service_name === undefined || item.logistics_service_name === ''
        ? undefined
        : asText(item.logistics_service_name);
    if (service !== undefined && !MOCK_LOGISTICS_SERVICES.includes(service))
      return orderFailure('DELIVERY_METHOD_NOT_EXIST', 'Delivery method is not exist');
    if (!product.shipsTo.includes(country))
      return orderFailure('DELIVERY_NOT_AVAILABLE_TO_YOUR_ADDRESS', `no delivery to ${country}`);
    if (sku.stock < quantity) return orderFailure('INVENTORY_HOLD_ERROR', 'Hold inventory error');
    currencies.add(product.currency);
    lines.push({
      productId: product.productId,
      productName: product.subject,
      quantity,
      skuId: sku.skuId,
      skuAttr: sku.skuAttr,
      unitCents: sku.offerCents,
      logisticsService: service,
      storeId: product.storeId,
      storeName: product.storeName,
    });
  }
  const payCurrency = payment.pay_currency === undefined ? undefined : asText(payment.pay_currency);
  if (currencies.size > 1 || (payCurrency !== undefined && !currencies.has(payCurrency))) {
    return orderFailure(
      'PRICE_PAY_CURRENCY_ERROR',
      'Products in the place order request should not be declared in different currencies',
    );
  }
  const payFails =
    isTrue(payment.try_to_pay) && ctx.orderControls.autoPay.get(ctx.appKey) === 'fail';
  const paid: MockPushStatus = payFails ? 'paymentFailedEvent' : 'PaymentAuthorized';
  const order: MockOrder = {
    orderId: ctx.nextOrderId(),
    outOrderId,
    appKey: ctx.appKey,
    userId: ctx.buyer.userId,
    createdAt: ctx.now,
    // the mock settles a payment at once; an order whose auto-pay failed waits for payment
    status: payFails ? 'PLACE_ORDER_SUCCESS' : 'WAIT_SELLER_SEND_GOODS',
    items: lines,
    country,
    amountCents: lines.reduce((sum, l) => sum + (l.unitCents ?? 0) * l.quantity, 0),
    currency: [...currencies][0] ?? 'USD',
    tryToPay: isTrue(payment.try_to_pay),
    autoPayFailed: payFails,
    pushStatus: paid,
  };
  ctx.orders.push(order);
  // two lifecycle steps at once, as the mock settles payment at once: created, then paid (or not)
  ctx.orderControls.statusChanged?.(order, 'OrderCreated');
  ctx.orderControls.statusChanged?.(order, paid);
  return {
    result: {
      ...(payFails ? { error_msg: AUTO_PAY_FAILED } : {}),
      is_success: true,
      order_list: { number: [exactNumber(order.orderId)] },
    },
  };
};

export function ownOrder(ctx: BusinessCallContext, orderId: string): MockOrder | undefined {
  return ctx.orders.find(
    (o) => o.orderId === orderId && o.appKey === ctx.appKey && o.userId === ctx.buyer.userId,
  );
}

/** The logistics status that goes with an order status, unless a test set one. */
function logisticsStatusOf(order: MockOrder): string {
  if (order.logisticsStatus) return order.logisticsStatus;
  switch (order.status) {
    case 'WAIT_SELLER_SEND_GOODS':
      return 'WAIT_SELLER_SEND_GOODS';
    case 'SELLER_PART_SEND_GOODS':
      return 'SELLER_SEND_PART_GOODS';
    case 'WAIT_BUYER_ACCEPT_GOODS':
      return 'SELLER_SEND_GOODS';
    case 'FINISH':
      return order.endReason ? 'NO_LOGISTICS' : 'BUYER_ACCEPT_GOODS';
    default:
      return 'NO_LOGISTICS';
  }
}

/** `yyyy-MM-dd HH:mm:ss`, no zone, as `gmt_create` is documented. */
const gmt = (epochMs: number) => new Date(epochMs).toISOString().replace('T', ' ').slice(0, 19);

/** `aliexpress.trade.ds.order.get` */
export const orderGet: BusinessHandler = (ctx) => {
  const query = jsonParam(ctx, 'single_order_query') as Json;
  if (query.order_id === undefined || query.order_id === '')
    throw missingParameter('single_order_query.order_id');
  const order = ownOrder(ctx, asText(query.order_id));
  if (!order && ctx.orders.some((o) => o.orderId === asText(query.order_id))) {
    // the reference: isv.invalid-authorization when the order is not the account's
    throw new MockGatewayError({
      code: '15',
      type: 'ISP',
      message: 'Remote service error',
      subCode: 'isv.invalid-authorization',
      subMessage: 'The order does not belong to the current user.',
    });
  }
  if (!order)
    return notFound('ORDER_NOT_FOUND', `order ${asText(query.order_id)} not found for this buyer`);
  const amount = (cents: number) => ({ amount: money(cents), currency_code: order.currency });
  const [first] = order.items;
  return {
    result: {
      gmt_create: gmt(order.createdAt),
      order_status: order.status,
      logistics_info_list: {
        aeop_order_logistics_info: [
          {
            logistics_service: first?.logisticsService ?? MOCK_LOGISTICS_SERVICES[0],
            logistics_no: `LP00${order.orderId.slice(-10)}`,
          },
        ],
      },
      store_info: {
        store_id: exactNumber(first?.storeId ?? '1102345678'),
        store_name: first?.storeName ?? 'Case Factory Official Store',
      },
      order_amount: amount(order.amountCents),
      user_order_amount: amount(order.amountCents),
      child_order_list: {
        aeop_child_order_info: order.items.map((item) => ({
          product_id: exactNumber(item.productId),
          product_count: item.quantity,
          ...(item.skuId ? { sku_id: item.skuId } : {}),
          ...(item.productName ? { product_name: item.productName } : {}),
          product_price: amount(item.unitCents ?? 0),
          shipping_fee: amount(0),
          actual_fee: amount((item.unitCents ?? 0) * item.quantity),
          ...(order.endReason ? { end_reason: order.endReason } : {}),
        })),
      },
      logistics_status: logisticsStatusOf(order),
    },
  };
};
