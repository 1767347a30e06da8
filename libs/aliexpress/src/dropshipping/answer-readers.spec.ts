import { parseGatewayJson, type GatewayObject } from '../gateway/gateway-json.parser.js';
import { AliexpressTransportError } from '../errors/aliexpress.errors.js';
import { idString } from '../gateway/gateway-json.fields.js';
import { readFreight } from './freight.reader.js';
import { readCreatedOrderIds, readOrder } from './order.reader.js';
import { readProduct } from './product.reader.js';
import { readSearch } from './search.reader.js';
import { readTracking } from './tracking.reader.js';

describe('ids', () => {
  it('keeps ids exact as strings', () => {
    const parsed = parseGatewayJson(
      '{"small":1005006154258794,"big":12000036032948733}',
    ) as GatewayObject;
    expect(idString(parsed.small)).toBe('1005006154258794');
    expect(idString(parsed.big)).toBe('12000036032948733');
    expect(idString(1.5)).toBeUndefined();
  });
});

describe('readProduct and readFreight', () => {
  it('reads a sparse product without throwing', () => {
    const product = readProduct({
      result: { ae_item_base_info_dto: { product_id: '1', subject: 'x' } },
    });
    expect(product).toEqual(
      expect.objectContaining({ productId: '1', title: 'x', images: [], skus: [] }),
    );
  });

  it('reads a lone delivery option and booleans given as strings', () => {
    expect(
      readFreight({
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
    ['a product without result', () => readProduct({}), /"result"/],
    [
      'a product without base info',
      () => readProduct({ result: { ae_item_sku_info_dtos: {} } }),
      /ae_item_base_info_dto/,
    ],
    [
      'a product without id',
      () => readProduct({ result: { ae_item_base_info_dto: { subject: 'x' } } }),
      /product id/,
    ],
    ['a search without data', () => readSearch({ code: '0' }), /"data"/],
    ['freight without result', () => readFreight({ result: 'none' }), /"result"/],
    [
      'a created order without ids',
      () => readCreatedOrderIds({ result: { is_success: true } }),
      /order id/,
    ],
    ['an order without result', () => readOrder({}, '1'), /"result"/],
    ['tracking without result', () => readTracking({}, '1'), /"result"/],
  ])('%s is an unexpected-shape transport error', (_case, read, what) => {
    expect(read).toThrow(AliexpressTransportError);
    expect(read).toThrow(expect.objectContaining({ kind: 'unexpected-shape' }));
    expect(read).toThrow(what);
  });

  it('an empty but well-formed answer is fine: no options, no parcels', () => {
    expect(readFreight({ result: { success: true, delivery_options: {} } })).toEqual([]);
    expect(readTracking({ result: { ret: true } }, '1')).toEqual({
      orderId: '1',
      found: true,
      parcels: [],
    });
    expect(readSearch({ data: { totalCount: 0 } })).toMatchObject({
      totalCount: 0,
      products: [],
    });
  });
});
