import type { GatewayObject } from '../gateway/gateway-json.parser';
import { numberOf, textOf } from '../gateway/gateway-json.fields';
import { backbone, obj, unwrapList } from './dropshipping.normalizer';
import type { OrderTracking } from './dropshipping.results';

/* Reads `aliexpress.ds.order.tracking.get` answers. */

/** `aliexpress.ds.order.tracking.get` → {@link OrderTracking}. */
export function normalizeTracking(response: GatewayObject, orderId: string): OrderTracking {
  const result = backbone(response.result, 'aliexpress.ds.order.tracking.get', 'result');
  const data = obj(result.data);
  return {
    orderId,
    parcels: unwrapList(data.tracking_detail_line_list).map((line) => ({
      carrier: textOf(line.carrier_name),
      trackingNumber: textOf(line.mail_no),
      etaAt: numberOf(line.eta_time_stamps),
      events: unwrapList(line.detail_node_list).map((n) => ({
        at: numberOf(n.time_stamp),
        name: textOf(n.tracking_name),
        description: textOf(n.tracking_detail_desc),
      })),
    })),
  };
}
