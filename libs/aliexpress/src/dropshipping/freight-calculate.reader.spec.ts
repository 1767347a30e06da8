import { readFreightEstimates } from './freight-calculate.reader.js';

describe('readFreightEstimates', () => {
  it('takes freight.amount; cent (minor units) only when no amount is sent', () => {
    const list = readFreightEstimates({
      result: {
        success: true,
        aeop_freight_calculate_result_for_buyer_d_t_o_list: {
          aeop_freight_calculate_result_for_buyer_d_t_o: [
            {
              service_name: 'A',
              freight: { amount: '1.0', cent: '1000', currency_code: 'USD' },
              error_code: 0,
            },
            { service_name: 'B', freight: { cent: 250, currency_code: 'EUR' } },
            { service_name: 'C', error_code: '2', tracking_available: 'false' },
          ],
        },
      },
    });
    expect(list).toEqual([
      {
        serviceName: 'A',
        fee: { amount: '1.0', currency: 'USD' },
        estimatedDeliveryTime: undefined,
        trackingAvailable: undefined,
        available: true,
      },
      {
        serviceName: 'B',
        fee: { amount: '2.50', currency: 'EUR' },
        estimatedDeliveryTime: undefined,
        trackingAvailable: undefined,
        available: true,
      },
      {
        serviceName: 'C',
        fee: undefined,
        estimatedDeliveryTime: undefined,
        trackingAvailable: false,
        available: false,
        errorCode: '2',
      },
    ]);
  });
});
