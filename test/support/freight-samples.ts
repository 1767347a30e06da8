import type { FreightOption } from '../../libs/aliexpress/src/dropshipping/freight.results.js';

/**
 * The one option of `aliexpress.ds.freight.query`'s documented demo sample as the library reads
 * it (every scalar a string on the wire, the literal "null" texts absent, 1.99 USD): the reader's
 * unit spec and the conformance replay of the sample expect the same result.
 */
export const DEMO_FREIGHT_OPTION: FreightOption = {
  code: 'CAINIAO_FULFILLMENT_STD',
  company: 'AliExpress Selection Standard',
  fee: { amount: '1.99', currency: 'USD' },
  feeText: 'US $1.99',
  freeShipping: false,
  minDeliveryDays: 20,
  maxDeliveryDays: 40,
  guaranteedDeliveryDays: 100,
  tracking: true,
  shipFromCountry: 'CN',
  availableStock: 100,
  vatIncluded: true,
};
