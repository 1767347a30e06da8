import { readWholesaleProduct } from './wholesale.reader.js';

const answer = (sku: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  result: {
    ae_item_base_info_dto: { product_id: '4000903675543', subject: 'x', currency_code: 'CNY' },
    ae_item_sku_info_dtos: [{ sku_id: '12000027158136202', sku_attr: '', ...sku }],
    ...extra,
  },
});

describe('readWholesaleProduct', () => {
  it('unquotes "\\"5.78\\"", sorts tiers by quantity, uses the SKU currency', () => {
    const product = readWholesaleProduct(
      answer(
        {
          currency_code: 'USD',
          wholesale_price_tiers: [
            { min_quantity: '10', wholesale_price: '"5.50"', discount: '0.55' },
            { min_quantity: '1', wholesale_price: '"5.78"', discount: '0.52' },
            { min_quantity: 'x', wholesale_price: '"1"' },
          ],
          offer_bulk_sale_price: '3.74',
          sku_bulk_order: '10',
        },
        { has_whole_sale: 'true' },
      ),
    );
    expect(product.hasWholesale).toBe(true);
    expect(product.skus[0]).toMatchObject({
      skuId: '12000027158136202',
      tiers: [
        { minQuantity: 1, price: { amount: '5.78', currency: 'USD' }, discount: '0.52' },
        { minQuantity: 10, price: { amount: '5.50', currency: 'USD' }, discount: '0.55' },
      ],
      bulkPrice: { amount: '3.74', currency: 'USD' },
      bulkOrderQuantity: 10,
    });
  });

  it('without wholesale fields: no tiers, hasWholesale false, the product currency', () => {
    const product = readWholesaleProduct(answer({ offer_bulk_sale_price: '2.00' }));
    expect(product.hasWholesale).toBe(false);
    expect(product.skus[0]).toMatchObject({
      tiers: [],
      bulkPrice: { amount: '2.00', currency: 'CNY' },
      bulkOrderQuantity: undefined,
    });
  });
});

describe('readWholesaleProduct: errors name the wholesale API', () => {
  it('an answer without the product backbone is an unexpected shape of wholesale.get', () => {
    expect(() => readWholesaleProduct({ result: {} })).toThrow(
      expect.objectContaining({
        kind: 'unexpected-shape',
        apiName: 'aliexpress.ds.product.wholesale.get',
      }),
    );
  });
});
