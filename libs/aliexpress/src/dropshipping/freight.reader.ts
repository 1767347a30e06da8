import type { GatewayObject } from '../gateway/gateway-json.parser';
import { booleanOf, numberOf, textOf } from '../gateway/gateway-json.fields';
import { backbone, centsToMoney, unwrapList } from './dropshipping.normalizer';
import type { FreightOption } from './dropshipping.results';

/* Reads `aliexpress.ds.freight.query` answers. */

/** `aliexpress.ds.freight.query` → {@link FreightOption} list. */
export function normalizeFreight(response: GatewayObject): FreightOption[] {
  const result = backbone(response.result, 'aliexpress.ds.freight.query', 'result');
  return unwrapList(result.delivery_options).map((o) => ({
    code: textOf(o.code) ?? '',
    company: textOf(o.company),
    fee: centsToMoney(o.shipping_fee_cent, o.shipping_fee_currency) ?? {
      amount: '0.00',
      currency: textOf(o.shipping_fee_currency) ?? '',
    },
    freeShipping: booleanOf(o.free_shipping) ?? false,
    minDeliveryDays: numberOf(o.min_delivery_days),
    maxDeliveryDays: numberOf(o.max_delivery_days),
    tracking: booleanOf(o.tracking),
    shipFromCountry: textOf(o.ship_from_country),
  }));
}
