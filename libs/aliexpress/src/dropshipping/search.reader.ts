import type { GatewayObject } from '../gateway/gateway-json.parser.js';
import { idString, numberOf, textField, textOf } from '../gateway/gateway-json.fields.js';
import { backbone, obj, listObjects, type Json } from '../common/response-fields.js';
import { money } from '../common/money.js';
import type { ProductSearchPage, ProductSummary } from './dropshipping.results.js';

/* Reads `aliexpress.ds.text.search` answers. */

const API = 'aliexpress.ds.text.search';
/** A numeric id; the samples' placeholders ("itemId") are kept as sent, never invented. */
const idField = (value: Json): string | undefined => idString(value) ?? textField(value);

/**
 * `aliexpress.ds.text.search` → {@link ProductSearchPage}. Prices are decimal strings in currency
 * units; `discount` ("48%") and `evaluateRate` ("97.8%") keep the platform's text.
 */
export function readSearch(response: GatewayObject): ProductSearchPage {
  const data = backbone(response.data ?? obj(response.result).data, API, 'data');
  const products: ProductSummary[] = listObjects(data.products).map((p) => {
    const sale = textField(p.salePriceCurrency) ?? textField(p.targetSalePriceCurrency);
    const original =
      textField(p.originalPriceCurrency) ?? textField(p.targetOriginalPriceCurrency) ?? sale;
    return {
      productId: idField(p.itemId) ?? idField(p.productId) ?? '',
      title: textOf(p.title) ?? '',
      imageUrl: textField(p.itemMainPic),
      url: textField(p.itemUrl),
      videoUrl: textField(p.productVideoUrl),
      salePrice: money(p.salePrice ?? p.targetSalePrice, sale),
      originalPrice: money(p.originalPrice ?? p.targetOriginalPrice, original ?? sale),
      discount: textField(p.discount),
      rating: textField(p.score) ?? textField(p.evaluateRate),
      evaluateRate: textField(p.evaluateRate),
      orders: numberOf(p.orders),
      categoryId: idField(p.cateId),
      type: textField(p.type),
    };
  });
  return {
    totalCount: numberOf(data.totalCount) ?? products.length,
    pageIndex: numberOf(data.pageIndex) ?? 1,
    pageSize: numberOf(data.pageSize) ?? products.length,
    products,
  };
}
