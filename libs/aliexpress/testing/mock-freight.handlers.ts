import { findMockProduct, type MockProduct } from './mock-fixtures';
import { missingParameter } from './mock-envelopes';

import { isCountry, jsonParam, wrapped, type BusinessHandler } from './mock-business.context';

function deliveryOptions(
  product: MockProduct,
  country: string,
  quantity: number,
  currency: string,
) {
  const weightKg = (product.weightGrams * quantity) / 1000;
  const standard = Math.round(150 + weightKg * 400);
  return [
    {
      code: 'CAINIAO_STANDARD',
      company: 'AliExpress Standard Shipping',
      shipping_fee_cent: String(standard),
      shipping_fee_currency: currency,
      free_shipping: standard < 200,
      min_delivery_days: 7,
      max_delivery_days: 15,
      tracking: true,
      ship_from_country: 'CN',
      ship_to_country: country,
    },
    {
      code: 'CAINIAO_PREMIUM',
      company: 'AliExpress Premium Shipping',
      shipping_fee_cent: String(standard * 3),
      shipping_fee_currency: currency,
      free_shipping: false,
      min_delivery_days: 4,
      max_delivery_days: 8,
      tracking: true,
      ship_from_country: 'CN',
      ship_to_country: country,
    },
  ];
}

/** `aliexpress.ds.freight.query` */
export const freightQuery: BusinessHandler = (ctx) => {
  const req = jsonParam(ctx, 'queryDeliveryReq') as Record<string, unknown>;
  for (const field of ['quantity', 'shipToCountry', 'productId', 'selectedSkuId', 'currency']) {
    if (req[field] === undefined || req[field] === '')
      throw missingParameter(`queryDeliveryReq.${field}`);
  }
  const product = findMockProduct(String(req.productId));
  if (!product)
    return { result: { code: 'ITEM_ID_NOT_FOUND', success: false, msg: 'product not found' } };
  if (!product.skus.some((s) => s.skuId === String(req.selectedSkuId))) {
    return {
      result: {
        code: 'SKU_NOT_EXIST',
        success: false,
        msg: 'selectedSkuId is not a SKU of the product',
      },
    };
  }
  const country = String(req.shipToCountry);
  if (!isCountry(country) || !product.shipsTo.includes(country)) {
    return {
      result: {
        code: 'DELIVERY_NOT_AVAILABLE_TO_YOUR_ADDRESS',
        success: false,
        msg: `no delivery to ${country}`,
      },
    };
  }
  const quantity = Math.max(Number(req.quantity) || 1, 1);
  return {
    result: {
      code: 200,
      success: true,
      delivery_options: wrapped(
        'delivery_option_d_t_o',
        deliveryOptions(product, country, quantity, String(req.currency)),
      ),
    },
  };
};
