import { AliexpressBusinessError, AliexpressError } from './aliexpress.errors.js';

describe('AliexpressBusinessError.platformCode', () => {
  it('keeps the sent code beside the symbolic one, and names both in a sentence', () => {
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
      'AliExpress refused aliexpress.ds.freight.query: the product cannot be delivered to this address (DELIVERY_NOT_AVAILABLE_TO_YOUR_ADDRESS, code 505).',
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
    // a message that only spells the code out is no explanation: the code is read instead
    expect(error.message).toBe(
      'AliExpress refused aliexpress.ds.order.tracking.get: tracking data not found (TRACKING_DATA_NOT_FOUND, code 1001).',
    );
  });

  it('does not repeat a platform code equal to the code', () => {
    const error = new AliexpressBusinessError({ apiName: 'a', code: 'X_Y', platformCode: 'X_Y' });
    expect(error.message).toBe('AliExpress refused a: x y (X_Y).');
  });
});

describe('AliexpressBusinessError message', () => {
  it('reads as a sentence for a code the library knows', () => {
    const error = new AliexpressBusinessError({
      apiName: 'aliexpress.ds.product.get',
      code: 'ITEM_ID_NOT_FOUND',
      platformCode: '605',
    });
    expect(error.message).toBe(
      'AliExpress refused aliexpress.ds.product.get: the product was not found (ITEM_ID_NOT_FOUND, code 605).',
    );
    expect(error).toMatchObject({ code: 'ITEM_ID_NOT_FOUND', platformCode: '605' });
  });

  it("uses the platform's own message when it says more than the code", () => {
    const error = new AliexpressBusinessError({
      apiName: 'aliexpress.ds.order.create',
      code: 'B_DROPSHIPPER_DELIVERY_ADDRESS_VALIDATE_FAIL',
      detail: 'Please enter a city.',
    });
    expect(error.message).toBe(
      'AliExpress refused aliexpress.ds.order.create: Please enter a city (B_DROPSHIPPER_DELIVERY_ADDRESS_VALIDATE_FAIL).',
    );
    expect(error.detail).toBe('Please enter a city.');
  });
});
