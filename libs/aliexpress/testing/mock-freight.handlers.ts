import { findMockProduct, type MockProduct } from './mock-fixtures.js';
import { missingParameter } from './mock-envelopes.js';

import { isCountry, jsonParam, money, type BusinessHandler } from './mock-business.context.js';

/** `"US $1.74"`: the platform's display text of a fee. */
const feeFormat = (currency: string, cents: number) =>
  `${currency === 'USD' ? 'US $' : `${currency} `}${money(cents)}`;

/** The freight.query failure body: `result.success` false, numeric `code`, the reason in `msg`. */
const freightFailure = (msg: string) => ({
  result: { msg, code: 505, success: false },
});

function deliveryOptions(product: MockProduct, quantity: number, currency: string, now: number) {
  const weightKg = (product.weightGrams * quantity) / 1000;
  const standard = Math.round(150 + weightKg * 400);
  const stock = Math.max(...product.skus.map((s) => s.stock));
  const dates = (min: number, max: number) => {
    const day = (d: number) =>
      new Date(now + d * 86_400_000).toLocaleDateString('en-US', {
        month: 'short',
        day: '2-digit',
        timeZone: 'UTC',
      });
    return `${day(min)} - ${day(max).slice(-2)}`;
  };
  const option = (code: string, company: string, cents: number, min: number, max: number) => ({
    code,
    shipping_fee_currency: currency,
    // the platform's own rule: free outright, or free from an order total (mayHavePFS + threshold)
    free_shipping: cents < 200,
    mayHavePFS: false,
    guaranteed_delivery_days: String(max + 15),
    max_delivery_days: max,
    tracking: true,
    // currency units despite the name, as the platform sends it
    shipping_fee_format: feeFormat(currency, cents),
    delivery_date_desc: dates(min, max),
    company,
    ship_from_country: 'CN',
    min_delivery_days: min,
    available_stock: String(stock),
    ddpIncludeVATTax: 'true',
    shipping_fee_cent: money(cents),
  });
  return [
    option('CAINIAO_STANDARD', 'AliExpress Standard Shipping', standard, 7, 15),
    option('CAINIAO_PREMIUM', 'AliExpress Premium Shipping', standard * 3, 4, 8),
  ];
}

/**
 * `aliexpress.ds.freight.query`, in the documented form: delivery options wrapped in
 * `delivery_option_d_t_o`, fees in currency units in `shipping_fee_cent`; failures as
 * `result.success` false with `code` 505 and the reason in `msg` (DELIVERY_NOT_AVAILABLE_TO_YOUR_ADDRESS,
 * DELIVERY_INFO_EMPTY for an unknown product, SKU_NOT_EXIST for a SKU of another product).
 */
export const freightQuery: BusinessHandler = (ctx) => {
  const req = jsonParam(ctx, 'queryDeliveryReq') as Record<string, unknown>;
  for (const field of [
    'quantity',
    'shipToCountry',
    'productId',
    'selectedSkuId',
    'language',
    'locale',
    'currency',
  ]) {
    if (req[field] === undefined || req[field] === '')
      throw missingParameter(`queryDeliveryReq.${field}`);
  }
  const product = findMockProduct(String(req.productId));
  if (!product) return freightFailure('DELIVERY_INFO_EMPTY');
  if (!product.skus.some((s) => s.skuId === String(req.selectedSkuId))) {
    return freightFailure('SKU_NOT_EXIST');
  }
  const country = String(req.shipToCountry);
  if (!isCountry(country) || !product.shipsTo.includes(country)) {
    return freightFailure('DELIVERY_NOT_AVAILABLE_TO_YOUR_ADDRESS');
  }
  const quantity = Math.max(Number(req.quantity) || 1, 1);
  return {
    result: {
      msg: 'Call succeeds',
      code: 200,
      success: true,
      delivery_options: {
        delivery_option_d_t_o: deliveryOptions(product, quantity, String(req.currency), ctx.now),
      },
    },
  };
};
