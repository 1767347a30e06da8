import { AliexpressBusinessError, AliexpressError } from './aliexpress.errors.js';

describe('AliexpressBusinessError.platformCode', () => {
  it('keeps the sent code beside the symbolic one, and names both in the message', () => {
    const error = new AliexpressBusinessError({
      apiName: 'aliexpress.ds.freight.query',
      code: 'DELIVERY_NOT_AVAILABLE_TO_YOUR_ADDRESS',
      platformCode: '505',
      requestId: 'r1',
    });
    expect(error).toBeInstanceOf(AliexpressError);
    expect(error).toMatchObject({
      code: 'DELIVERY_NOT_AVAILABLE_TO_YOUR_ADDRESS',
      platformCode: '505',
      detail: undefined,
    });
    expect(error.message).toBe(
      'aliexpress.ds.freight.query: DELIVERY_NOT_AVAILABLE_TO_YOUR_ADDRESS [505]',
    );
  });

  it('keeps the platform message as detail when it says more than the code', () => {
    const error = new AliexpressBusinessError({
      apiName: 'aliexpress.ds.order.tracking.get',
      code: 'TRACKING_DATA_NOT_FOUND',
      platformCode: '1001',
      detail: 'TRACKING DATA NOT FOUND',
    });
    expect(error.detail).toBe('TRACKING DATA NOT FOUND');
    expect(error.message).toBe(
      'aliexpress.ds.order.tracking.get: TRACKING_DATA_NOT_FOUND [1001] - TRACKING DATA NOT FOUND',
    );
  });

  it('does not repeat a platform code equal to the code', () => {
    const error = new AliexpressBusinessError({ apiName: 'a', code: 'X_Y', platformCode: 'X_Y' });
    expect(error.message).toBe('a: X_Y');
  });
});
