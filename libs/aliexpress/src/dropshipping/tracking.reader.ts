import { AliexpressBusinessError } from '../errors/aliexpress.errors.js';
import type { GatewayObject } from '../gateway/gateway-json.parser.js';
import { idString, numberOf, textOf } from '../gateway/gateway-json.fields.js';
import { backbone, obj, listObjects } from '../common/response-fields.js';
import type { OrderTracking } from './dropshipping.results.js';

/* Reads `aliexpress.ds.order.tracking.get` answers. */

const API = 'aliexpress.ds.order.tracking.get';

/** The platform's code for "no tracking data yet" (`msg` "TRACKING DATA NOT FOUND"). */
export const TRACKING_NOT_FOUND_CODE = '1001';

/**
 * True when an error is the platform's "no tracking data yet" answer, whichever way the envelope
 * reader named it: the numeric `1001` (as `code` or `platformCode`) or its message.
 */
export function isTrackingNotFound(error: unknown): boolean {
  if (!(error instanceof AliexpressBusinessError)) return false;
  const platformCode = (error as { platformCode?: unknown }).platformCode;
  return (
    error.apiName === API &&
    (platformCode === TRACKING_NOT_FOUND_CODE ||
      error.code === TRACKING_NOT_FOUND_CODE ||
      /^TRACKING[ _]DATA[ _]NOT[ _]FOUND$/i.test(error.code))
  );
}

/** The answer for an order the platform has no tracking data for yet. */
export const trackingNotFound = (orderId: string): OrderTracking => ({
  orderId,
  found: false,
  parcels: [],
});

/**
 * `aliexpress.ds.order.tracking.get` → {@link OrderTracking}. A `result.ret` false never gets
 * here: the envelope reader raises it, and the service turns code 1001 ("TRACKING DATA NOT FOUND")
 * into `found: false` ({@link isTrackingNotFound}). Time stamps are epoch ms; `mail_no` stays the
 * exact string sent.
 */
export function readTracking(response: GatewayObject, orderId: string): OrderTracking {
  const result = backbone(response.result, API, 'result');
  const data = obj(result.data);
  return {
    orderId,
    found: true,
    parcels: listObjects(data.tracking_detail_line_list).map((line) => ({
      carrier: textOf(line.carrier_name),
      trackingNumber: textOf(line.mail_no),
      etaAt: numberOf(line.eta_time_stamps),
      events: listObjects(line.detail_node_list).map((n) => ({
        at: numberOf(n.time_stamp),
        name: textOf(n.tracking_name),
        description: textOf(n.tracking_detail_desc),
      })),
      items: listObjects(line.package_item_list).map((item) => ({
        productId: idString(item.item_id),
        skuId: idString(item.sku_id),
        title: textOf(item.item_title),
        skuText: textOf(item.sku_desc),
        quantity: numberOf(item.quantity),
      })),
    })),
  };
}
