import type { GatewayObject } from '../gateway/gateway-json.parser.js';
import { numberOf, textField } from '../gateway/gateway-json.fields.js';
import { backbone, obj } from '../common/response-fields.js';
import { money } from '../common/money.js';
import { compact, countOf, idOf, respResult, textsOf } from './affiliate-fields.js';
import { listObjects } from '../common/response-fields.js';
import type {
  AffiliateShippingInfo,
  AffiliateSkuDetails,
  AffiliateSkuItem,
} from './affiliate-shipping.results.js';

/* Reads `aliexpress.affiliate.product.shipping.get` and `aliexpress.affiliate.product.sku.detail.get`. */

const days = (value: GatewayObject[string] | undefined) => {
  const n = numberOf(value);
  return n !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined;
};

/** `aliexpress.affiliate.product.shipping.get` → {@link AffiliateShippingInfo}; the fee is in `currency`. */
export function readShippingInfo(response: GatewayObject, currency: string): AffiliateShippingInfo {
  const result = respResult(response, 'aliexpress.affiliate.product.shipping.get');
  return compact({
    shippingFee: money(result.shipping_fee, currency),
    shipFromCountry: textField(result.ship_from_country),
    minDeliveryDays: days(result.min_delivery_days),
    maxDeliveryDays: days(result.max_delivery_days),
    deliveryDays: textField(result.delivery_days),
  });
}

function itemOf(info: GatewayObject, productId: string): AffiliateSkuItem {
  const categories = [1, 2, 3, 4].flatMap((level) => {
    const categoryId = idOf(info[`display_category_id_l${level}`]);
    const name = textField(info[`display_category_name_l${level}`]);
    return categoryId || name ? [compact({ level, categoryId, name })] : [];
  });
  return compact({
    productId: idOf(info.product_id) ?? productId,
    title: textField(info.title),
    enTitle: textField(info.en_title),
    originalLink: textField(info.original_link),
    imageLink: textField(info.image_link),
    whiteImageLink: textField(info.image_white),
    additionalImageLinks: textsOf(info.additional_image_links),
    storeName: textField(info.store_name),
    brand: textField(info.brand),
    categories,
    orders: countOf(info.order_number),
    reviews: countOf(info.review_number),
    score: textField(info.product_score),
    condition: textField(info.condition),
  });
}

/**
 * `aliexpress.affiliate.product.sku.detail.get` → {@link AffiliateSkuDetails}. Its answer is
 * `result.result` (not `resp_result`); failures (`result.success` false) were raised already.
 */
export function readSkuDetails(response: GatewayObject, productId: string): AffiliateSkuDetails {
  const api = 'aliexpress.affiliate.product.sku.detail.get';
  const outer = backbone(response.result, api, 'result');
  const result = obj(outer.result);
  const skus = listObjects(result.ae_item_sku_info).flatMap((s) => {
    const skuId = idOf(s.sku_id);
    if (skuId === undefined) return [];
    const currency = s.currency;
    return [
      compact({
        skuId,
        link: textField(s.link),
        color: textField(s.color),
        size: textField(s.size),
        properties: textField(s.sku_properties),
        imageLink: textField(s.sku_image_link),
        priceWithTax: money(s.price_with_tax, currency),
        salePriceWithTax: money(s.sale_price_with_tax, currency),
        discountRate: textField(s.discount_rate),
        taxRate: textField(s.tax_rate),
        shippingFee: money(s.shipping_fees, currency),
        shipFromCountry: textField(s.ship_from_country),
        minDeliveryDays: days(s.min_delivery_days),
        maxDeliveryDays: days(s.max_delivery_days),
        deliveryDays: textField(s.delivery_days),
        eanCode: textField(s.ean_code),
      }),
    ];
  });
  return { item: itemOf(obj(result.ae_item_info), productId), skus };
}
