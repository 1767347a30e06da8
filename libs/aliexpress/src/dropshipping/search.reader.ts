import type { GatewayObject } from '../gateway/gateway-json.parser';
import { idString, numberOf, textOf } from '../gateway/gateway-json.fields';
import { backbone, money, obj, unwrapList } from './dropshipping.normalizer';
import type { ProductSearchPage, ProductSummary } from './dropshipping.results';

/* Reads `aliexpress.ds.text.search` answers. */

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
