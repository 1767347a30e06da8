import type { CreateOrderInput } from '../../libs/aliexpress/src/dropshipping/dropshipping.inputs.js';

/** The buyer's address every order in the tests ships to (a UK address the mock delivers to). */
export const SAMPLE_ADDRESS: CreateOrderInput['address'] = {
  fullName: 'Ada Lovelace',
  address: '12 Analytical Engine St',
  city: 'London',
  province: 'Greater London',
  country: 'GB',
  zip: 'N1 9GU',
  mobileNo: '7700900123',
  phoneCountry: '+44',
};

/** An order of `quantity` (default two) of one product's SKU, shipped to {@link SAMPLE_ADDRESS}. */
export function sampleOrder(productId: string, skuAttr: string, quantity = 2): CreateOrderInput {
  return { address: SAMPLE_ADDRESS, items: [{ productId, quantity, skuAttr }] };
}
