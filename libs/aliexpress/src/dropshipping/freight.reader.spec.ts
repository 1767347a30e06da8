import { DEMO_FREIGHT_OPTION } from '../../../../test/support/freight-samples.js';
import { readFreight } from './freight.reader.js';

const option = (fields: Record<string, string | number | boolean>) => ({
  result: {
    success: true,
    delivery_options: { delivery_option_d_t_o: [{ code: 'X', ...fields }] },
  },
});

describe('readFreight: shipping_fee_cent is in currency units', () => {
  it.each([
    ['172.71', 'US $172.71', '172.71'],
    ['5', undefined, '5'],
    ['5', 'US $5.00', '5'],
    ['1.99', 'US $1.99', '1.99'],
    ['0', undefined, '0'],
  ])('%s (format %s) → %s', (cent, format, amount) => {
    const [read] = readFreight(
      option({
        shipping_fee_cent: cent,
        shipping_fee_currency: 'USD',
        ...(format ? { shipping_fee_format: format } : {}),
      }),
    );
    expect(read.fee).toEqual({ amount, currency: 'USD' });
  });
});

describe('readFreight: no fee is never invented', () => {
  it('a free option without a fee field costs 0', () => {
    const [read] = readFreight(option({ free_shipping: true, shipping_fee_currency: 'USD' }));
    expect(read.fee).toEqual({ amount: '0', currency: 'USD' });
  });

  it('a paid option without a fee field or display text is an unexpected shape', () => {
    expect(() =>
      readFreight(option({ free_shipping: false, shipping_fee_currency: 'USD' })),
    ).toThrow(expect.objectContaining({ kind: 'unexpected-shape' }));
  });
});

describe('readFreight: the fee cross-checked against shipping_fee_format', () => {
  it.each([
    ['reads cents only when the display text proves it', '17271', 'USD', 'US $172.71', '172.71'],
    [
      'trusts the machine field when the display text disagrees otherwise',
      '3.20',
      'EUR',
      '€ 3,49',
      '3.20',
    ],
    [
      'falls back to the display text when the fee field is missing',
      undefined,
      'USD',
      'US $1,234.50',
      '1234.50',
    ],
  ])('%s (%s %s, format %s) → %s', (_case, cent, currency, format, amount) => {
    const [read] = readFreight(
      option({
        ...(cent !== undefined ? { shipping_fee_cent: cent } : {}),
        shipping_fee_currency: currency,
        shipping_fee_format: format,
      }),
    );
    expect(read.fee).toEqual({ amount, currency });
    expect(read.feeText).toBe(format);
  });
});

describe('readFreight: free shipping per the documented rule', () => {
  it.each<[string, Record<string, string | boolean>, boolean, string | undefined]>([
    ['free_shipping true', { free_shipping: true, mayHavePFS: false }, true, undefined],
    ['free_shipping "true"', { free_shipping: 'true' }, true, undefined],
    ['not free, no PFS', { free_shipping: false, mayHavePFS: false }, false, undefined],
    [
      'PFS with threshold 0',
      { free_shipping: false, mayHavePFS: true, free_shipping_threshold: '0' },
      true,
      undefined,
    ],
    [
      'PFS with a threshold',
      { free_shipping: 'false', mayHavePFS: 'true', free_shipping_threshold: '10.00' },
      false,
      '10.00',
    ],
    [
      'PFS with a formatted threshold (demo "$10.00")',
      { free_shipping: 'false', mayHavePFS: 'true', free_shipping_threshold: '$10.00' },
      false,
      '10.00',
    ],
    [
      'PFS with the literal "null" as threshold is no free shipping',
      { free_shipping: false, mayHavePFS: true, free_shipping_threshold: 'null' },
      false,
      undefined,
    ],
    ['PFS without a threshold is no free shipping', { mayHavePFS: true }, false, undefined],
    [
      'a threshold without PFS is no free shipping',
      { free_shipping: 'false', mayHavePFS: 'false', free_shipping_threshold: '$10.00' },
      false,
      undefined,
    ],
  ])('%s', (_case, fields, free, threshold) => {
    const [read] = readFreight(
      option({ shipping_fee_cent: '2.00', shipping_fee_currency: 'USD', ...fields }),
    );
    expect(read.freeShipping).toBe(free);
    expect(read.freeShippingThreshold).toEqual(
      threshold === undefined ? undefined : { amount: threshold, currency: 'USD' },
    );
  });
});

describe('readFreight: delivery, tracking, ship-from', () => {
  it('reads the demo form: every scalar a string, the literal "null" as absent', () => {
    const [read] = readFreight({
      result: {
        code: '200',
        success: 'true',
        delivery_options: [
          {
            code: 'CAINIAO_FULFILLMENT_STD',
            shipping_fee_currency: 'USD',
            free_shipping: 'false',
            mayHavePFS: 'false',
            guaranteed_delivery_days: '100',
            max_delivery_days: '40',
            min_delivery_days: '20',
            tracking: 'true',
            shipping_fee_format: 'US $1.99',
            free_shipping_threshold: '$10.00',
            estimated_delivery_time: 'null',
            delivery_date_desc: 'null',
            company: 'AliExpress Selection Standard',
            ship_from_country: 'CN',
            available_stock: '100',
            ddpIncludeVATTax: 'true',
            shipping_fee_cent: '1.99',
          },
        ],
      },
    });
    expect(read).toEqual(DEMO_FREIGHT_OPTION);
    expect(read).not.toHaveProperty('deliveryDateText', 'null');
  });
});
