import { AliexpressBusinessError } from '../errors/aliexpress.errors.js';
import { readBusinessEnvelope } from '../gateway/gateway-envelope.reader.js';
import type { GatewayObject } from '../gateway/gateway-json.parser.js';
import { isTrackingNotFound, readTracking, trackingNotFound } from './tracking.reader.js';

const read = (result: GatewayObject) => () =>
  readTracking(
    readBusinessEnvelope(
      { aliexpress_ds_order_tracking_get_response: { result } },
      'aliexpress.ds.order.tracking.get',
    ),
    '9',
  );

describe('readTracking: ret false is never an empty success', () => {
  it('1001 "TRACKING DATA NOT FOUND" is the not-found error the service answers found: false for', () => {
    let error: unknown;
    try {
      read({ ret: false, code: '1001', msg: 'TRACKING DATA NOT FOUND' })();
    } catch (e) {
      error = e;
    }
    expect(isTrackingNotFound(error)).toBe(true);
    expect(trackingNotFound('9')).toEqual({ orderId: '9', found: false, parcels: [] });
  });

  it('any other ret false is a business error with the code as sent', () => {
    const failing = read({ ret: 'false', code: 'ORDER_NOT_FOUND', msg: 'no order' });
    expect(failing).toThrow(AliexpressBusinessError);
    expect(failing).toThrow(expect.objectContaining({ code: 'ORDER_NOT_FOUND' }));
  });

  it('a 34-digit mail_no stays the exact string; epoch-ms times as numbers', () => {
    const [parcel] = readTracking(
      {
        result: {
          ret: true,
          data: {
            tracking_detail_line_list: [
              {
                mail_no: '4209795192144903600008220012159992',
                eta_time_stamps: '1740273780000',
                detail_node_list: [{ time_stamp: 1739928180000, tracking_name: 'x' }],
              },
            ],
          },
        },
      },
      '9',
    ).parcels;
    expect(parcel.trackingNumber).toBe('4209795192144903600008220012159992');
    expect(parcel.etaAt).toBe(1740273780000);
    expect(parcel.events[0].at).toBe(1739928180000);
  });
});

describe('isTrackingNotFound', () => {
  const error = (
    code: string,
    platformCode?: string,
    apiName = 'aliexpress.ds.order.tracking.get',
  ) => Object.assign(new AliexpressBusinessError({ apiName, code }), { platformCode });

  it.each([
    [error('TRACKING_DATA_NOT_FOUND', '1001'), true],
    [error('TRACKING DATA NOT FOUND'), true],
    [error('1001'), true],
    [error('ORDER_NOT_FOUND'), false],
    [error('1001', undefined, 'aliexpress.ds.freight.query'), false],
    [new Error('1001'), false],
  ])('%s → %s', (candidate, expected) => {
    expect(isTrackingNotFound(candidate)).toBe(expected);
  });
});
