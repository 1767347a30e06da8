import type { GatewayObject } from '../gateway/gateway-json.parser';
import { booleanOf, idString, numberOf, textOf } from '../gateway/gateway-json.fields';
import { backbone, money, unwrapList, type Json } from './dropshipping.normalizer';
import type { WholesaleProduct, WholesaleTier } from './dropshipping.results';
import { normalizeProduct } from './product.reader';

/* Reads `aliexpress.ds.product.wholesale.get` answers: product.get's body plus wholesale fields. */

/** `wholesale_price` comes as a quoted string inside a string (`"\"5.78\""`): unquote it. */
const unquoted = (value: Json): Json =>
  typeof value === 'string' ? value.trim().replace(/^"(.*)"$/, '$1') : value;

function tiers(value: Json, currency: Json): WholesaleTier[] {
  return unwrapList(value)
    .flatMap((t) => {
      const minQuantity = numberOf(t.min_quantity);
      const price = money(unquoted(t.wholesale_price), currency);
      if (minQuantity === undefined || price === undefined) return [];
      return [{ minQuantity, price, discount: textOf(t.discount) }];
    })
    .sort((a, b) => a.minQuantity - b.minQuantity);
}

/** `aliexpress.ds.product.wholesale.get` → {@link WholesaleProduct}. */
export function normalizeWholesaleProduct(response: GatewayObject): WholesaleProduct {
  const product = normalizeProduct(response);
  const result = backbone(response.result, 'aliexpress.ds.product.wholesale.get', 'result');
  const bySku = new Map(
    unwrapList(result.ae_item_sku_info_dtos).map((dto) => [idString(dto.sku_id) ?? '', dto]),
  );
  return {
    ...product,
    hasWholesale: booleanOf(result.has_whole_sale) ?? false,
    skus: product.skus.map((sku) => {
      const dto = bySku.get(sku.skuId) ?? {};
      const currency = dto.currency_code ?? product.currency ?? null;
      return {
        ...sku,
        tiers: tiers(dto.wholesale_price_tiers, currency),
        bulkPrice: money(dto.offer_bulk_sale_price, currency),
        bulkOrderQuantity: numberOf(dto.sku_bulk_order),
      };
    }),
  };
}
