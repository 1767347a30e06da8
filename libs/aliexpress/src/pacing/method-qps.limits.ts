/**
 * The platform's per-method QPS limits (Quick Start / API QPS page), the defaults of the
 * `qpsLimits` option. `image.search` is listed once on the page; it holds for `searchV2` too.
 * Methods the page does not list are paced only by the app-wide `qpsLimit`.
 */
export const DEFAULT_METHOD_QPS: Readonly<Record<string, number>> = Object.freeze({
  'aliexpress.ds.product.get': 500,
  'aliexpress.trade.buy.placeorder': 150,
  'aliexpress.ds.order.create': 150,
  'aliexpress.trade.ds.order.get': 1000,
  'aliexpress.ds.freight.query': 350,
  'aliexpress.ds.image.search': 15,
  'aliexpress.ds.image.searchV2': 15,
  'aliexpress.ds.order.tracking.get': 100,
  'aliexpress.ds.address.get': 4,
  'aliexpress.ds.category.get': 1000,
  'aliexpress.ds.feed.itemids.get': 3,
  'aliexpress.ds.feedname.get': 1000,
  'aliexpress.ds.recommend.feed.get': 1000,
});

/**
 * The per-method limits in force: the documented defaults with the app's overrides on top, or
 * none at all when the app turned them off (`qpsLimits: false`, e.g. after the platform raised
 * its quotas).
 */
export function methodQpsLimits(
  overrides: Readonly<Record<string, number>> | false | undefined,
): Readonly<Record<string, number>> {
  if (overrides === false) return Object.freeze({});
  return Object.freeze({ ...DEFAULT_METHOD_QPS, ...overrides });
}
