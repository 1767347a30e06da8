import { exactNumber } from './mock-envelopes.js';
import {
  MOCK_CATEGORIES,
  MOCK_PRODUCTS,
  findMockProduct,
  rootCategoryOf,
  type MockProduct,
} from './mock-fixtures.js';
import { MOCK_FEATURED_PROMOS, affiliateTermsOf } from './mock-affiliate.fixtures.js';
import {
  NO_QUERY_RESULTS,
  intParam,
  listParam,
  requiredParam,
  respFailure,
  respSuccess,
  trackingIdOf,
  type AppCallContext,
  type AppCallHandler,
} from './mock-affiliate.context.js';
import { minOffer, productDto } from './mock-affiliate-product.dto.js';

/* The affiliate product APIs over the shared catalogue, in the shapes of the pages' response tables. */

/** The words of a search, lower-cased. */
const words = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean);

/** Whether a product lies in a category (its own or an ancestor). */
function inCategory(p: MockProduct, categoryId: string): boolean {
  let category = MOCK_CATEGORIES.find((c) => c.categoryId === p.categoryId);
  while (category) {
    if (category.categoryId === categoryId) return true;
    const parentId = category.parentId;
    category = parentId ? MOCK_CATEGORIES.find((c) => c.categoryId === parentId) : undefined;
  }
  return false;
}

const SORTS: Readonly<Record<string, (a: MockProduct, b: MockProduct) => number>> = {
  SALE_PRICE_ASC: (a, b) => minOffer(a) - minOffer(b),
  SALE_PRICE_DESC: (a, b) => minOffer(b) - minOffer(a),
  LAST_VOLUME_ASC: (a, b) => a.sales - b.sales,
  LAST_VOLUME_DESC: (a, b) => b.sales - a.sales,
};

/** A page of products with the counts every paged product answer carries. */
function productPage(
  ctx: AppCallContext,
  matches: MockProduct[],
  trackingId: string | undefined,
  extra: Record<string, unknown> = {},
) {
  const pageNo = Math.max(1, intParam(ctx, 'page_no', 1));
  const pageSize = Math.min(50, Math.max(1, intParam(ctx, 'page_size', 20)));
  const page = matches.slice((pageNo - 1) * pageSize, pageNo * pageSize);
  return respSuccess({
    current_page_no: pageNo,
    current_record_count: page.length,
    total_record_count: matches.length,
    total_page_no: Math.ceil(matches.length / pageSize),
    products: { product: page.map((p) => productDto(p, ctx, trackingId)) },
    ...extra,
  });
}

/** The catalogue filtered by the query parameters product.query and hotproduct.query share. */
function queried(
  ctx: AppCallContext,
  pool: readonly MockProduct[],
): MockProduct[] | Record<string, unknown> {
  const sort = ctx.params.sort;
  if (sort && !SORTS[sort]) return respFailure(401, `Invalid sort: ${sort}`);
  const keywords = words(ctx.params.keywords ?? '');
  const categories = listParam(ctx.params.category_ids);
  const min = ctx.params.min_sale_price ? intParam(ctx, 'min_sale_price', 0) : undefined;
  const max = ctx.params.max_sale_price ? intParam(ctx, 'max_sale_price', 0) : undefined;
  const country = ctx.params.ship_to_country;
  const matches = pool.filter(
    (p) =>
      keywords.every((w) => p.subject.toLowerCase().includes(w)) &&
      (categories.length === 0 || categories.some((c) => inCategory(p, c))) &&
      // the price filters are in hundredths of the currency
      (min === undefined || minOffer(p) >= min) &&
      (max === undefined || minOffer(p) <= max) &&
      (!country || p.shipsTo.includes(country)),
  );
  return sort ? [...matches].sort(SORTS[sort]) : matches;
}

function queryHandler(pool: () => readonly MockProduct[]): AppCallHandler {
  return (ctx) => {
    const { trackingId, failure } = trackingIdOf(ctx, false);
    if (failure) return failure;
    const matches = queried(ctx, pool());
    return Array.isArray(matches) ? productPage(ctx, matches, trackingId) : matches;
  };
}

/** `aliexpress.affiliate.product.query`: the catalogue searched by keywords, categories, price, country. */
export const affiliateProductQuery = queryHandler(() => MOCK_PRODUCTS);

/** `aliexpress.affiliate.hotproduct.query`: the same over the hot products only. */
export const affiliateHotProductQuery = queryHandler(() =>
  MOCK_PRODUCTS.filter((p) => affiliateTermsOf(p).hot),
);

/** `aliexpress.affiliate.productdetail.get`: the products asked for; unknown ids are left out. */
export const affiliateProductDetailGet: AppCallHandler = (ctx) => {
  const { trackingId, failure } = trackingIdOf(ctx, false);
  if (failure) return failure;
  const found = listParam(ctx.params.product_ids).flatMap((id) => {
    const product = findMockProduct(id);
    return product ? [product] : [];
  });
  return respSuccess({
    current_record_count: found.length,
    products: { product: found.map((p) => productDto(p, ctx, trackingId)) },
  });
};

/**
 * `aliexpress.affiliate.product.smartmatch`: `device_id` required; products like `product_id`
 * (same first-level category) or matching `keywords`, else the best sellers; pages of 10.
 */
export const affiliateSmartMatch: AppCallHandler = (ctx) => {
  requiredParam(ctx, 'device_id');
  const { trackingId, failure } = trackingIdOf(ctx, false);
  if (failure) return failure;
  const like = ctx.params.product_id ? findMockProduct(ctx.params.product_id) : undefined;
  const keywords = words(ctx.params.keywords ?? '');
  let matches: MockProduct[] = [...MOCK_PRODUCTS].sort(SORTS.LAST_VOLUME_DESC);
  if (like) {
    const root = rootCategoryOf(like.categoryId)?.categoryId;
    matches = matches.filter(
      (p) => p !== like && rootCategoryOf(p.categoryId)?.categoryId === root,
    );
  } else if (keywords.length) {
    matches = matches.filter((p) => keywords.some((w) => p.subject.toLowerCase().includes(w)));
  }
  const pageNo = Math.max(1, intParam(ctx, 'page_no', 1));
  const page = matches.slice((pageNo - 1) * 10, pageNo * 10);
  return respSuccess({
    current_page_no: pageNo,
    current_record_count: page.length,
    products: { product: page.map((p) => productDto(p, ctx, trackingId)) },
  });
};

/** `aliexpress.affiliate.category.get`: the mock category tree (ids as numbers, as the table types them). */
export const affiliateCategoryGet: AppCallHandler = () =>
  respSuccess({
    total_result_count: MOCK_CATEGORIES.length,
    categories: {
      category: MOCK_CATEGORIES.map((c) => ({
        category_id: exactNumber(c.categoryId),
        category_name: c.name,
        ...(c.parentId ? { parent_category_id: exactNumber(c.parentId) } : {}),
      })),
    },
  });

/** `aliexpress.affiliate.featuredpromo.get`: the featured promotions. */
export const affiliateFeaturedPromoGet: AppCallHandler = () =>
  respSuccess({
    current_record_count: MOCK_FEATURED_PROMOS.length,
    promos: {
      promo: MOCK_FEATURED_PROMOS.map((p) => ({
        promo_name: p.name,
        promo_desc: p.description,
        product_num: p.productIds.length,
      })),
    },
  });

/** `aliexpress.affiliate.featuredpromo.products.get`: a promotion's products (all promotions' without a name). */
export const affiliateFeaturedPromoProductsGet: AppCallHandler = (ctx) => {
  const { trackingId, failure } = trackingIdOf(ctx, false);
  if (failure) return failure;
  const name = ctx.params.promotion_name;
  const promos = name ? MOCK_FEATURED_PROMOS.filter((p) => p.name === name) : MOCK_FEATURED_PROMOS;
  if (promos.length === 0) return respFailure(405, NO_QUERY_RESULTS);
  const ids = new Set(promos.flatMap((p) => p.productIds));
  const category = ctx.params.category_id;
  const matches = MOCK_PRODUCTS.filter(
    (p) => ids.has(p.productId) && (!category || inCategory(p, category)),
  );
  const sort = ctx.params.sort;
  const sorted = sort && SORTS[sort] ? [...matches].sort(SORTS[sort]) : matches;
  return productPage(ctx, sorted, trackingId, { is_finished: false });
};
