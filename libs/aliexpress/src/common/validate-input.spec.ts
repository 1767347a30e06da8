import type { ClassConstructor } from 'class-transformer';
import { SAMPLE_ADDRESS } from '../../../../test/support/order-fixtures.js';
import { AliexpressValidationError } from '../errors/aliexpress.errors.js';
import {
  CalculateFreightInput,
  CreateOrderInput,
  GetAddressTreeInput,
  GetCategoriesInput,
  GetFeedItemIdsInput,
  GetOrderInput,
  GetOrderTrackingInput,
  GetProductInput,
  GetWholesaleProductInput,
  QueryFreightInput,
  SearchByImageInput,
  SearchProductsInput,
} from '../dropshipping/dropshipping.inputs.js';
import { MAX_INPUT_DEPTH } from './input-shape.js';
import { validateInput } from './validate-input.js';

const ITEM = { productId: '1005006154258794', quantity: 1, skuAttr: '' };

/** An object `levels` deep: `{ x: { x: { … } } }`. */
function nested(levels: number): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let current = root;
  for (let i = 0; i < levels; i++) {
    const next: Record<string, unknown> = {};
    current.x = next;
    current = next;
  }
  return root;
}

/** An array `levels` deep: `[[[…]]]`. */
function nestedArray(levels: number): unknown[] {
  const root: unknown[] = [];
  let current = root;
  for (let i = 0; i < levels; i++) {
    const next: unknown[] = [];
    current.push(next);
    current = next;
  }
  return root;
}

function failure(run: () => unknown): AliexpressValidationError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AliexpressValidationError);
  return caught as AliexpressValidationError;
}

const INPUTS: Array<ClassConstructor<object>> = [
  CalculateFreightInput,
  CreateOrderInput,
  GetAddressTreeInput,
  GetCategoriesInput,
  GetFeedItemIdsInput,
  GetOrderInput,
  GetOrderTrackingInput,
  GetProductInput,
  GetWholesaleProductInput,
  QueryFreightInput,
  SearchByImageInput,
  SearchProductsInput,
];

describe('validateInput: hostile shapes are refused with the library error', () => {
  it.each(INPUTS.map((type) => [type.name, type] as const))(
    '%s: a property nested 5,000 levels deep, an array nested 5,000 deep, a cycle',
    (_name, type) => {
      const deep = failure(() => validateInput(type, { deep: nested(5000) }));
      expect(deep.fields).toEqual([expect.stringMatching(/^deep(\.x)+$/)]);
      expect(deep.message).toContain(`more than ${MAX_INPUT_DEPTH} levels`);
      failure(() => validateInput(type, { deep: nestedArray(5000) }));
      const cycle: Record<string, unknown> = {};
      cycle.self = cycle;
      failure(() => validateInput(type, cycle));
    },
  );

  it('a body nested just within the limit is judged by the rules, not refused for its depth', () => {
    const error = failure(() =>
      validateInput(GetOrderInput, { orderId: nested(MAX_INPUT_DEPTH - 1) }),
    );
    expect(error.message).not.toContain('levels');
    expect(error.fields).toEqual(['orderId']);
  });

  it('an order without address names the address', () => {
    expect(failure(() => validateInput(CreateOrderInput, { items: [ITEM] })).fields).toEqual([
      'address',
    ]);
    expect(
      failure(() => validateInput(CreateOrderInput, { address: null, items: [ITEM] })).fields,
    ).toEqual(['address']);
  });

  it.each<[string, string, () => unknown]>([
    [
      'order items inside an array',
      'items',
      () => validateInput(CreateOrderInput, { address: SAMPLE_ADDRESS, items: [[ITEM]] }),
    ],
    [
      'search filters inside an array',
      'searchExtend',
      () =>
        validateInput(SearchProductsInput, {
          keyword: 'case',
          countryCode: 'US',
          searchExtend: [[{ searchKey: 'ship_from', searchValue: 'CN' }]],
        }),
    ],
    [
      'a search filter that is not an object',
      'searchExtend.0',
      () =>
        validateInput(SearchProductsInput, {
          keyword: 'case',
          countryCode: 'US',
          searchExtend: ['ship_from'],
        }),
    ],
    [
      'an address given as an array',
      'address',
      () => validateInput(CreateOrderInput, { address: [SAMPLE_ADDRESS], items: [ITEM] }),
    ],
    [
      'a promotion inside an array',
      'promotion',
      () =>
        validateInput(CreateOrderInput, {
          address: SAMPLE_ADDRESS,
          items: [ITEM],
          promotion: [[{ promotionChannelInfo: 'x' }]],
        }),
    ],
  ])('%s: refused, naming %s', (_case, field, run) => {
    expect(failure(run).fields).toContain(field);
  });

  it('a valid order passes, as its class', () => {
    const valid = validateInput(CreateOrderInput, { address: SAMPLE_ADDRESS, items: [ITEM] });
    expect(valid).toBeInstanceOf(CreateOrderInput);
    expect(valid.items).toHaveLength(1);
  });
});
