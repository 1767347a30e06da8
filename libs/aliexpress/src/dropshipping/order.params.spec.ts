import { extendRequest, orderAddress } from './order.params.js';

describe('order parameters', () => {
  const required = {
    address: '1 Main St',
    city: 'Vineland',
    province: 'New Jersey',
    country: 'US',
  };

  it('an address with only the required members', () => {
    expect(orderAddress(required)).toEqual(required);
  });

  it('isForeigner travels as the string the platform types it as', () => {
    expect(orderAddress({ ...required, isForeigner: true })).toMatchObject({
      is_foreigner: 'true',
    });
    expect(orderAddress({ ...required, isForeigner: false })).toMatchObject({
      is_foreigner: 'false',
    });
  });

  it('ds_extend_request: absent when nothing is asked, each member only when given', () => {
    const order = { address: required, items: [] };
    expect(extendRequest(order)).toBeUndefined();
    expect(extendRequest({ ...order, tryToPay: false })).toEqual({
      payment: { try_to_pay: false },
    });
    expect(extendRequest({ ...order, payCurrency: 'USD' })).toEqual({
      payment: { pay_currency: 'USD' },
    });
    expect(extendRequest({ ...order, promotion: { promotionChannelInfo: 'c' } })).toEqual({
      promotion: { promotion_channel_info: 'c' },
    });
    expect(extendRequest({ ...order, businessModel: 'retail' })).toEqual({
      trade_extra_param: { business_model: 'retail' },
    });
  });
});
