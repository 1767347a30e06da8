import { money } from './mock-business.context.js';
import type { MockProduct, MockSku } from './mock-fixtures.js';

/*
 * The pieces of a product answer (its SKU DTOs, package and store) that product.get and
 * product.wholesale.get answer alike, in the guide's field names and string types: one home, so
 * the two methods cannot drift apart.
 */

/** The product.get style failure body (`rsp_code` / `rsp_msg`, codes 602 and 605). */
export function rspFailure(rspCode: '602' | '605', rspMsg: string) {
  return { rsp_code: rspCode, rsp_msg: rspMsg };
}

/** One wholesale tier: the price is a quoted string inside the string (`"\"5.78\""`), as documented. */
export function wholesaleTierDto(minQuantity: number, priceCents: number, discount: string) {
  return {
    min_quantity: String(minQuantity),
    wholesale_price: JSON.stringify(money(priceCents)),
    discount,
  };
}

/** The SKU's price terms: promotion limit strategy, tax flag, currency and list price. */
export function skuPriceTerms(sku: MockSku, currency: string) {
  return {
    limit_strategy: 'back_to_normal_price',
    price_include_tax: 'false',
    currency_code: currency,
    sku_price: money(sku.priceCents),
  };
}

/**
 * The SKU's properties (`ae_sku_property_dtos`); the product's first image as `sku_image` on the
 * first property only (product.get: the colour carries the picture) or on every property
 * (wholesale.get's demo).
 */
export function skuPropertyDtos(
  product: MockProduct,
  sku: MockSku,
  baseUrl: string,
  imageOn: 'first' | 'every',
) {
  return sku.properties.map((p, i) => ({
    sku_property_value: p.value,
    ...(imageOn === 'every' || i === 0 ? { sku_image: baseUrl + product.images[0] } : {}),
    sku_property_name: p.name,
    property_value_definition_name: p.value,
    property_value_id: String(p.valueId),
    sku_property_id: String(p.propertyId),
  }));
}

/** The product's package (`package_info_dto`): fixed box sizes, the mock's weight in kg. */
export function packageInfoDto(product: MockProduct) {
  return {
    package_width: '12',
    package_height: '4',
    package_length: '20',
    gross_weight: (product.weightGrams / 1000).toFixed(3),
    package_type: 'false',
    product_unit: '100000015',
    base_unit: '1',
  };
}

/** The product's store (`ae_store_info`) with fixed ratings. */
export function storeInfoDto(product: MockProduct) {
  return {
    store_id: product.storeId,
    shipping_speed_rating: '4.7',
    communication_rating: '4.8',
    store_name: product.storeName,
    store_country_code: 'CN',
    item_as_described_rating: '4.7',
  };
}
