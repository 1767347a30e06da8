import { findMockProduct } from './mock-fixtures.js';
import { missingParameter } from './mock-envelopes.js';

import { asText, jsonParam, money, type BusinessHandler } from './mock-business.context.js';

/* `aliexpress.logistics.buyer.freight.calculate`, in the demo's shape (every value a string). */

const failure = (description: string) => ({
  result: { success: 'false', error_desc: description },
});

/** Premium shipping is refused (option `error_code` "2") above this weight. */
const PREMIUM_MAX_GRAMS = 2000;

/**
 * `aliexpress.logistics.buyer.freight.calculate`: a fee per service; `freight.amount` in
 * currency units and `freight.cent` in cents agree (the demo's pair "1.0"/"1000" does not).
 */
export const freightCalculate: BusinessHandler = (ctx) => {
  const name = 'param_aeop_freight_calculate_for_buyer_d_t_o';
  const req = jsonParam(ctx, name) as Record<string, unknown>;
  for (const field of ['country_code', 'product_id', 'product_num', 'send_goods_country_code']) {
    if (req[field] === undefined || req[field] === '') throw missingParameter(`${name}.${field}`);
  }
  const product = findMockProduct(asText(req.product_id));
  if (!product) return failure(`product ${asText(req.product_id)} is not found.`);
  if (req.sku_id !== undefined && !product.skus.some((s) => s.skuId === asText(req.sku_id)))
    return failure(`sku ${asText(req.sku_id)} is not a SKU of the product.`);
  const from = asText(req.send_goods_country_code);
  if (from !== 'CN') return failure(`the product does not ship from ${from}.`);
  const to = asText(req.country_code);
  if (!product.shipsTo.includes(to)) return failure(`no logistics service delivers to ${to}.`);
  const quantity = Math.max(Number(req.product_num) || 1, 1);
  const currency = typeof req.price_currency === 'string' ? req.price_currency : 'USD';
  const grams = product.weightGrams * quantity;
  const standard = Math.round(150 + (grams / 1000) * 400);
  const fee = (cents: number) => ({
    amount: money(cents),
    cent: String(cents),
    currency_code: currency,
  });
  return {
    result: {
      error_desc: '',
      success: 'true',
      aeop_freight_calculate_result_for_buyer_d_t_o_list: [
        {
          service_name: 'CAINIAO_STANDARD',
          estimated_delivery_time: '7-15day',
          freight: fee(standard),
          error_code: '0',
          tracking_available: 'true',
        },
        grams > PREMIUM_MAX_GRAMS
          ? {
              service_name: 'CAINIAO_PREMIUM',
              estimated_delivery_time: '',
              error_code: '2',
              tracking_available: 'true',
            }
          : {
              service_name: 'CAINIAO_PREMIUM',
              estimated_delivery_time: '4-8day',
              freight: fee(standard * 3),
              error_code: '0',
              tracking_available: 'true',
            },
      ],
    },
  };
};
