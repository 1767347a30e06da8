import { isGatewayObject, type GatewayObject } from '../gateway/gateway-json.parser.js';
import { booleanOf, idString, numberOf, textOf } from '../gateway/gateway-json.fields.js';
import { backbone, obj, listObjects, type Json } from '../common/response-fields.js';
import { minorUnitsToMoney } from '../common/money.js';
import type {
  ImageSearchCategory,
  ImageSearchHit,
  ImageSearchPage,
} from './dropshipping.results.js';

/* Reads `aliexpress.ds.image.searchV2` answers: the captured nested shape and the demo's flat one. */

function category(id: Json, name: Json): ImageSearchCategory | undefined {
  const categoryId = idString(id);
  return categoryId === undefined ? undefined : { categoryId, name: textOf(name) };
}

const absoluteUrl = (value: Json) => {
  const url = textOf(value);
  return url?.startsWith('//') ? `https:${url}` : url;
};

function hit(p: GatewayObject): ImageSearchHit | undefined {
  const productId = idString(p.product_id);
  if (productId === undefined) return undefined;
  const price = obj(p.price);
  const levels = obj(p.category);
  // each value in the captured nested form (`price.sale`), else the demo's flat one
  // (`target_sale_price` with `target_sale_price_currency`)
  const money = (nested: Json, flat: string) =>
    minorUnitsToMoney(obj(nested).value, obj(nested).currency) ??
    minorUnitsToMoney(p[flat], p[`${flat}_currency`]);
  const level = (nested: Json, rank: 'first' | 'second') =>
    category(obj(nested).id, obj(nested).name) ??
    category(p[`${rank}_level_category_id`], p[`${rank}_level_category_title`]);
  return {
    productId,
    title: textOf(p.title) ?? textOf(p.product_title) ?? '',
    imageUrl: absoluteUrl(p.image_url ?? p.product_main_image_url),
    detailUrl: textOf(p.product_detail_url),
    salePrice: money(price.sale, 'target_sale_price'),
    originalPrice: money(price.original, 'target_original_price'),
    discountPercent: numberOf(textOf(p.discount)?.replace('%', '')),
    rating: textOf(p.evaluate_rate),
    volume: textOf(p.volume) ?? textOf(p.latest_volume),
    shopId: idString(p.shop_id),
    similarity: numberOf(p.similarity_score),
    shipFrom: textOf(p.ship_from),
    category: level(levels.first_level, 'first'),
    subcategory: level(levels.second_level, 'second'),
  };
}

/** `aliexpress.ds.image.searchV2` → {@link ImageSearchPage}. */
export function readImageSearch(response: GatewayObject): ImageSearchPage {
  const result = backbone(response.result, 'aliexpress.ds.image.searchV2', 'result');
  const data = result.data;
  // captured: `data.products[]`; demo and struct: `data[]`; either possibly wrapped
  const list = listObjects(
    isGatewayObject(data) && data.products !== undefined ? data.products : data,
  );
  const products = list.map(hit).filter((h): h is ImageSearchHit => h !== undefined);
  const paging = obj(result.pagination);
  return {
    totalCount: numberOf(result.total_count) ?? products.length,
    products,
    ...(Object.keys(paging).length
      ? {
          pagination: {
            pageNo: numberOf(paging.page_no),
            pageSize: numberOf(paging.page_size),
            pageCount: numberOf(paging.page_count),
            hasNext: booleanOf(paging.has_next),
          },
        }
      : {}),
  };
}
