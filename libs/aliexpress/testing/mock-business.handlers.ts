import type { BusinessHandler } from './mock-business.context';
import { freightQuery } from './mock-freight.handlers';
import { orderCreate, orderGet } from './mock-order.handlers';
import { productGet, textSearch } from './mock-product.handlers';
import { trackingGet } from './mock-tracking.handlers';

export type { BusinessCallContext, BusinessHandler } from './mock-business.context';

/** The business methods the mock answers, by API name. */
export const BUSINESS_HANDLERS: Readonly<Record<string, BusinessHandler>> = {
  'aliexpress.ds.product.get': productGet,
  'aliexpress.ds.text.search': textSearch,
  'aliexpress.ds.freight.query': freightQuery,
  'aliexpress.ds.order.create': orderCreate,
  'aliexpress.trade.ds.order.get': orderGet,
  'aliexpress.ds.order.tracking.get': trackingGet,
};
