import type { GatewayObject } from '../gateway/gateway-json.parser.js';
import { idString, numberOf, textOf } from '../gateway/gateway-json.fields.js';
import { backbone, listElements, listObjects, obj } from '../common/response-fields.js';
import type { CategoryList, FeedItemIdsPage, FeedName } from './dropshipping.results.js';

/* Reads `aliexpress.ds.category.get`, `aliexpress.ds.feedname.get` and `aliexpress.ds.feed.itemids.get` answers. */

/** `aliexpress.ds.category.get` → {@link CategoryList}. */
export function readCategories(response: GatewayObject): CategoryList {
  const api = 'aliexpress.ds.category.get';
  const resp = backbone(response.resp_result, api, 'resp_result');
  const result = backbone(resp.result, api, 'resp_result.result');
  const categories = listObjects(result.categories).flatMap((c) => {
    const categoryId = idString(c.category_id);
    if (categoryId === undefined) return [];
    const parent = idString(c.parent_category_id);
    return [
      {
        categoryId,
        name: textOf(c.category_name) ?? '',
        ...(parent !== undefined && parent !== '0' ? { parentCategoryId: parent } : {}),
      },
    ];
  });
  return { totalCount: numberOf(result.total_result_count) ?? categories.length, categories };
}

/** `aliexpress.ds.feedname.get` → {@link FeedName} list. */
export function readFeedNames(response: GatewayObject): FeedName[] {
  const api = 'aliexpress.ds.feedname.get';
  const resp = backbone(response.resp_result, api, 'resp_result');
  const result = obj(resp.result);
  return listObjects(result.promos).flatMap((p) => {
    const name = textOf(p.promo_name);
    if (name === undefined) return [];
    return [{ name, description: textOf(p.promo_desc), productCount: numberOf(p.product_num) }];
  });
}

/** `aliexpress.ds.feed.itemids.get` → {@link FeedItemIdsPage}; `products: {}` is an empty page. */
export function readFeedItemIds(response: GatewayObject): FeedItemIdsPage {
  const result = backbone(response.result, 'aliexpress.ds.feed.itemids.get', 'result');
  const productIds = listElements(result.products).flatMap((p) => {
    const id = idString(p);
    return id !== undefined && /^\d+$/.test(id) ? [id] : [];
  });
  return {
    productIds,
    total: numberOf(result.total),
    searchId: textOf(result.search_id),
  };
}
