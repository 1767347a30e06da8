import { exactNumber } from './mock-envelopes.js';
import {
  findMockProduct,
  rootCategoryOf,
  type MockProduct,
  type MockSku,
} from './mock-fixtures.js';
import { MOCK_TRACKING_IDS } from './mock-affiliate.fixtures.js';
import {
  NO_QUERY_RESULTS,
  listParam,
  requiredParam,
  respFailure,
  respSuccess,
  type AppCallContext,
  type AppCallHandler,
} from './mock-affiliate.context.js';
import { RATES, detailUrl, inCurrency, mockPromotionLink } from './mock-affiliate-product.dto.js';

/* The affiliate shipping and SKU APIs: delivery of a product to a country, its SKUs with prices. */

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
