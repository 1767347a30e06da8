import { createHash } from 'node:crypto';
import { exactNumber } from './mock-envelopes.js';
import { MOCK_CATEGORIES, rootCategoryOf, type MockProduct } from './mock-fixtures.js';
import { affiliateTermsOf } from './mock-affiliate.fixtures.js';
import type { AppCallContext } from './mock-affiliate.context.js';

/* How the affiliate answers show a product: prices in the target currency, links, the product element. */

/** Fixed rates from USD for the target currencies the mock converts to; others answer USD. */
export const RATES: Readonly<Record<string, number>> = {
  USD: 1,
  EUR: 0.92,
  GBP: 0.79,
  CAD: 1.37,
  AUD: 1.52,
  BRL: 5,
};

/** Cents in USD as a decimal string in the target currency. */
export const inCurrency = (cents: number, currency: string) =>
  ((cents * (RATES[currency] ?? 1)) / 100).toFixed(2);

/** A product's lowest offer price, in USD cents. */
export const minOffer = (p: MockProduct) => Math.min(...p.skus.map((s) => s.offerCents));
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
export const detailUrl = (p: MockProduct) => `https://www.aliexpress.com/item/${p.productId}.html`;

/** A product as the affiliate answers show it (`products` element of the response tables). */
export function productDto(p: MockProduct, ctx: AppCallContext, trackingId: string | undefined) {
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
