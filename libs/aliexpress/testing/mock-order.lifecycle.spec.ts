import {
  MOCK_PUSH_STATUSES,
  ORDER_STATUS_OF_PUSH,
  defaultNextPushStatus,
  isMockPushStatus,
  pushStatusOfOrderStatus,
  type MockPushStatus,
} from './mock-order.lifecycle.js';

describe('the mock order lifecycle', () => {
  it('the usual path: created, paid, shipped, confirmed; a failed payment closes; final steps stay', () => {
    const walk = (from: MockPushStatus) => {
      const steps: MockPushStatus[] = [from];
      for (let next = defaultNextPushStatus(from); next; next = defaultNextPushStatus(next))
        steps.push(next);
      return steps;
    };
    expect(walk('OrderCreated')).toEqual([
      'OrderCreated',
      'PaymentAuthorized',
      'OrderShipped',
      'OrderConfirmed',
    ]);
    expect(walk('paymentFailedEvent')).toEqual(['paymentFailedEvent', 'OrderClosed']);
  });

  it('the six documented push statuses, spelt exactly', () => {
    expect([...MOCK_PUSH_STATUSES].sort()).toEqual(
      [
        'paymentFailedEvent',
        'OrderCreated',
        'OrderClosed',
        'PaymentAuthorized',
        'OrderShipped',
        'OrderConfirmed',
      ].sort(),
    );
    expect(isMockPushStatus('paymentFailedEvent')).toBe(true);
    expect(isMockPushStatus('PaymentFailedEvent')).toBe(false);
    expect(isMockPushStatus('FINISH')).toBe(false);
    expect(isMockPushStatus(undefined)).toBe(false);
  });

  it('every push status reads back as itself through the order_status it sets', () => {
    for (const step of MOCK_PUSH_STATUSES) {
      const { status, endReason } = ORDER_STATUS_OF_PUSH[step];
      // a failed payment stays one when read back from the order it left behind
      const current = step === 'paymentFailedEvent' ? step : undefined;
      expect([step, pushStatusOfOrderStatus(status, endReason, current)]).toEqual([step, step]);
    }
  });

  it('order statuses no push names push nothing; shipped in part is shipped', () => {
    for (const status of ['PAYMENT_PROCESSING', 'RISK_CONTROL', 'IN_CANCEL', 'WAIT_GROUP'])
      expect(pushStatusOfOrderStatus(status, undefined, 'PaymentAuthorized')).toBeUndefined();
    expect(pushStatusOfOrderStatus('SELLER_PART_SEND_GOODS', undefined, undefined)).toBe(
      'OrderShipped',
    );
    expect(pushStatusOfOrderStatus('PLACE_ORDER_SUCCESS', undefined, 'PaymentAuthorized')).toBe(
      'OrderCreated',
    );
  });
});
