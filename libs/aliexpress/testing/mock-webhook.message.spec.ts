import { parse, type LosslessNumber } from 'lossless-json';
import { pushMessageBody } from './mock-webhook.message.js';

describe('pushMessageBody', () => {
  const message = {
    sellerId: '1234',
    buyerId: '1861703697',
    orderId: '9007199254740993', // 2^53 + 1: a JS number would make it ...992
    orderStatus: 'paymentFailedEvent' as const,
    timestamp: 1719389200,
  };

  it('the documented body, field for field, the order id digit for digit', () => {
    expect(pushMessageBody(message)).toBe(
      '{"seller_id":"1234","message_type":53,"data":{"buyerId":1861703697,"orderId":9007199254740993,"orderStatus":"paymentFailedEvent"},"site":"ae_global","timestamp":1719389200}',
    );
    const parsed = parse(pushMessageBody(message)) as { data: { orderId: LosslessNumber } };
    expect(parsed.data.orderId.toString()).toBe('9007199254740993');
  });

  it('refuses ids that are not decimal digits and timestamps that are not whole seconds', () => {
    for (const bad of ['', '12a', '-1', '1e20', '0123'])
      expect(() => pushMessageBody({ ...message, orderId: bad })).toThrow(TypeError);
    expect(() => pushMessageBody({ ...message, buyerId: '1.5' })).toThrow(TypeError);
    expect(() => pushMessageBody({ ...message, timestamp: 1.5 })).toThrow(TypeError);
  });
});
