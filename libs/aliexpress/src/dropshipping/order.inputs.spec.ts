import { AliexpressValidationError } from '../errors/aliexpress.errors.js';
import { validateInput } from '../common/validate-input.js';
import { CreateOrderInput } from './order.inputs.js';

const ADDRESS = { address: '1 Main St', city: 'Austin', province: 'Texas', country: 'US' };
const ITEM = { productId: '1005006154258794', quantity: 1, skuAttr: '14:350853#Black' };

/** The validation error `createOrder` would raise for this input. */
function refusal(input: unknown): AliexpressValidationError {
  try {
    validateInput(CreateOrderInput, input);
  } catch (error) {
    expect(error).toBeInstanceOf(AliexpressValidationError);
    return error as AliexpressValidationError;
  }
  throw new Error('the input was accepted');
}

const withoutKey = (record: Record<string, unknown>, key: string) =>
  Object.fromEntries(Object.entries(record).filter(([name]) => name !== key));

describe('CreateOrderInput: a missing required field says what to send', () => {
  it('skuAttr: the SKU from getProduct, or an empty string for a single-SKU product', () => {
    const error = refusal({ address: ADDRESS, items: [withoutKey(ITEM, 'skuAttr')] });
    expect(error.fields).toEqual(['items.0.skuAttr']);
    expect(error.problems).toEqual([
      "items.0.skuAttr is required: send the sku_attr of the SKU from getProduct (skus[].skuAttr), or '' for a single-SKU product",
    ]);
    expect(error.message).not.toContain('shorter than');
  });

  it.each([
    ['productId', 'items.0.productId is required: send the product id'],
    ['quantity', 'items.0.quantity is required: send how many to order'],
  ])('items[].%s', (key, problem) => {
    const error = refusal({ address: ADDRESS, items: [withoutKey(ITEM, key)] });
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toContain(problem);
  });

  it.each([
    ['address', 'address.address is required: send the street address'],
    ['city', 'address.city is required'],
    ['province', 'address.province is required'],
    ['country', 'address.country is required: send a two-letter country code such as US'],
  ])('address.%s', (key, problem) => {
    const error = refusal({ address: withoutKey(ADDRESS, key), items: [ITEM] });
    expect(error.fields).toEqual([`address.${key}`]);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toContain(problem);
  });

  it('address and items themselves', () => {
    expect(refusal({ items: [ITEM] }).problems).toEqual([
      'address is required: send the delivery address (address, city, province, country)',
    ]);
    expect(refusal({ address: ADDRESS }).problems).toEqual([
      'items is required: send one entry per product line, { productId, quantity, skuAttr }',
    ]);
  });

  it('a present but wrong value keeps its own message, and no value is echoed', () => {
    const error = refusal({
      address: { ...ADDRESS, country: 'usa-secret-value' },
      items: [{ ...ITEM, skuAttr: 42 }],
    });
    expect(error.problems).toEqual([
      'address.country must be a two-letter country code such as US',
      'items.0.skuAttr must be a string',
    ]);
    expect(error.message).not.toContain('usa-secret-value');
  });
});
