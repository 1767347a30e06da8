import { AliexpressTransportError } from '../errors/aliexpress.errors.js';
import type { GatewayObject } from '../gateway/gateway-json.parser.js';
import { isGatewayObject } from '../gateway/gateway-json.parser.js';
import {
  booleanOf,
  idString,
  numberOf,
  textField,
  textOf,
} from '../gateway/gateway-json.fields.js';
import { backbone, obj, listObjects, type Json } from '../common/response-fields.js';
import { money } from '../common/money.js';
import type { Product, ProductSku, WholesaleTier } from './dropshipping.results.js';

/* Reads `aliexpress.ds.product.get` answers. */

const API = 'aliexpress.ds.product.get';

/** `"1000+"` → 1000, `"13"` → 13. */
const leadingNumber = (value: Json): number | undefined => {
  const match = /^\s*(\d+)/.exec(textOf(value) ?? '');
  return match ? Number(match[1]) : undefined;
};

/** `wholesale_price` arrives as a quoted string inside a string (`"\"5.78\""`). */
const unquoted = (value: Json): Json =>
  typeof value === 'string' ? value.trim().replace(/^"(.*)"$/, '$1') : value;

function wholesaleTiers(dto: GatewayObject, currency?: string): WholesaleTier[] | undefined {
  const tiers = listObjects(dto.wholesale_price_tiers);
  if (tiers.length === 0) return undefined;
  // a tier without a readable quantity or price says nothing: it is left out
  return tiers
    .flatMap((t) => {
      const minQuantity = numberOf(t.min_quantity);
      const price = money(unquoted(t.wholesale_price), currency);
      if (minQuantity === undefined || price === undefined) return [];
      return [{ minQuantity, price, discount: textField(t.discount) }];
    })
    .sort((a, b) => a.minQuantity - b.minQuantity);
}

function sku(dto: GatewayObject, fallbackCurrency?: string): ProductSku {
  const currency = textField(dto.currency_code) ?? fallbackCurrency;
  const stock = numberOf(dto.sku_available_stock) ?? numberOf(dto.ipm_sku_stock) ?? 0;
  const limit = numberOf(dto.buy_amount_limit_set_by_promotion);
  const strategy = textField(dto.limit_strategy);
  const taxAmount = textField(dto.tax_amount);
  return {
    skuId: idString(dto.sku_id) ?? '',
    skuAttr: textOf(dto.sku_attr) ?? '',
    price: money(dto.sku_price, currency),
    offerPrice: money(dto.offer_sale_price, currency),
    stock,
    available: (booleanOf(dto.sku_stock) ?? stock > 0) && stock > 0,
    properties: listObjects(dto.ae_sku_property_dtos).map((p) => ({
      propertyId: idString(p.sku_property_id) ?? '',
      name: textOf(p.sku_property_name),
      valueId: idString(p.property_value_id),
      value: textOf(p.sku_property_value),
      definitionName: textOf(p.property_value_definition_name),
      image: textField(p.sku_image),
    })),
    priceIncludesTax: booleanOf(dto.price_include_tax),
    minQuantity: numberOf(dto.sku_bulk_order),
    promotionLimit:
      limit !== undefined || strategy !== undefined ? { maxQuantity: limit, strategy } : undefined,
    wholesaleTiers: wholesaleTiers(dto, currency),
    estimatedImportCharges: money(
      textField(dto.estimated_import_charges),
      textField(dto.tax_currency_code) ?? currency,
    ),
    tax: taxAmount ? { amount: taxAmount, currency: textField(dto.tax_currency_code) } : undefined,
  };
}

/** `{"US": 2251832796543238}` → `{ US: "2251832796543238" }`, every id exact. */
function marketIds(converter: GatewayObject): Product['marketIds'] {
  const main = idString(converter.main_product_id);
  const markets: Record<string, string> = {};
  const sub = converter.sub_product_id;
  if (isGatewayObject(sub)) {
    for (const [market, id] of Object.entries(sub)) {
      const exact = idString(id);
      if (exact !== undefined) markets[market] = exact;
    }
  }
  return main !== undefined || Object.keys(markets).length ? { main, markets } : undefined;
}

/**
 * `aliexpress.ds.product.get` → {@link Product} (the envelope reader has taken the answer out
 * of whichever wrapper it came in: the guide's bare form or the demo's). `apiName`
 * names the API in errors when another one answers in the same shape (wholesale.get).
 */
export function readProduct(response: GatewayObject, apiName = API): Product {
  const result = backbone(response.result, apiName, 'result');
  const base = backbone(result.ae_item_base_info_dto, apiName, 'result.ae_item_base_info_dto');
  const productId = idString(base.product_id);
  if (productId === undefined) {
    throw new AliexpressTransportError({
      kind: 'unexpected-shape',
      apiName,
      message: 'the answer has no product id (result.ae_item_base_info_dto.product_id)',
    });
  }
  const currency = textField(base.currency_code);
  const store = obj(result.ae_store_info);
  const pack = obj(result.package_info_dto);
  const media = obj(result.ae_multimedia_info_dto);
  const images = textOf(media.image_urls);
  const logistics = obj(result.logistics_info_dto);
  return {
    productId,
    title: textOf(base.subject) ?? '',
    categoryId: idString(base.category_id),
    currency,
    status: textField(base.product_status_type),
    rating: textField(base.avg_evaluation_rating),
    salesCount: leadingNumber(base.sales_count),
    evaluationCount: leadingNumber(base.evaluation_count),
    images: images
      ? images
          .split(';')
          .map((u) => u.trim())
          .filter(Boolean)
      : [],
    videos: listObjects(media.ae_video_dtos).map((v) => ({
      mediaId: idString(v.media_id),
      url: textField(v.media_url),
      posterUrl: textField(v.poster_url),
      type: textField(v.media_type),
      status: textField(v.media_status),
    })),
    skus: listObjects(result.ae_item_sku_info_dtos).map((s) => sku(s, currency)),
    attributes: listObjects(result.ae_item_properties).map((a) => ({
      nameId: idString(a.attr_name_id),
      name: textField(a.attr_name),
      valueId: idString(a.attr_value_id),
      value: textField(a.attr_value),
      unit: textField(a.attr_value_unit),
      rangeStart: textField(a.attr_value_start),
      rangeEnd: textField(a.attr_value_end),
    })),
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
          packageType: booleanOf(pack.package_type),
          baseUnit: numberOf(pack.base_unit),
          productUnit: idString(pack.product_unit),
        }
      : undefined,
    deliveryDays: numberOf(logistics.delivery_time),
    shipToCountry: textField(logistics.ship_to_country),
    hasWholesale: booleanOf(result.has_whole_sale),
    marketIds: marketIds(obj(result.product_id_converter_result)),
    detailHtml: textField(base.detail),
    mobileDetailHtml: textField(base.mobile_detail),
  };
}
