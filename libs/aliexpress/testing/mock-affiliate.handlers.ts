import { refuseSession, type AppCallHandler } from './mock-affiliate.context.js';
import {
  affiliateOrderGet,
  affiliateOrderList,
  affiliateOrderListByIndex,
} from './mock-affiliate-order.handlers.js';
import {
  affiliateCategoryGet,
  affiliateFeaturedPromoGet,
  affiliateFeaturedPromoProductsGet,
  affiliateHotProductQuery,
  affiliateProductDetailGet,
  affiliateProductQuery,
  affiliateSmartMatch,
} from './mock-affiliate-product.handlers.js';
import { affiliateLinkGenerate } from './mock-affiliate-link.handlers.js';
import { affiliateShippingGet, affiliateSkuDetailGet } from './mock-affiliate-shipping.handlers.js';

export type { AppCallContext, AppCallHandler } from './mock-affiliate.context.js';

/** Every affiliate handler first refuses a `session`: these calls are the app's alone. */
const appLevel =
  (handler: AppCallHandler): AppCallHandler =>
  (ctx) => {
    refuseSession(ctx.params);
    return handler(ctx);
  };

/**
 * The app-level methods the mock answers (`aliexpress.affiliate.*`), by API name: signed by the
 * app, no buyer, no `session`.
 */
export const AFFILIATE_HANDLERS: Readonly<Record<string, AppCallHandler>> = Object.fromEntries(
  Object.entries({
    'aliexpress.affiliate.product.query': affiliateProductQuery,
    'aliexpress.affiliate.productdetail.get': affiliateProductDetailGet,
    'aliexpress.affiliate.hotproduct.query': affiliateHotProductQuery,
    'aliexpress.affiliate.link.generate': affiliateLinkGenerate,
    'aliexpress.affiliate.category.get': affiliateCategoryGet,
    'aliexpress.affiliate.product.shipping.get': affiliateShippingGet,
    'aliexpress.affiliate.product.sku.detail.get': affiliateSkuDetailGet,
    'aliexpress.affiliate.product.smartmatch': affiliateSmartMatch,
    'aliexpress.affiliate.featuredpromo.get': affiliateFeaturedPromoGet,
    'aliexpress.affiliate.featuredpromo.products.get': affiliateFeaturedPromoProductsGet,
    'aliexpress.affiliate.order.list': affiliateOrderList,
    'aliexpress.affiliate.order.get': affiliateOrderGet,
    'aliexpress.affiliate.order.listbyindex': affiliateOrderListByIndex,
  }).map(([api, handler]) => [api, appLevel(handler)]),
);
