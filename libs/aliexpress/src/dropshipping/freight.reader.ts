import { AliexpressTransportError } from '../errors/aliexpress.errors.js';
import type { GatewayObject } from '../gateway/gateway-json.parser.js';
import { booleanOf, numberOf, textField } from '../gateway/gateway-json.fields.js';
import { backbone, listObjects } from '../common/response-fields.js';
import { money } from '../common/money.js';
import type { FreightOption } from './dropshipping.results.js';
import type { Money } from '../common/money.js';

/* Reads `aliexpress.ds.freight.query` answers. */

/** The decimal amount inside a display text ("US $172.71" → "172.71", "$1,234.50" → "1234.50"). */
function amountIn(text: string | undefined): string | undefined {
  const match = text ? /\d[\d,]*(?:\.\d+)?/.exec(text) : null;
  return match ? match[0].replace(/,/g, '') : undefined;
}

const sameAmount = (a: string, b: string) => Number(a) === Number(b);

/** `"17271"` read as minor units: `"172.71"` (decimal string arithmetic, no float). */
function minorToUnits(digits: string): string {
  const padded = digits.padStart(3, '0');
  return `${padded.slice(0, -2).replace(/^0+(?=\d)/, '')}.${padded.slice(-2)}`;
}

/**
 * The fee of an option. `shipping_fee_cent` holds currency units despite its name (the documented
 * samples: "172.71" beside "US $172.71", "1.99" beside "US $1.99"), so it is read as currency
 * units. `shipping_fee_format` is display text only, and used to cross-check: if it shows the
 * field's value divided by 100 (a gateway that does send cents), the field is read as cents. When
 * the two disagree otherwise, the machine field wins: the display text can be localised, rounded or
 * converted, so it is no ground for inventing an amount.
 */
function feeOf(option: GatewayObject): Money {
  const currency = textField(option.shipping_fee_currency) ?? '';
  const raw = option.shipping_fee_cent;
  const text = typeof raw === 'number' ? String(raw) : (textField(raw) ?? '');
  const shown = amountIn(textField(option.shipping_fee_format));
  const units = money(text, currency)?.amount;
  if (units === undefined) {
    // no usable fee field: the display text is all there is; with neither, only a free option
    // has a known fee, anything else would be an invented amount
    if (shown !== undefined) return { amount: shown, currency };
    if (booleanOf(option.free_shipping) === true) return { amount: '0', currency };
    throw new AliexpressTransportError({
      kind: 'unexpected-shape',
      apiName: 'aliexpress.ds.freight.query',
      message: 'a delivery option has no readable fee (shipping_fee_cent / shipping_fee_format)',
    });
  }
  if (shown !== undefined && !sameAmount(units, shown) && /^\d+$/.test(units)) {
    const cents = minorToUnits(units);
    if (sameAmount(cents, shown)) return { amount: cents, currency };
  }
  return { amount: units, currency };
}

/** Free shipping per the documented rule (see {@link FreightOption}). */
function freeShippingOf(
  option: GatewayObject,
): Pick<FreightOption, 'freeShipping' | 'freeShippingThreshold'> {
  if (booleanOf(option.free_shipping) === true) return { freeShipping: true };
  if (booleanOf(option.mayHavePFS) !== true) return { freeShipping: false };
  const threshold = amountIn(textField(option.free_shipping_threshold));
  // a threshold of 0: platform free shipping applies outright; none readable: not free
  if (threshold === undefined) return { freeShipping: false };
  if (Number(threshold) === 0) return { freeShipping: true };
  return {
    freeShipping: false,
    freeShippingThreshold: {
      amount: threshold,
      currency: textField(option.shipping_fee_currency) ?? '',
    },
  };
}

/** `aliexpress.ds.freight.query` → {@link FreightOption} list. */
export function readFreight(response: GatewayObject): FreightOption[] {
  const result = backbone(response.result, 'aliexpress.ds.freight.query', 'result');
  return listObjects(result.delivery_options).map((o) => ({
    code: textField(o.code) ?? '',
    company: textField(o.company),
    fee: feeOf(o),
    feeText: textField(o.shipping_fee_format),
    ...freeShippingOf(o),
    minDeliveryDays: numberOf(o.min_delivery_days),
    maxDeliveryDays: numberOf(o.max_delivery_days),
    guaranteedDeliveryDays: numberOf(o.guaranteed_delivery_days),
    deliveryDateText: textField(o.delivery_date_desc),
    tracking: booleanOf(o.tracking),
    shipFromCountry: textField(o.ship_from_country),
    availableStock: numberOf(o.available_stock),
    vatIncluded: booleanOf(o.ddpIncludeVATTax),
  }));
}
