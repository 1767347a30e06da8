import type { GatewayObject } from '../gateway/gateway-json.parser.js';
import { textField } from '../gateway/gateway-json.fields.js';
import { compact, countOf, idOf, objectsOf, respResult } from './affiliate.normalizer.js';
import type { AffiliateCategoryList, FeaturedPromo } from './catalog.results.js';

/* Reads `aliexpress.affiliate.category.get` and `aliexpress.affiliate.featuredpromo.get`. */

/** `aliexpress.affiliate.category.get` → {@link AffiliateCategoryList}. */
export function normalizeAffiliateCategories(response: GatewayObject): AffiliateCategoryList {
  const result = respResult(response, 'aliexpress.affiliate.category.get');
  const categories = objectsOf(result.categories).flatMap((c) => {
    const categoryId = idOf(c.category_id);
    if (categoryId === undefined) return [];
    return [
      compact({
        categoryId,
        name: textField(c.category_name) ?? '',
        parentCategoryId: idOf(c.parent_category_id),
      }),
    ];
  });
  return { totalCount: countOf(result.total_result_count) ?? categories.length, categories };
}

/** `aliexpress.affiliate.featuredpromo.get` → {@link FeaturedPromo} list. */
export function normalizeFeaturedPromos(response: GatewayObject): FeaturedPromo[] {
  const result = respResult(response, 'aliexpress.affiliate.featuredpromo.get');
  return objectsOf(result.promos).flatMap((p) => {
    const name = textField(p.promo_name);
    if (name === undefined) return [];
    return [
      compact({
        name,
        description: textField(p.promo_desc),
        productCount: countOf(p.product_num),
      }),
    ];
  });
}
