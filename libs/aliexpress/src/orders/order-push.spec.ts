import { readOrderPush } from './order-push.js';

const body = (text: string) => Buffer.from(text, 'utf8');

describe('readOrderPush', () => {
  it('reads the documented push, keeping an order id beyond 2^53 exact', () => {
    const reading = readOrderPush(
      body(
        '{"seller_id":"4641738246","message_type":53,"data":{"buyerId":4641738246,' +
          '"orderId":3000000000000000001,"orderStatus":"OrderShipped"},"site":"ae_global","timestamp":1764000000}',
      ),
    );
    expect(reading).toEqual({
      kind: 'push',
      push: {
        sellerId: '4641738246',
        buyerId: '4641738246',
        orderId: '3000000000000000001',
        status: 'OrderShipped',
        timestamp: '1764000000',
        site: 'ae_global',
      },
    });
  });

  it('accepts ids and message_type given as strings', () => {
    const reading = readOrderPush(
      body(
        '{"message_type":"53","data":{"orderId":"81234","orderStatus":"OrderClosed"},"timestamp":"5"}',
      ),
    );
    expect(reading).toMatchObject({ kind: 'push', push: { orderId: '81234', timestamp: '5' } });
  });

  it('another message_type is other-type, not invalid', () => {
    expect(readOrderPush(body('{"message_type":54,"data":{}}'))).toEqual({
      kind: 'other-type',
      messageType: '54',
    });
  });

  it('reads the message types it is told to as order-status pushes', () => {
    const text =
      '{"message_type":60,"data":{"orderId":7,"orderStatus":"OrderClosed"},"timestamp":5}';
    expect(readOrderPush(body(text)).kind).toBe('other-type');
    expect(readOrderPush(body(text), ['53', '60'])).toMatchObject({
      kind: 'push',
      push: { orderId: '7' },
    });
  });

  it.each([
    ['not JSON', 'orderId=1', 'the body is not JSON'],
    ['an array', '[1]', 'the body is not a JSON object'],
    ['no message_type', '{"data":{}}', 'message_type is missing or not a number'],
    ['no data', '{"message_type":53}', 'data is missing'],
    [
      'no order id',
      '{"message_type":53,"data":{"orderStatus":"X"},"timestamp":1}',
      'data.orderId is not an order id',
    ],
    [
      'a fractional order id',
      '{"message_type":53,"data":{"orderId":1.5,"orderStatus":"X"},"timestamp":1}',
      'data.orderId is not an order id',
    ],
    [
      'no status',
      '{"message_type":53,"data":{"orderId":1},"timestamp":1}',
      'data.orderStatus is missing',
    ],
    [
      'no timestamp',
      '{"message_type":53,"data":{"orderId":1,"orderStatus":"X"}}',
      'timestamp is missing',
    ],
  ])('%s is invalid', (_case, text, problem) => {
    expect(readOrderPush(body(text))).toEqual({ kind: 'invalid', problem });
  });
});
