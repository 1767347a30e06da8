import { readCommissionOrder } from './affiliate-order.reader.js';

describe('affiliate order reader', () => {
  it('reads an order: Y/N flags, amounts in the settled currency, either custom-parameter name', () => {
    expect(
      readCommissionOrder({
        order_id: '9007199254740993',
        is_new_buyer: 'Y',
        is_hot_product: 'N',
        paid_amount: 19.98,
        settled_currency: 'USD',
        customer_parameters: 'x=1',
      }),
    ).toEqual({
      orderId: '9007199254740993',
      isNewBuyer: true,
      isHotProduct: false,
      paidAmount: { amount: '19.98', currency: 'USD' },
      customParameters: 'x=1',
    });
  });
});
