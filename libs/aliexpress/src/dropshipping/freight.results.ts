import type { Money } from '../common/money.js';

/**
 * `queryFreight`: one way to ship a SKU to a country.
 *
 * Free shipping follows the platform's documented rule: `freeShipping` is true when the option is
 * free outright (`free_shipping`, or `mayHavePFS` with a zero `free_shipping_threshold`); when it
 * becomes free only once the order total reaches a threshold, `freeShipping` stays false and
 * `freeShippingThreshold` carries that threshold, for the caller to compare with its order total.
 */
export interface FreightOption {
  /** The logistics service code; send it as `logisticsServiceName` when ordering. */
  code: string;
  /** The carrier's display name. */
  company?: string;
  /**
   * The shipping fee in currency units. The platform names the field `shipping_fee_cent` but
   * sends currency units ("172.71" beside "US $172.71").
   */
  fee: Money;
  /** The platform's own display text of the fee (`shipping_fee_format`, e.g. "US $172.71"). */
  feeText?: string;
  /** True when shipping is free for this order whatever its total. */
  freeShipping: boolean;
  /**
   * Present when platform free shipping applies from an order total (`mayHavePFS` with a non-zero
   * `free_shipping_threshold`): shipping is free when the order total reaches this amount.
   */
  freeShippingThreshold?: Money;
  /** Estimated delivery, in days. */
  minDeliveryDays?: number;
  maxDeliveryDays?: number;
  /** Days within which delivery is guaranteed (`guaranteed_delivery_days`). */
  guaranteedDeliveryDays?: number;
  /** The platform's delivery estimate as text (`delivery_date_desc`, e.g. "Mar 08 - 25"). */
  deliveryDateText?: string;
  /** The parcel can be tracked. */
  tracking?: boolean;
  /** The country the SKU ships from (two letters). */
  shipFromCountry?: string;
  /** Stock of the SKU available for this option. */
  availableStock?: number;
  /** The price includes the destination's VAT (delivered duty paid, `ddpIncludeVATTax`). */
  vatIncluded?: boolean;
}
