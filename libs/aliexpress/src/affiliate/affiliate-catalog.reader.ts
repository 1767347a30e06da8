import type { GatewayObject } from '../gateway/gateway-json.parser.js';
import { textField } from '../gateway/gateway-json.fields.js';
import { compact, countOf, idOf, respResult } from './affiliate-fields.js';
import { listObjects } from '../common/response-fields.js';
import type { AffiliateCategoryList, FeaturedPromo } from './affiliate-catalog.results.js';

/* Reads `aliexpress.affiliate.category.get` and `aliexpress.affiliate.featuredpromo.get`. */

/** `aliexpress.affiliate.category.get` → {@link AffiliateCategoryList}. */
export function readAffiliateCategories(response: GatewayObject): AffiliateCategoryList {
  const result = respResult(response, 'aliexpress.affiliate.category.get');
  const categories = listObjects(result.categories).flatMap((c) => {
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
export function readFeaturedPromos(response: GatewayObject): FeaturedPromo[] {
  const result = respResult(response, 'aliexpress.affiliate.featuredpromo.get');
  return listObjects(result.promos).flatMap((p) => {
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
