import type { BusinessHandler } from './mock-business.context.js';
import { freightQuery } from './mock-freight.handlers.js';
import { orderCreate, orderGet } from './mock-order.handlers.js';
import { productGet, textSearch } from './mock-product.handlers.js';
import { trackingGet } from './mock-tracking.handlers.js';
import { categoryGet, feedItemIdsGet, feednameGet } from './mock-catalog.handlers.js';
import { imageSearch } from './mock-image-search.handlers.js';
import { addressGet } from './mock-address.handlers.js';
import { freightCalculate } from './mock-freight-calculate.handlers.js';
import { wholesaleGet } from './mock-wholesale.handlers.js';
import { memberBenefitGet } from './mock-benefit.handlers.js';

export type { BusinessCallContext, BusinessHandler } from './mock-business.context.js';
/** The app-level (affiliate) methods: answered without a buyer, refused with a `session`. */
export { AFFILIATE_HANDLERS as APP_HANDLERS } from './mock-affiliate.handlers.js';

/** The business methods the mock answers, by API name. */
export const BUSINESS_HANDLERS: Readonly<Record<string, BusinessHandler>> = {
  'aliexpress.ds.product.get': productGet,
  'aliexpress.ds.text.search': textSearch,
  'aliexpress.ds.freight.query': freightQuery,
  'aliexpress.ds.order.create': orderCreate,
  'aliexpress.trade.ds.order.get': orderGet,
  'aliexpress.ds.order.tracking.get': trackingGet,
  'aliexpress.ds.category.get': categoryGet,
  'aliexpress.ds.feedname.get': feednameGet,
  'aliexpress.ds.feed.itemids.get': feedItemIdsGet,
  'aliexpress.ds.image.searchV2': imageSearch,
  'aliexpress.ds.address.get': addressGet,
  'aliexpress.logistics.buyer.freight.calculate': freightCalculate,
  'aliexpress.ds.product.wholesale.get': wholesaleGet,
  'aliexpress.ds.member.benefit.get': memberBenefitGet,
};
