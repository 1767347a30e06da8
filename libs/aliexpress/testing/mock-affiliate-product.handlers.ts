import { createHash } from 'node:crypto';
import { exactNumber } from './mock-envelopes.js';
import {
  MOCK_CATEGORIES,
  MOCK_PRODUCTS,
  findMockProduct,
  rootCategoryOf,
  type MockProduct,
  type MockSku,
} from './mock-fixtures.js';
import {
  MOCK_FEATURED_PROMOS,
  MOCK_TRACKING_IDS,
  affiliateTermsOf,
} from './mock-affiliate.fixtures.js';
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

/* The affiliate product APIs over the shared catalogue, in the shapes of the pages' response tables. */

/** Fixed rates from USD for the target currencies the mock converts to; others answer USD. */
const RATES: Readonly<Record<string, number>> = {
  USD: 1,
  EUR: 0.92,
  GBP: 0.79,
  CAD: 1.37,
  AUD: 1.52,
  BRL: 5,
};

/** Cents in USD as a decimal string in the target currency. */
const inCurrency = (cents: number, currency: string) =>
  ((cents * (RATES[currency] ?? 1)) / 100).toFixed(2);

const minOffer = (p: MockProduct) => Math.min(...p.skus.map((s) => s.offerCents));
const minPrice = (p: MockProduct) => Math.min(...p.skus.map((s) => s.priceCents));

/**
 * A promotion link as the mock makes them: a short link whose query carries the tracking id, so
 * a test can see the sale would be credited to it.
 */
export function mockPromotionLink(source: string, trackingId: string): string {
  const hash = createHash('sha256').update(`${trackingId} ${source}`).digest('hex').slice(0, 10);
  return `https://s.click.aliexpress.com/e/_m${hash}?tracking_id=${encodeURIComponent(trackingId)}`;
}

/** The detail page of a product. */
const detailUrl = (p: MockProduct) => `https://www.aliexpress.com/item/${p.productId}.html`;

/** A product as the affiliate answers show it (`products` element of the response tables). */
function productDto(p: MockProduct, ctx: AppCallContext, trackingId: string | undefined) {
  const requested = ctx.params.target_currency ?? 'USD';
  const target = RATES[requested] ? requested : 'USD';
  const terms = affiliateTermsOf(p);
  const root = rootCategoryOf(p.categoryId);
  const second = MOCK_CATEGORIES.find((c) => c.categoryId === p.categoryId);
  const language = (ctx.params.target_language ?? '').toLowerCase();
  return {
    product_id: exactNumber(p.productId),
    sku_id: exactNumber(p.skus[0].skuId),
    product_title: p.subjects?.[language] ?? p.subject,
    product_detail_url: detailUrl(p),
    ...(trackingId ? { promotion_link: mockPromotionLink(detailUrl(p), trackingId) } : {}),
    product_main_image_url: ctx.baseUrl + p.images[0],
    product_small_image_urls: { string: p.images.map((i) => ctx.baseUrl + i) },
    product_video_url: `${ctx.baseUrl}/__mock/videos/${p.productId}.mp4`,
    shop_id: exactNumber(p.storeId),
    shop_name: p.storeName,
    shop_url: `https://www.aliexpress.com/store/${p.storeId}`,
    ...(root
      ? {
          first_level_category_id: exactNumber(root.categoryId),
          first_level_category_name: root.name,
        }
      : {}),
    ...(second
      ? {
          second_level_category_id: exactNumber(second.categoryId),
          second_level_category_name: second.name,
        }
      : {}),
    original_price: inCurrency(minPrice(p), 'USD'),
    original_price_currency: 'USD',
    sale_price: inCurrency(minOffer(p), 'USD'),
    sale_price_currency: 'USD',
    app_sale_price: inCurrency(minOffer(p), 'USD'),
    app_sale_price_currency: 'USD',
    target_original_price: inCurrency(minPrice(p), target),
    target_original_price_currency: target,
    target_sale_price: inCurrency(minOffer(p), target),
    target_sale_price_currency: target,
    target_app_sale_price: inCurrency(minOffer(p), target),
    target_app_sale_price_currency: target,
    discount: `${Math.round((1 - minOffer(p) / minPrice(p)) * 100)}%`,
    commission_rate: terms.commissionRate,
    hot_product_commission_rate: terms.hotProductCommissionRate,
    relevant_market_commission_rate: terms.commissionRate,
    evaluate_rate: `${((Number(p.evaluation) / 5) * 100).toFixed(1)}%`,
    lastest_volume: p.sales,
    tax_rate: '0',
    // only the product.query and hotproduct.query tables have it
    ...(ctx.params.method?.endsWith('product.query') ? { ship_to_days: '7' } : {}),
    platform_product_type: 'PLAZA',
  };
}

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

const AE_LINK = /^https?:\/\/([a-z0-9-]+\.)*aliexpress\.(com|us|ru)(\/|$)/i;

/**
 * `aliexpress.affiliate.link.generate`: `tracking_id`, `source_values` and `promotion_link_type`
 * required; an unknown tracking id is refused; a source that is not an AliExpress URL gets a
 * message instead of a link.
 */
export const affiliateLinkGenerate: AppCallHandler = (ctx) => {
  const sources = listParam(requiredParam(ctx, 'source_values'));
  const type = requiredParam(ctx, 'promotion_link_type');
  const { trackingId, failure } = trackingIdOf(ctx, true);
  if (failure || !trackingId) return failure ?? {};
  if (type !== '0' && type !== '2') return respFailure(401, `Invalid promotion_link_type: ${type}`);
  return respSuccess({
    total_result_count: sources.length,
    tracking_id: trackingId,
    promotion_links: {
      promotion_link: sources.map((source) =>
        AE_LINK.test(source)
          ? { source_value: source, promotion_link: mockPromotionLink(source, trackingId) }
          : { source_value: source, message: 'The source value is not an AliExpress link' },
      ),
    },
  });
};

/** The product and SKU a shipping or SKU call names, or the documented 405 answer. */
function productOf(ctx: AppCallContext): MockProduct | undefined {
  return findMockProduct(requiredParam(ctx, 'product_id'));
}

/** Shipping of a product to a country, in cents (USD): free under 500 g. */
const shippingCents = (p: MockProduct) =>
  p.weightGrams < 500 ? 0 : 199 + Math.ceil(p.weightGrams / 1000) * 150;

/**
 * `aliexpress.affiliate.product.shipping.get`: every parameter required; 405 for an unknown
 * product or SKU, or a country the product does not ship to.
 */
export const affiliateShippingGet: AppCallHandler = (ctx) => {
  const product = productOf(ctx);
  const skuId = requiredParam(ctx, 'sku_id');
  const country = requiredParam(ctx, 'ship_to_country');
  const currency = requiredParam(ctx, 'target_currency');
  for (const name of ['target_sale_price', 'target_language', 'tax_rate']) requiredParam(ctx, name);
  if (
    !product ||
    !product.skus.some((s) => s.skuId === skuId) ||
    !product.shipsTo.includes(country)
  )
    return respFailure(405, NO_QUERY_RESULTS);
  return respSuccess({
    shipping_fee: inCurrency(shippingCents(product), RATES[currency] ? currency : 'USD'),
    ship_from_country: 'CN',
    min_delivery_days: '7',
    max_delivery_days: '15',
    delivery_days: '7-15',
  });
};

function skuInfo(
  p: MockProduct,
  s: MockSku,
  currency: string,
  withDelivery: boolean,
  ctx: AppCallContext,
) {
  const colour = s.properties.find((x) => x.name === 'Color')?.value;
  const size = s.properties.find((x) => x.name === 'Size')?.value;
  return {
    sku_id: exactNumber(s.skuId),
    link: mockPromotionLink(`${detailUrl(p)}?sku_id=${s.skuId}`, MOCK_TRACKING_IDS[0]),
    ...(colour ? { color: colour } : {}),
    ...(size ? { size } : {}),
    sku_properties: s.properties.map((x) => `${x.name}:${x.value}`).join(';'),
    sku_image_link: ctx.baseUrl + p.images[0],
    price_with_tax: inCurrency(s.priceCents, currency),
    sale_price_with_tax: inCurrency(s.offerCents, currency),
    discount_rate: `${Math.round((1 - s.offerCents / s.priceCents) * 100)}%`,
    tax_rate: '0',
    currency,
    ean_code: `69${s.skuId.slice(-11)}`,
    ...(withDelivery
      ? {
          shipping_fees: inCurrency(shippingCents(p), currency),
          ship_from_country: 'CN',
          min_delivery_days: '7',
          max_delivery_days: '15',
          delivery_days: '7-15',
        }
      : {}),
  };
}

/**
 * `aliexpress.affiliate.product.sku.detail.get`: its own shape (`result.result`, `result.success`,
 * `result.code`); the documented 405 for an unknown product or a country it does not ship to.
 */
export const affiliateSkuDetailGet: AppCallHandler = (ctx) => {
  const product = productOf(ctx);
  const country = requiredParam(ctx, 'ship_to_country');
  const requested = requiredParam(ctx, 'target_currency');
  requiredParam(ctx, 'target_language');
  const currency = RATES[requested] ? requested : 'USD';
  if (!product || !product.shipsTo.includes(country))
    return { result: { success: false, code: 405, msg: NO_QUERY_RESULTS } };
  const wanted = listParam(ctx.params.sku_ids);
  const skus = product.skus
    .filter((s) => wanted.length === 0 || wanted.includes(s.skuId))
    .slice(0, 20);
  const root = rootCategoryOf(product.categoryId);
  const withDelivery = (ctx.params.need_deliver_info ?? '').toLowerCase() === 'yes';
  return {
    result: {
      result: {
        ae_item_info: {
          product_id: product.productId,
          title: product.subject,
          en_title: product.subject,
          original_link: detailUrl(product),
          image_link: ctx.baseUrl + product.images[0],
          additional_image_links: product.images.slice(1).map((i) => ctx.baseUrl + i),
          store_name: product.storeName,
          order_number: String(product.sales),
          review_number: String(Math.round(product.sales / 10)),
          product_score: product.evaluation,
          condition: 'New',
          ...(root
            ? {
                display_category_id_l1: exactNumber(root.categoryId),
                display_category_name_l1: root.name,
              }
            : {}),
        },
        ae_item_sku_info: skus.map((s) => skuInfo(product, s, currency, withDelivery, ctx)),
      },
      code: 200,
      success: true,
    },
  };
};
