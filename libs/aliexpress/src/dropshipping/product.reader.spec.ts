import { readBusinessEnvelope } from '../gateway/gateway-envelope.reader.js';
import { readProduct } from './product.reader.js';

const result = {
  ae_item_base_info_dto: { product_id: '1', subject: 'x', sales_count: '1000+' },
  ae_item_sku_info_dtos: [
    {
      sku_id: '12000027158136202',
      sku_attr: '',
      currency_code: 'USD',
      sku_price: '3.94',
      sku_available_stock: '2',
      wholesale_price_tiers: [{ min_quantity: '1', wholesale_price: '"5.78"', discount: '0.52' }],
    },
  ],
  product_id_converter_result: { main_product_id: '3', sub_product_id: { US: 2251832796543238 } },
};

describe('readProduct', () => {
  it('reads the answer bare or still wrapped in aliexpress_ds_product_get_response', () => {
    const read = (body: Record<string, unknown>) =>
      readProduct(readBusinessEnvelope(body as never, 'aliexpress.ds.product.get'));
    const bare = read({ result, rsp_code: '200' });
    const wrapped = read({
      code: '0',
      aliexpress_ds_product_get_response: { result, rsp_code: '200' },
    });
    expect(wrapped).toEqual(bare);
    expect(bare.productId).toBe('1');
  });

  it('"1000+" sales, a single SKU with an empty sku_attr, the quoted wholesale price, the US id', () => {
    const product = readProduct({ result });
    expect(product.salesCount).toBe(1000);
    expect(product.skus[0]).toMatchObject({
      skuId: '12000027158136202',
      skuAttr: '',
      wholesaleTiers: [
        { minQuantity: 1, price: { amount: '5.78', currency: 'USD' }, discount: '0.52' },
      ],
    });
    expect(product.marketIds).toEqual({ main: '3', markets: { US: '2251832796543238' } });
  });

  it('no converter result, no videos, no attributes: empty lists, no market ids', () => {
    const product = readProduct({ result: { ae_item_base_info_dto: { product_id: '1' } } });
    expect(product).toMatchObject({ videos: [], attributes: [], marketIds: undefined });
  });
});
