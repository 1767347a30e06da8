import { AliexpressTransportError } from '../errors/aliexpress.errors';
import type { GatewayObject } from '../gateway/gateway-json.parser';
import { booleanOf, idString, numberOf, textOf } from '../gateway/gateway-json.fields';
import { backbone, money, obj, unwrapList } from './dropshipping.normalizer';
import type { Product, ProductSku } from './dropshipping.results';

/* Reads `aliexpress.ds.product.get` answers. */

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
