import type { GatewayObject } from '../gateway/gateway-json.parser.js';
import { booleanOf, textOf } from '../gateway/gateway-json.fields.js';
import { backbone, obj, listObjects } from '../common/response-fields.js';
import { money } from '../common/money.js';
import type { FreightEstimate } from './dropshipping.results.js';
import { minorUnitsToMoney } from '../common/money.js';

/* Reads `aliexpress.logistics.buyer.freight.calculate` answers. */

/**
 * `aliexpress.logistics.buyer.freight.calculate` → {@link FreightEstimate} list. The fee is
 * `freight.amount` (a decimal string in currency units); `freight.cent` (minor units) only when
 * no amount is given: the documented demo pairs `"1.0"` with `"1000"`, so the two can disagree.
 */
export function readFreightEstimates(response: GatewayObject): FreightEstimate[] {
  const result = backbone(
    response.result,
    'aliexpress.logistics.buyer.freight.calculate',
    'result',
  );
  return listObjects(result.aeop_freight_calculate_result_for_buyer_d_t_o_list).map((o) => {
    const freight = obj(o.freight);
    const errorCode = textOf(o.error_code);
    const failed = errorCode !== undefined && errorCode !== '0';
    return {
      serviceName: textOf(o.service_name) ?? '',
      fee:
        money(freight.amount, freight.currency_code) ??
        minorUnitsToMoney(freight.cent, freight.currency_code),
      estimatedDeliveryTime: textOf(o.estimated_delivery_time),
      trackingAvailable: booleanOf(o.tracking_available),
      available: !failed,
      ...(failed ? { errorCode } : {}),
    };
  });
}
