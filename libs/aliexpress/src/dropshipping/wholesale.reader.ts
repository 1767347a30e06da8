import type { GatewayObject } from '../gateway/gateway-json.parser.js';
import { idString, numberOf } from '../gateway/gateway-json.fields.js';
import { backbone, listObjects } from '../common/response-fields.js';
import { money } from '../common/money.js';
import type { WholesaleProduct } from './dropshipping.results.js';
import { readProduct } from './product.reader.js';

/* Reads `aliexpress.ds.product.wholesale.get` answers: product.get's body plus wholesale fields. */

/** `aliexpress.ds.product.wholesale.get` → {@link WholesaleProduct}. */
export function readWholesaleProduct(response: GatewayObject): WholesaleProduct {
  const product = readProduct(response, 'aliexpress.ds.product.wholesale.get');
  const result = backbone(response.result, 'aliexpress.ds.product.wholesale.get', 'result');
  const bySku = new Map(
    listObjects(result.ae_item_sku_info_dtos).map((dto) => [idString(dto.sku_id) ?? '', dto]),
  );
  return {
    ...product,
    hasWholesale: product.hasWholesale ?? false,
    skus: product.skus.map((sku) => {
      const dto = bySku.get(sku.skuId) ?? {};
      const currency = dto.currency_code ?? product.currency ?? null;
      return {
        ...sku,
        tiers: sku.wholesaleTiers ?? [],
        bulkPrice: money(dto.offer_bulk_sale_price, currency),
        bulkOrderQuantity: numberOf(dto.sku_bulk_order),
      };
    }),
  };
}
