import { parseGatewayJson, type GatewayObject } from '../gateway/gateway-json.parser.js';
import { AliexpressTransportError } from '../errors/aliexpress.errors.js';
import { idString } from '../gateway/gateway-json.fields.js';
import { money, unwrapList } from './dropshipping.normalizer.js';
import { normalizeFreight } from './freight.reader.js';
import { normalizeCreatedOrderIds, normalizeOrder } from './order.reader.js';
import { normalizeProduct } from './product.reader.js';
import { normalizeSearch } from './search.reader.js';
import { normalizeTracking } from './tracking.reader.js';

describe('unwrapList', () => {
  it('unwraps {"x_d_t_o": [...]}, a lone object, a bare list, and nothing', () => {
    expect(unwrapList({ x_d_t_o: [{ a: 1 }, { a: 2 }] })).toEqual([{ a: 1 }, { a: 2 }]);
    expect(unwrapList({ x_d_t_o: { a: 1 } })).toEqual([{ a: 1 }]);
    expect(unwrapList([{ a: 1 }])).toEqual([{ a: 1 }]);
    expect(unwrapList(undefined)).toEqual([]);
    expect(unwrapList(null)).toEqual([]);
    expect(unwrapList('x')).toEqual([]);
    expect(unwrapList({})).toEqual([]);
  });
});

describe('ids and money', () => {
  it('keeps ids exact as strings', () => {
    const parsed = parseGatewayJson(
      '{"small":1005006154258794,"big":12000036032948733}',
    ) as GatewayObject;
    expect(idString(parsed.small)).toBe('1005006154258794');
    expect(idString(parsed.big)).toBe('12000036032948733');
    expect(idString(1.5)).toBeUndefined();
  });

  it('money is a decimal string with its currency, never a float', () => {
    expect(money('12.99', 'USD')).toEqual({ amount: '12.99', currency: 'USD' });
    expect(money(9.5, 'EUR')).toEqual({ amount: '9.5', currency: 'EUR' });
    expect(money('n/a', 'USD')).toBeUndefined();
    expect(money('1.00', undefined)).toBeUndefined();
  });
});

describe('normalizeProduct and normalizeFreight', () => {
  it('reads a sparse product without throwing', () => {
    const product = normalizeProduct({
      result: { ae_item_base_info_dto: { product_id: '1', subject: 'x' } },
    });
    expect(product).toEqual(
      expect.objectContaining({ productId: '1', title: 'x', images: [], skus: [] }),
    );
  });

  it('reads a lone delivery option and booleans given as strings', () => {
    expect(
      normalizeFreight({
        result: {
          delivery_options: {
            delivery_option_d_t_o: {
              code: 'X',
              shipping_fee_cent: '2.50',
              shipping_fee_currency: 'USD',
              free_shipping: 'false',
            },
          },
        },
      }),
    ).toEqual([
      expect.objectContaining({
        code: 'X',
        fee: { amount: '2.50', currency: 'USD' },
        freeShipping: false,
      }),
    ]);
  });
});

describe('answers of an unexpected shape', () => {
  it.each<[string, () => unknown, RegExp]>([
    ['a product without result', () => normalizeProduct({}), /"result"/],
    [
      'a product without base info',
      () => normalizeProduct({ result: { ae_item_sku_info_dtos: {} } }),
      /ae_item_base_info_dto/,
    ],
    [
      'a product without id',
      () => normalizeProduct({ result: { ae_item_base_info_dto: { subject: 'x' } } }),
      /product id/,
    ],
    ['a search without data', () => normalizeSearch({ code: '0' }), /"data"/],
    ['freight without result', () => normalizeFreight({ result: 'none' }), /"result"/],
    [
      'a created order without ids',
      () => normalizeCreatedOrderIds({ result: { is_success: true } }),
      /order id/,
    ],
    ['an order without result', () => normalizeOrder({}, '1'), /"result"/],
    ['tracking without result', () => normalizeTracking({}, '1'), /"result"/],
  ])('%s is an unexpected-shape transport error', (_case, read, what) => {
    expect(read).toThrow(AliexpressTransportError);
    expect(read).toThrow(expect.objectContaining({ kind: 'unexpected-shape' }));
    expect(read).toThrow(what);
  });

  it('an empty but well-formed answer is fine: no options, no parcels', () => {
    expect(normalizeFreight({ result: { success: true, delivery_options: {} } })).toEqual([]);
    expect(normalizeTracking({ result: { ret: true } }, '1')).toEqual({
      orderId: '1',
      found: true,
      parcels: [],
    });
    expect(normalizeSearch({ data: { totalCount: 0 } })).toMatchObject({
      totalCount: 0,
      products: [],
    });
  });
});
