import { AliexpressTransportError } from '../errors/aliexpress.errors.js';
import { parseGatewayJson, type GatewayObject } from '../gateway/gateway-json.parser.js';
import { readCreatedOrderIds, readOrder, readOrderPayment } from './order.reader.js';

const answer = (text: string) => parseGatewayJson(text) as GatewayObject;

describe('order.create reading', () => {
  it.each([
    [
      'the captured wrapped list',
      '{"result":{"is_success":true,"order_list":{"number":[8198352049851315]}}}',
      ['8198352049851315'],
    ],
    [
      'a plain list (demo)',
      '{"result":{"is_success":"true","order_list":[1000000000,1000000001]}}',
      ['1000000000', '1000000001'],
    ],
    [
      'an id beyond 2^53',
      '{"result":{"is_success":true,"order_list":{"number":[30000000000000000001]}}}',
      ['30000000000000000001'],
    ],
    [
      'a misspelled result member',
      '{"result":{"is_ success":true,"order _list":{"number":[8190439416163295]}}}',
      ['8190439416163295'],
    ],
  ])('order ids from %s', (_case, text, ids) => {
    expect(readCreatedOrderIds(answer(text))).toEqual(ids);
  });

  it('a success without order ids cannot be read: unexpected-shape', () => {
    expect(() => readCreatedOrderIds(answer('{"result":{"is_success":true}}'))).toThrow(
      AliexpressTransportError,
    );
  });

  it.each<[string, string, boolean, object]>([
    [
      'no payment asked, no message',
      '{"result":{"is_success":true}}',
      false,
      { status: 'not-requested' },
    ],
    ['payment asked, no message', '{"result":{"is_success":true}}', true, { status: 'requested' }],
    [
      'the documented auto-pay failure',
      '{"result":{"error_msg":"OrderCreated, autoPay fail:APIPayFail","is_ success":true}}',
      true,
      { status: 'failed', reason: 'APIPayFail' },
    ],
    [
      'an auto-pay failure reported without asking (account-level auto-pay)',
      '{"result":{"error_msg":"OrderCreated, autoPay fail:BalanceNotEnough","is_success":true}}',
      false,
      { status: 'failed', reason: 'BalanceNotEnough' },
    ],
    [
      'payment asked, another error text on the success',
      '{"result":{"error_msg":"PARM_ILLEGL","error_code":"PARM_ILLEGL","is_success":"true"}}',
      true,
      { status: 'failed', reason: 'PARM_ILLEGL' },
    ],
    [
      'no payment asked, an unrelated error text',
      '{"result":{"error_msg":"PARM_ILLEGL","is_success":"true"}}',
      false,
      { status: 'not-requested' },
    ],
  ])('payment: %s', (_case, text, tryToPay, payment) => {
    expect(readOrderPayment(answer(text), tryToPay)).toEqual(payment);
  });
});

describe('trade.ds.order.get reading', () => {
  it('keeps order_amount apart from user_order_amount when both come', () => {
    const details = readOrder(
      answer(
        '{"result":{"order_amount":{"amount":"10.00","currency_code":"USD"},"user_order_amount":{"amount":"9.20","currency_code":"EUR"}}}',
      ),
      '1',
    );
    expect(details).toEqual({
      orderId: '1',
      amount: { amount: '10.00', currency: 'USD' },
      userAmount: { amount: '9.20', currency: 'EUR' },
      items: [],
      logistics: [],
    });
  });

  it('reads a lone child order sent as an object, and its end reason', () => {
    const details = readOrder(
      answer(
        '{"result":{"order_status":"IN_CANCEL","child_order_list":{"aeop_child_order_info":{"product_id":1005006154258794,"product_count":"2","end_reason":"CANCELED"}}}}',
      ),
      '1',
    );
    expect(details.status).toBe('IN_CANCEL');
    expect(details.items).toEqual([
      { productId: '1005006154258794', quantity: 2, endReason: 'CANCELED' },
    ]);
  });

  it('an answer without result cannot be read: unexpected-shape', () => {
    expect(() => readOrder(answer('{"request_id":"x"}'), '1')).toThrow(AliexpressTransportError);
  });
});
