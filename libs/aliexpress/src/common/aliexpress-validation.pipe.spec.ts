import { AliexpressValidationError } from '../errors/aliexpress.errors.js';
import { AliexpressValidationPipe } from './aliexpress-validation.pipe.js';
import { CreateOrderInput } from '../dropshipping/dropshipping.inputs.js';

const metadata = { type: 'body', metatype: CreateOrderInput } as const;
const ADDRESS = { address: '1 Main St', city: 'Austin', province: 'Texas', country: 'US' };
const ITEM = { productId: '1', quantity: 1, skuAttr: '' };

function deep(levels: number): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let current = root;
  for (let i = 0; i < levels; i++) current = current.x = {};
  return root;
}

describe('AliexpressValidationPipe', () => {
  it('refuses a body nested 5,000 levels deep with the library error, not a stack overflow', async () => {
    const error = await new AliexpressValidationPipe()
      .transform({ address: ADDRESS, items: [ITEM], deep: deep(5000) }, metadata)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AliexpressValidationError);
    expect((error as AliexpressValidationError).fields).toEqual([
      expect.stringMatching(/^deep(\.x){32}$/),
    ]);
  });

  it('answers rule failures as AliexpressValidationError, each nested field named once', async () => {
    const error = await new AliexpressValidationPipe()
      .transform({ address: { ...ADDRESS, country: 'usa' }, items: [ITEM] }, metadata)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AliexpressValidationError);
    expect((error as AliexpressValidationError).fields).toEqual(['address.country']);
  });

  it('refuses arrays inside arrays when asked, names the place', async () => {
    const pipe = new AliexpressValidationPipe({ refuseNestedArrays: true });
    const error = await pipe
      .transform({ address: ADDRESS, items: [[ITEM]] }, metadata)
      .catch((e: unknown) => e);
    expect((error as AliexpressValidationError).fields).toEqual(['items']);
  });

  it('passes a valid body through, transformed when asked', async () => {
    const valid = await new AliexpressValidationPipe({ transform: true }).transform(
      { address: ADDRESS, items: [ITEM] },
      metadata,
    );
    expect(valid).toBeInstanceOf(CreateOrderInput);
  });
});
