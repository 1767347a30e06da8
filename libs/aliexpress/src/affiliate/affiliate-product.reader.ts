import type { GatewayObject } from '../gateway/gateway-json.parser.js';
import { textField } from '../gateway/gateway-json.fields.js';
import { money } from '../common/money.js';
import { obj, type Json } from '../common/response-fields.js';
import { booleanOf } from '../gateway/gateway-json.fields.js';
import { compact, countOf, pageFieldsOf, idOf, respResult, textsOf } from './affiliate-fields.js';
import { listObjects } from '../common/response-fields.js';
import type {
  AffiliateCategoryRef,
  AffiliateProduct,
  AffiliateProductPage,
  AffiliatePromoCode,
  FeaturedPromoProductPage,
} from './affiliate-product.results.js';

/* Reads the product answers: product.query, hotproduct.query, productdetail.get, smartmatch, featuredpromo.products.get. */

function category(id: Json, name: Json): AffiliateCategoryRef | undefined {
  const categoryId = idOf(id);
  return categoryId === undefined ? undefined : compact({ categoryId, name: textField(name) });
}

function promoCode(value: Json): AffiliatePromoCode | undefined {
  const p = obj(value);
  const code = textField(p.promo_code);
  if (code === undefined) return undefined;
  return compact({
    code,
    campaignType: textField(p.code_campaigntype),
    value: textField(p.code_value),
    availableFrom: textField(p.code_availabletime_start),
    availableUntil: textField(p.code_availabletime_end),
    minimumSpend: textField(p.code_mini_spend),
    quantity: textField(p.code_quantity),
    promotionUrl: textField(p.code_promotionurl),
  });
}

/** One product DTO → {@link AffiliateProduct}; undefined without a product id. */
export function readAffiliateProduct(p: GatewayObject): AffiliateProduct | undefined {
  const productId = idOf(p.product_id);
  if (productId === undefined) return undefined;
  return compact({
    productId,
    skuId: idOf(p.sku_id),
    title: textField(p.product_title) ?? '',
    detailUrl: textField(p.product_detail_url),
    promotionLink: textField(p.promotion_link),
    mainImageUrl: textField(p.product_main_image_url),
    imageUrls: textsOf(p.product_small_image_urls),
    videoUrl: textField(p.product_video_url),
    shopId: idOf(p.shop_id),
    shopName: textField(p.shop_name),
    shopUrl: textField(p.shop_url),
    firstLevelCategory: category(p.first_level_category_id, p.first_level_category_name),
    secondLevelCategory: category(p.second_level_category_id, p.second_level_category_name),
    salePrice: money(p.sale_price, p.sale_price_currency),
    originalPrice: money(p.original_price, p.original_price_currency),
    appSalePrice: money(p.app_sale_price, p.app_sale_price_currency),
    targetSalePrice: money(p.target_sale_price, p.target_sale_price_currency),
    targetOriginalPrice: money(p.target_original_price, p.target_original_price_currency),
    targetAppSalePrice: money(p.target_app_sale_price, p.target_app_sale_price_currency),
    discount: textField(p.discount),
    commissionRate: textField(p.commission_rate),
    hotProductCommissionRate: textField(p.hot_product_commission_rate),
    relevantMarketCommissionRate: textField(p.relevant_market_commission_rate),
    evaluateRate: textField(p.evaluate_rate),
    // the platform spells it `lastest_volume`
    volume: countOf(p.lastest_volume ?? p.latest_volume),
    taxRate: textField(p.tax_rate),
    shipToDays: textField(p.ship_to_days),
    platformProductType: textField(p.platform_product_type),
    eanCode: textField(p.ean_code),
    promoCode: promoCode(p.promo_code_info),
  });
}

/** The products of an affiliate `result`, unwrapped (`products.product[]` or a plain array). */
export function productsOf(result: GatewayObject): AffiliateProduct[] {
  return listObjects(result.products).flatMap((p) => {
    const product = readAffiliateProduct(p);
    return product ? [product] : [];
  });
}

/** A paged product answer (product.query, hotproduct.query, smartmatch) → {@link AffiliateProductPage}. */
export function readProductPage(response: GatewayObject, apiName: string): AffiliateProductPage {
  const result = respResult(response, apiName);
  const products = productsOf(result);
  return compact({ ...pageFieldsOf(result, products.length), products });
}

/** `aliexpress.affiliate.productdetail.get` → the products found (unknown ids are left out). */
export function readProductDetails(response: GatewayObject): AffiliateProduct[] {
  return productsOf(respResult(response, 'aliexpress.affiliate.productdetail.get'));
}

/** `aliexpress.affiliate.featuredpromo.products.get` → {@link FeaturedPromoProductPage}. */
export function readFeaturedPromoProducts(response: GatewayObject): FeaturedPromoProductPage {
  const api = 'aliexpress.affiliate.featuredpromo.products.get';
  const page = readProductPage(response, api);
  return compact({ ...page, finished: booleanOf(respResult(response, api).is_finished) });
}
