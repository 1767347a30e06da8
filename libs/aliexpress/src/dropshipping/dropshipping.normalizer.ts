import { AliexpressTransportError } from '../errors/aliexpress.errors';
import type { GatewayJson, GatewayObject } from '../gateway/gateway-json.parser';
import { isGatewayObject } from '../gateway/gateway-json.parser';
import { booleanOf, idString, numberOf, textOf } from '../gateway/gateway-json.fields';
import type {
  FreightOption,
  Money,
  OrderDetails,
  OrderTracking,
  Product,
  ProductSearchPage,
  ProductSku,
  ProductSummary,
} from './dropshipping.results';

type Json = GatewayJson | undefined;

/**
 * A list as the gateway sends it, unwrapped: `{"x_d_t_o":[…]}`, a bare list, or a lone object;
 * `{}` is the platform's empty list.
 */
export function unwrapList(value: Json): GatewayObject[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.filter(isGatewayObject);
  if (!isGatewayObject(value)) return [];
  const keys = Object.keys(value);
  if (keys.length === 0) return [];
  if (keys.length === 1) {
    const inner = value[keys[0]];
    if (Array.isArray(inner)) return inner.filter(isGatewayObject);
    if (isGatewayObject(inner)) return [inner];
  }
  return [value];
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A decimal amount with its currency; undefined when the amount is not a decimal. */
export function money(amount: Json, currency: Json): Money | undefined {
  const text =
    typeof amount === 'number' ? String(amount) : typeof amount === 'string' ? amount.trim() : '';
  const code = textOf(currency);
  if (!DECIMAL.test(text) || !code) return undefined;
  return { amount: text, currency: code };
}

/** An amount given in cents (`shipping_fee_cent`), as a decimal string, without floating point. */
export function centsToMoney(cents: Json, currency: Json): Money | undefined {
  const text =
    typeof cents === 'number' ? String(cents) : typeof cents === 'string' ? cents.trim() : '';
  const code = textOf(currency);
  if (!code) return undefined;
  if (/^\d+$/.test(text)) {
    const padded = text.padStart(3, '0');
    return {
      amount: `${padded.slice(0, -2).replace(/^0+(?=\d)/, '')}.${padded.slice(-2)}`,
      currency: code,
    };
  }
  // some answers already carry a decimal amount in this field
  return money(text, code);
}

const obj = (value: Json): GatewayObject => (isGatewayObject(value) ? value : {});

/**
 * The part of an answer without which it cannot be read at all. Optional fields stay lenient
 * (defaults, empty lists); a missing backbone is an `unexpected-shape` failure, never retried.
 */
function backbone(value: Json, apiName: string, path: string): GatewayObject {
  if (isGatewayObject(value)) return value;
  throw new AliexpressTransportError({
    kind: 'unexpected-shape',
    apiName,
    message: `the answer has no "${path}" object`,
  });
}

function sku(dto: GatewayObject, fallbackCurrency?: string): ProductSku {
  const currency = textOf(dto.currency_code) ?? fallbackCurrency;
  const stock = numberOf(dto.sku_available_stock) ?? numberOf(dto.ipm_sku_stock) ?? 0;
  return {
    skuId: idString(dto.sku_id) ?? '',
    skuAttr: textOf(dto.sku_attr) ?? '',
    price: money(dto.sku_price, currency),
    offerPrice: money(dto.offer_sale_price, currency),
    stock,
    available: (booleanOf(dto.sku_stock) ?? stock > 0) && stock > 0,
    properties: unwrapList(dto.ae_sku_property_dtos).map((p) => ({
      propertyId: idString(p.sku_property_id) ?? '',
      name: textOf(p.sku_property_name),
      valueId: idString(p.property_value_id),
      value: textOf(p.sku_property_value),
      definitionName: textOf(p.property_value_definition_name),
    })),
  };
}

/** `aliexpress.ds.product.get` → {@link Product}. */
export function normalizeProduct(response: GatewayObject): Product {
  const api = 'aliexpress.ds.product.get';
  const result = backbone(response.result, api, 'result');
  const base = backbone(result.ae_item_base_info_dto, api, 'result.ae_item_base_info_dto');
  const productId = idString(base.product_id);
  if (productId === undefined) {
    throw new AliexpressTransportError({
      kind: 'unexpected-shape',
      apiName: api,
      message: 'the answer has no product id (result.ae_item_base_info_dto.product_id)',
    });
  }
  const currency = textOf(base.currency_code);
  const store = obj(result.ae_store_info);
  const pack = obj(result.package_info_dto);
  const images = textOf(obj(result.ae_multimedia_info_dto).image_urls);
  return {
    productId,
    title: textOf(base.subject) ?? '',
    categoryId: idString(base.category_id),
    currency,
    status: textOf(base.product_status_type),
    rating: textOf(base.avg_evaluation_rating),
    salesCount: numberOf(base.sales_count),
    images: images
      ? images
          .split(';')
          .map((u) => u.trim())
          .filter(Boolean)
      : [],
    skus: unwrapList(result.ae_item_sku_info_dtos).map((s) => sku(s, currency)),
    store: idString(store.store_id)
      ? {
          storeId: idString(store.store_id) as string,
          name: textOf(store.store_name),
          countryCode: textOf(store.store_country_code),
        }
      : undefined,
    package: Object.keys(pack).length
      ? {
          weightKg: textOf(pack.gross_weight),
          lengthCm: numberOf(pack.package_length),
          widthCm: numberOf(pack.package_width),
          heightCm: numberOf(pack.package_height),
        }
      : undefined,
    deliveryDays: numberOf(obj(result.logistics_info_dto).delivery_time),
  };
}

/** `aliexpress.ds.text.search` → {@link ProductSearchPage}. */
export function normalizeSearch(response: GatewayObject): ProductSearchPage {
  const data = backbone(
    response.data ?? obj(response.result).data,
    'aliexpress.ds.text.search',
    'data',
  );
  const products: ProductSummary[] = unwrapList(data.products).map((p) => {
    const currency = textOf(p.salePriceCurrency) ?? textOf(p.targetSalePriceCurrency);
    return {
      productId: idString(p.itemId) ?? idString(p.productId) ?? '',
      title: textOf(p.title) ?? '',
      imageUrl: textOf(p.itemMainPic),
      salePrice: money(p.salePrice ?? p.targetSalePrice, currency),
      originalPrice: money(p.originalPrice ?? p.targetOriginalPrice, currency),
      rating: textOf(p.score) ?? textOf(p.evaluateRate),
      orders: numberOf(p.orders),
      categoryId: idString(p.cateId),
    };
  });
  return {
    totalCount: numberOf(data.totalCount) ?? products.length,
    pageIndex: numberOf(data.pageIndex) ?? 1,
    pageSize: numberOf(data.pageSize) ?? products.length,
    products,
  };
}

/** `aliexpress.ds.freight.query` → {@link FreightOption} list. */
export function normalizeFreight(response: GatewayObject): FreightOption[] {
  const result = backbone(response.result, 'aliexpress.ds.freight.query', 'result');
  return unwrapList(result.delivery_options).map((o) => ({
    code: textOf(o.code) ?? '',
    company: textOf(o.company),
    fee: centsToMoney(o.shipping_fee_cent, o.shipping_fee_currency) ?? {
      amount: '0.00',
      currency: textOf(o.shipping_fee_currency) ?? '',
    },
    freeShipping: booleanOf(o.free_shipping) ?? false,
    minDeliveryDays: numberOf(o.min_delivery_days),
    maxDeliveryDays: numberOf(o.max_delivery_days),
    tracking: booleanOf(o.tracking),
    shipFromCountry: textOf(o.ship_from_country),
  }));
}

/** `aliexpress.ds.order.create` → the platform order ids. */
export function normalizeCreatedOrderIds(response: GatewayObject): string[] {
  const list = obj(obj(response.result).order_list);
  const numbers = list.number ?? obj(response.result).order_list;
  const values = Array.isArray(numbers) ? numbers : [numbers];
  const ids = values.map((v) => idString(v as Json)).filter((v): v is string => v !== undefined);
  if (!ids.length) {
    throw new AliexpressTransportError({
      kind: 'unexpected-shape',
      apiName: 'aliexpress.ds.order.create',
      message: 'the answer has no order id (result.order_list)',
    });
  }
  return ids;
}

/** `aliexpress.trade.ds.order.get` → {@link OrderDetails}. */
export function normalizeOrder(response: GatewayObject, orderId: string): OrderDetails {
  const result = backbone(response.result, 'aliexpress.trade.ds.order.get', 'result');
  const amount = obj(result.order_amount);
  const store = obj(result.store_info);
  return {
    orderId,
    status: textOf(result.order_status),
    logisticsStatus: textOf(result.logistics_status),
    amount: money(amount.amount, amount.currency_code),
    createdAt: textOf(result.gmt_create),
    items: unwrapList(result.child_order_list).map((c) => ({
      childOrderId: idString(c.child_order_id),
      productId: idString(c.product_id),
      quantity: numberOf(c.product_count),
      skuAttr: textOf(c.sku_attr),
    })),
    logistics: unwrapList(result.logistics_info_list).map((l) => ({
      trackingNumber: textOf(l.logistics_no),
      serviceName: textOf(l.logistics_service),
    })),
    store: Object.keys(store).length
      ? { storeId: idString(store.store_id), name: textOf(store.store_name) }
      : undefined,
  };
}

/** `aliexpress.ds.order.tracking.get` → {@link OrderTracking}. */
export function normalizeTracking(response: GatewayObject, orderId: string): OrderTracking {
  const result = backbone(response.result, 'aliexpress.ds.order.tracking.get', 'result');
  const data = obj(result.data);
  return {
    orderId,
    parcels: unwrapList(data.tracking_detail_line_list).map((line) => ({
      carrier: textOf(line.carrier_name),
      trackingNumber: textOf(line.mail_no),
      etaAt: numberOf(line.eta_time_stamps),
      events: unwrapList(line.detail_node_list).map((n) => ({
        at: numberOf(n.time_stamp),
        name: textOf(n.tracking_name),
        description: textOf(n.tracking_detail_desc),
      })),
    })),
  };
}
