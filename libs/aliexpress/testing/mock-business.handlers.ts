import { jsonText } from '../src/signing/json-text';
import {
  MOCK_PRODUCTS,
  findMockProduct,
  type MockBuyer,
  type MockProduct,
  type MockSku,
} from './mock-fixtures';
import type { MockOrder } from './mock-gateway.options';
import { MockGatewayError, exactNumber, missingParameter } from './mock-envelopes';

/** What a business handler sees of an authenticated call. */
export interface BusinessCallContext {
  params: Record<string, string>;
  appKey: string;
  buyer: MockBuyer;
  now: number;
  orders: MockOrder[];
  nextOrderId(): string;
  /** The mock's base URL: product images are served by the mock, never fetched from the internet. */
  baseUrl: string;
}

/** A business method: returns the content of `<method>_response` (without `request_id`). */
export type BusinessHandler = (ctx: BusinessCallContext) => Record<string, unknown>;

const money = (cents: number) => (cents / 100).toFixed(2);
/** A JSON field as text, whatever JSON type the caller used (`null` as JSON writes it). */
const asText = (value: unknown): string => jsonText(value) ?? 'null';

function required(ctx: BusinessCallContext, name: string): string {
  const value = ctx.params[name];
  if (value === undefined || value === '') throw missingParameter(name);
  return value;
}

function jsonParam(
  ctx: BusinessCallContext,
  name: string,
  optional = false,
): Record<string, unknown> | undefined {
  const raw = ctx.params[name];
  if (raw === undefined || raw === '') {
    if (optional) return undefined;
    throw missingParameter(name);
  }
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch {
    throw new MockGatewayError({
      code: 'InvalidParameter',
      message: `The input parameter \u201c${name}\u201d is not a valid JSON object`,
    });
  }
}

const notFound = (code: string, message: string) => ({
  rsp_code: 404,
  rsp_msg: code,
  rsp_detail: message,
});
const isCountry = (value: unknown): value is string =>
  typeof value === 'string' && /^[A-Z]{2}$/.test(value);

function skuDto(product: MockProduct, sku: MockSku) {
  return {
    sku_id: exactNumber(sku.skuId),
    id: `${sku.skuAttr}`,
    sku_attr: sku.skuAttr,
    sku_price: money(sku.priceCents),
    offer_sale_price: money(sku.offerCents),
    offer_bulk_sale_price: money(sku.offerCents),
    sku_available_stock: sku.stock,
    sku_stock: sku.stock > 0,
    currency_code: product.currency,
    ae_sku_property_dtos: {
      ae_sku_property_d_t_o: sku.properties.map((p) => ({
        sku_property_id: p.propertyId,
        sku_property_name: p.name,
        property_value_id: exactNumber(p.valueId),
        sku_property_value: p.value,
        property_value_definition_name: p.value,
      })),
    },
  };
}

/** A list as the gateway sends it: wrapped, and a lone element as a bare object. */
const wrapped = <T>(name: string, items: T[]) => ({
  [name]: items.length === 1 ? items[0] : items,
});

const productGet: BusinessHandler = (ctx) => {
  const productId = required(ctx, 'product_id');
  const country = required(ctx, 'ship_to_country');
  const product = findMockProduct(productId);
  if (!product)
    return notFound('ITEM_ID_NOT_FOUND', `product ${productId} does not exist or is not available`);
  return {
    result: {
      ae_item_base_info_dto: {
        product_id: exactNumber(product.productId),
        subject: product.subject,
        category_id: exactNumber(product.categoryId),
        currency_code: ctx.params.target_currency ?? product.currency,
        product_status_type: 'onSelling',
        avg_evaluation_rating: product.evaluation,
        sales_count: String(product.sales),
        evaluation_count: String(Math.round(product.sales / 7)),
      },
      ae_item_sku_info_dtos: wrapped(
        'ae_item_sku_info_d_t_o',
        product.skus.map((s) => skuDto(product, s)),
      ),
      ae_multimedia_info_dto: { image_urls: product.images.map((i) => ctx.baseUrl + i).join(';') },
      package_info_dto: {
        gross_weight: (product.weightGrams / 1000).toFixed(3),
        package_length: 20,
        package_width: 12,
        package_height: 4,
        package_type: false,
      },
      logistics_info_dto: { delivery_time: 7, ship_to_country: country },
      ae_store_info: {
        store_id: exactNumber(product.storeId),
        store_name: product.storeName,
        store_country_code: 'CN',
      },
    },
    rsp_code: 200,
    rsp_msg: 'Call succeeds',
  };
};

const textSearch: BusinessHandler = (ctx) => {
  const keyWord = required(ctx, 'keyWord');
  required(ctx, 'local');
  required(ctx, 'countryCode');
  const currency = required(ctx, 'currency');
  const pageSize = Math.min(Math.max(Number(ctx.params.pageSize ?? 20) || 20, 1), 50);
  const pageIndex = Math.max(Number(ctx.params.pageIndex ?? 1) || 1, 1);
  const words = keyWord.toLowerCase().split(/\s+/).filter(Boolean);
  let matches = MOCK_PRODUCTS.filter((p) => words.some((w) => p.subject.toLowerCase().includes(w)));
  if (ctx.params.categoryId)
    matches = matches.filter((p) => p.categoryId === ctx.params.categoryId);
  const minPrice = (p: MockProduct) => Math.min(...p.skus.map((s) => s.offerCents));
  if (ctx.params.sortBy === 'min_price,asc') matches.sort((a, b) => minPrice(a) - minPrice(b));
  if (ctx.params.sortBy === 'min_price,desc') matches.sort((a, b) => minPrice(b) - minPrice(a));
  const page = matches.slice((pageIndex - 1) * pageSize, pageIndex * pageSize);
  return {
    data: {
      totalCount: matches.length,
      pageIndex,
      pageSize,
      products: wrapped(
        'selection_search_product',
        page.map((p) => ({
          itemId: exactNumber(p.productId),
          title: p.subject,
          itemMainPic: ctx.baseUrl + p.images[0],
          salePrice: money(minPrice(p)),
          originalPrice: money(Math.min(...p.skus.map((s) => s.priceCents))),
          salePriceCurrency: currency,
          score: p.evaluation,
          orders: String(p.sales),
          cateId: exactNumber(p.categoryId),
        })),
      ),
    },
    code: '0',
    msg: 'success',
  };
};

function deliveryOptions(
  product: MockProduct,
  country: string,
  quantity: number,
  currency: string,
) {
  const weightKg = (product.weightGrams * quantity) / 1000;
  const standard = Math.round(150 + weightKg * 400);
  return [
    {
      code: 'CAINIAO_STANDARD',
      company: 'AliExpress Standard Shipping',
      shipping_fee_cent: String(standard),
      shipping_fee_currency: currency,
      free_shipping: standard < 200,
      min_delivery_days: 7,
      max_delivery_days: 15,
      tracking: true,
      ship_from_country: 'CN',
      ship_to_country: country,
    },
    {
      code: 'CAINIAO_PREMIUM',
      company: 'AliExpress Premium Shipping',
      shipping_fee_cent: String(standard * 3),
      shipping_fee_currency: currency,
      free_shipping: false,
      min_delivery_days: 4,
      max_delivery_days: 8,
      tracking: true,
      ship_from_country: 'CN',
      ship_to_country: country,
    },
  ];
}

const freightQuery: BusinessHandler = (ctx) => {
  const req = jsonParam(ctx, 'queryDeliveryReq') as Record<string, unknown>;
  for (const field of ['quantity', 'shipToCountry', 'productId', 'selectedSkuId', 'currency']) {
    if (req[field] === undefined || req[field] === '')
      throw missingParameter(`queryDeliveryReq.${field}`);
  }
  const product = findMockProduct(String(req.productId));
  if (!product)
    return { result: { code: 'ITEM_ID_NOT_FOUND', success: false, msg: 'product not found' } };
  if (!product.skus.some((s) => s.skuId === String(req.selectedSkuId))) {
    return {
      result: {
        code: 'SKU_NOT_EXIST',
        success: false,
        msg: 'selectedSkuId is not a SKU of the product',
      },
    };
  }
  const country = String(req.shipToCountry);
  if (!isCountry(country) || !product.shipsTo.includes(country)) {
    return {
      result: {
        code: 'DELIVERY_NOT_AVAILABLE_TO_YOUR_ADDRESS',
        success: false,
        msg: `no delivery to ${country}`,
      },
    };
  }
  const quantity = Math.max(Number(req.quantity) || 1, 1);
  return {
    result: {
      code: 200,
      success: true,
      delivery_options: wrapped(
        'delivery_option_d_t_o',
        deliveryOptions(product, country, quantity, String(req.currency)),
      ),
    },
  };
};

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

const orderCreate: BusinessHandler = (ctx) => {
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

function ownOrder(ctx: BusinessCallContext, orderId: string): MockOrder | undefined {
  return ctx.orders.find(
    (o) => o.orderId === orderId && o.appKey === ctx.appKey && o.userId === ctx.buyer.userId,
  );
}

const orderGet: BusinessHandler = (ctx) => {
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

const trackingGet: BusinessHandler = (ctx) => {
  const orderId = required(ctx, 'ae_order_id');
  required(ctx, 'language');
  const order = ownOrder(ctx, orderId);
  if (!order) return notFound('ORDER_NOT_FOUND', `order ${orderId} not found for this buyer`);
  return {
    result: {
      ret: true,
      data: {
        tracking_detail_line_list: wrapped('tracking_detail', [
          {
            carrier_name: 'AliExpress Standard Shipping',
            mail_no: `LP00${order.orderId.slice(-10)}`,
            eta_time_stamps: exactNumber(order.createdAt + 12 * 86_400_000),
            detail_node_list: wrapped('detail_node', [
              {
                time_stamp: exactNumber(order.createdAt + 3_600_000),
                tracking_name: 'Order received',
                tracking_detail_desc: 'The seller received your order',
              },
              {
                time_stamp: exactNumber(order.createdAt + 86_400_000),
                tracking_name: 'Dispatched',
                tracking_detail_desc: 'Parcel handed to the carrier',
              },
            ]),
          },
        ]),
      },
    },
    rsp_code: 200,
    rsp_msg: 'Call succeeds',
  };
};

/** The business methods the mock answers, by API name. */
export const BUSINESS_HANDLERS: Readonly<Record<string, BusinessHandler>> = {
  'aliexpress.ds.product.get': productGet,
  'aliexpress.ds.text.search': textSearch,
  'aliexpress.ds.freight.query': freightQuery,
  'aliexpress.ds.order.create': orderCreate,
  'aliexpress.trade.ds.order.get': orderGet,
  'aliexpress.ds.order.tracking.get': trackingGet,
};
