import { readSkuDetails } from './affiliate-shipping.reader.js';

describe('affiliate shipping and SKU reader', () => {
  it('reads sku.detail.get under result.result, the SKU currency on every amount', () => {
    const details = readSkuDetails(
      {
        result: {
          result: {
            ae_item_info: { title: 'T', display_category_id_l2: 7, display_category_name_l2: 'C' },
            ae_item_sku_info: [
              { sku_id: '12000036032948733', price_with_tax: '1.10', currency: 'EUR' },
            ],
          },
          success: true,
        },
      },
      '55',
    );
    expect(details).toEqual({
      item: {
        productId: '55',
        title: 'T',
        additionalImageLinks: [],
        categories: [{ level: 2, categoryId: '7', name: 'C' }],
      },
      skus: [{ skuId: '12000036032948733', priceWithTax: { amount: '1.10', currency: 'EUR' } }],
    });
  });
});
