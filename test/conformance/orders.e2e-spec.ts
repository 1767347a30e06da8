import {
  AliexpressApiError,
  AliexpressBusinessError,
  AmbiguousOrderStateError,
  OrderAlreadyPlacedError,
  TokenService,
  signParams,
  type CreateOrderInput,
} from 'nestjs-aliexpress';
import { TEST_APP } from '../support/gateway-harness.js';
import {
  CONFORMANCE_ACCOUNT,
  startConformanceHarness,
  type ConformanceHarness,
} from '../support/conformance-harness.js';
import { compareShapes, shapeOf, type JsonShape } from '../support/json-shape.js';
import { expectSameShape } from '../support/json-shape.expect.js';
import { sampleOrder } from '../support/order-fixtures.js';
import { loadPlatformFixture } from '../support/platform-fixtures.js';
import { BOTTLE, PHONE_CASE } from '../support/mock-catalogue.js';

/*
 * aliexpress.ds.order.create and aliexpress.trade.ds.order.get against the platform's documented
 * samples (test/fixtures/platform/dropshipping): each replayed through createOrder / getOrder with
 * the normalised result or typed error asserted; then the mock's own answers held to the
 * documented shapes.
 */

const CREATE = 'aliexpress.ds.order.create';
const GET = 'aliexpress.trade.ds.order.get';

const ORDER: CreateOrderInput = {
  ...sampleOrder(PHONE_CASE, '14:350853#Black;5:361386', 1),
  outOrderId: 'conf-1',
};

describe('conformance: orders', () => {
  let harness: ConformanceHarness;
  beforeAll(async () => {
    harness = await startConformanceHarness();
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.gateway.clearFaults());

  describe('aliexpress.ds.order.create samples through createOrder', () => {
    it.each([
      ['success', '8198352049851315'],
      ['demo (plain order_list, is_success "true" beside an error text)', '1000000000'],
    ])('%s: read as created, the order id %s exact, no payment asked', async (fixture, orderId) => {
      harness.replay(CREATE, fixture.split(' ')[0]);
      await expect(harness.dropshipping.createOrder(CONFORMANCE_ACCOUNT, ORDER)).resolves.toEqual({
        outOrderId: 'conf-1',
        orderIds: [orderId],
        payment: { status: 'not-requested' },
      });
    });

    it('success after asking to pay, no failure reported: payment requested', async () => {
      harness.replay(CREATE, 'success');
      const created = await harness.dropshipping.createOrder(CONFORMANCE_ACCOUNT, {
        ...ORDER,
        payCurrency: 'USD',
        tryToPay: true,
      });
      expect(created.payment).toEqual({ status: 'requested' });
    });

    it.each([true, false])(
      'success-autopay-failed (misspelled keys as documented), tryToPay %s: created, payment failed with APIPayFail',
      async (tryToPay) => {
        harness.replay(CREATE, 'success-autopay-failed');
        const created = await harness.dropshipping.createOrder(CONFORMANCE_ACCOUNT, {
          ...ORDER,
          tryToPay,
        });
        expect(created.orderIds).toEqual(['8190439416163295']);
        expect(created.payment.status).toBe('failed');
        expect(created.payment.reason).toContain('APIPayFail');
      },
    );

    it('failure-address-validate: a business error with the code and the message, not an ambiguous state', async () => {
      harness.replay(CREATE, 'failure-address-validate');
      const error = await harness.dropshipping
        .createOrder(CONFORMANCE_ACCOUNT, ORDER)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AliexpressBusinessError);
      expect(error).not.toBeInstanceOf(AmbiguousOrderStateError);
      expect(error).not.toBeInstanceOf(OrderAlreadyPlacedError);
      expect(error).toMatchObject({ code: 'B_DROPSHIPPER_DELIVERY_ADDRESS_VALIDATE_FAIL' });
      expect((error as Error).message).toContain('Please enter a city');
    });

    it('demo after asking to pay: an error text on a success means the payment did not happen', async () => {
      harness.replay(CREATE, 'demo');
      const paid = await harness.dropshipping.createOrder(CONFORMANCE_ACCOUNT, {
        ...ORDER,
        tryToPay: true,
      });
      expect(paid.payment).toEqual({ status: 'failed', reason: 'PARM_ILLEGL' });
    });

    it('REPEATED_ORDER_ERROR in the documented envelope: OrderAlreadyPlacedError with the outOrderId', async () => {
      harness.gateway.injectFault({
        kind: 'json-body',
        api: CREATE,
        text: JSON.stringify({
          aliexpress_ds_order_create_response: {
            result: {
              error_msg: 'Repeated placed order',
              error_code: 'REPEATED_ORDER_ERROR',
              is_success: false,
            },
            request_id: '2140eeb817405385212422871',
          },
        }),
      });
      const error = await harness.dropshipping
        .createOrder(CONFORMANCE_ACCOUNT, ORDER)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OrderAlreadyPlacedError);
      expect(error).toMatchObject({
        outOrderId: 'conf-1',
        accountId: CONFORMANCE_ACCOUNT,
        code: 'REPEATED_ORDER_ERROR',
        requestId: '2140eeb817405385212422871',
      });
    });
  });

  describe('aliexpress.trade.ds.order.get samples through getOrder', () => {
    it('success (captured layout: wrapped lists, numeric store id)', async () => {
      harness.replay(GET, 'success');
      await expect(
        harness.dropshipping.getOrder(CONFORMANCE_ACCOUNT, { orderId: '8198352049851315' }),
      ).resolves.toEqual({
        orderId: '8198352049851315',
        status: 'FINISH',
        logisticsStatus: 'BUYER_ACCEPT_GOODS',
        // only user_order_amount is sent: it stands for the amount too
        amount: { amount: '8.34', currency: 'USD' },
        userAmount: { amount: '8.34', currency: 'USD' },
        createdAt: '2024-09-09 21:00:03',
        items: [
          {
            productName: '500ML Insulated Water Bottle',
            quantity: 1,
            skuId: '1200003702000037',
            shippingFee: { amount: '0.93', currency: 'USD' },
            actualFee: { amount: '8.12', currency: 'USD' },
          },
        ],
        logistics: [{ trackingNumber: 'LP00675700340000', serviceName: 'CAINIAO_FULFILLMENT_STD' }],
        store: { storeId: '1103800006', name: 'Kedi Bottles Store' },
      });
    });

    it('demo (plain arrays, numbers as strings, a status outside the 12, an end reason)', async () => {
      harness.replay(GET, 'demo');
      const usd = (amount: string) => ({ amount, currency: 'USD' });
      await expect(
        harness.dropshipping.getOrder(CONFORMANCE_ACCOUNT, { orderId: '10000001' }),
      ).resolves.toEqual({
        orderId: '10000001',
        status: 'FUND_PROCESSING',
        logisticsStatus: 'SELLER_SEND_GOODS',
        amount: usd('199.00'),
        userAmount: usd('199.00'),
        createdAt: '2018-08-28 05:39:01',
        paidAt: '2019-06-03T18:05:47-07:00[America/Los_Angeles]',
        payTimeoutSeconds: 86400,
        items: [
          {
            productId: '2100000012',
            productName: "John's Shoes",
            quantity: 3,
            skuId: '12345',
            endReason: 'CANCELED',
            productPrice: usd('299.00'),
            saleFee: usd('299.00'),
            saleDiscountFee: usd('299.00'),
            shippingFee: usd('299.00'),
            shippingDiscountFee: usd('299.00'),
            actualShippingFee: usd('299.00'),
            actualFee: usd('299.00'),
            actualTaxFee: usd('199.00'),
            alreadyIncludesTax: true,
          },
        ],
        logistics: [{ trackingNumber: 'CP0_318495001', serviceName: 'EMS' }],
        store: {
          storeId: '1046007',
          name: "John's Shoes Shop",
          url: 'https://www.aliexpress.com/store/1046007',
        },
      });
    });

    it('failure-insufficient-permission (error_response): a typed gateway error with its sub-code', async () => {
      harness.replay(GET, 'failure-insufficient-permission');
      const error = await harness.dropshipping
        .getOrder(CONFORMANCE_ACCOUNT, { orderId: '8198352049851315' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AliexpressApiError);
      expect(error).toMatchObject({
        subCode: 'isv.insufficient-permission',
        requestId: '210126da17406391015547789',
      });
    });
  });

  describe("the mock's own answers have the documented shapes", () => {
    /** The mock's answer to a signed call, as text (what the platform would put on the wire). */
    async function mockAnswer(method: string, params: Record<string, unknown>): Promise<string> {
      const token = await harness.moduleRef
        .get(TokenService)
        .withAccessToken(CONFORMANCE_ACCOUNT, (t) => Promise.resolve(t));
      const wire: Record<string, string> = {
        app_key: TEST_APP.appKey,
        method,
        session: token,
        timestamp: String(harness.gateway.now()),
        sign_method: 'sha256',
        format: 'json',
      };
      for (const [key, value] of Object.entries(params))
        wire[key] = typeof value === 'string' ? value : JSON.stringify(value);
      wire.sign = signParams(wire, TEST_APP.appSecret, { signMethod: 'sha256' });
      const res = await fetch(`${harness.gateway.url}/sync`, {
        method: 'POST',
        body: new URLSearchParams(wire),
      });
      return res.text();
    }

    const documented = (api: string, fixtureCase: string) =>
      shapeOf(loadPlatformFixture(api, fixtureCase).text);

    /** A shape with the spaces taken out of its keys (the auto-pay sample misspells two). */
    const despaced = (shape: JsonShape): JsonShape =>
      new Map([...shape].map(([path, types]) => [path.replace(/ /g, ''), types]));

    const request = (
      change: Record<string, unknown> = {},
      address: Record<string, unknown> = {},
    ) => ({
      param_place_order_request4_open_api_d_t_o: {
        out_order_id: `shape-${Math.random().toString(36).slice(2)}`,
        logistics_address: {
          address: '12 Analytical Engine St',
          city: 'London',
          province: 'Greater London',
          country: 'GB',
          full_name: 'Ada Lovelace',
          ...address,
        },
        product_items: [
          { product_id: PHONE_CASE, product_count: 1, sku_attr: '14:350853#Black;5:361386' },
        ],
        ...change,
      },
    });

    it('order.create success: the captured shape exactly', async () => {
      const answer = await mockAnswer(CREATE, request());
      expectSameShape(documented(CREATE, 'success'), answer);
    });

    it('order.create with auto-pay failing: the auto-pay sample (keys spelt right) plus request_id', async () => {
      harness.gateway.setAutoPay(TEST_APP.appKey, 'fail');
      try {
        const answer = await mockAnswer(CREATE, {
          ...request(),
          ds_extend_request: { payment: { pay_currency: 'USD', try_to_pay: true } },
        });
        expect(answer).toContain('"error_msg":"OrderCreated, autoPay fail:APIPayFail"');
        expect(
          compareShapes(despaced(documented(CREATE, 'success-autopay-failed')), shapeOf(answer)),
        ).toEqual({
          missing: [],
          // the auto-pay sample omits request_id; every captured order.create answer carries it
          extra: ['aliexpress_ds_order_create_response.request_id'],
          mismatched: [],
        });
      } finally {
        harness.gateway.setAutoPay(TEST_APP.appKey, 'ok');
      }
    });

    it.each<[string, () => Record<string, unknown>, string]>([
      [
        'an unknown city',
        () => request({}, { city: 'Other' }),
        'B_DROPSHIPPER_DELIVERY_ADDRESS_VALIDATE_FAIL',
      ],
      [
        'a BR address without CPF',
        () => request({}, { country: 'BR' }),
        'B_DROPSHIPPER_DELIVERY_ADDRESS_CPF_CN_INVALID',
      ],
      [
        'a CPF of someone else',
        () => request({}, { country: 'BR', cpf: '529.982.247-25', contact_person: 'Ada Lovelace' }),
        'B_DROPSHIPPER_DELIVERY_ADDRESS_CPF_NOT_MATCH',
      ],
      [
        'an unknown delivery method',
        () =>
          request({
            product_items: [
              {
                product_id: BOTTLE,
                product_count: 1,
                sku_attr: '',
                logistics_service_name: 'NOPE',
              },
            ],
          }),
        'DELIVERY_METHOD_NOT_EXIST',
      ],
      [
        'a pay currency the items are not priced in',
        () => ({ ...request(), ds_extend_request: { payment: { pay_currency: 'EUR' } } }),
        'PRICE_PAY_CURRENCY_ERROR',
      ],
    ])(
      'order.create failure (%s): the captured failure shape exactly',
      async (_case, params, code) => {
        const answer = await mockAnswer(CREATE, params());
        expect(answer).toContain(`"error_code":"${code}"`);
        expectSameShape(documented(CREATE, 'failure-address-validate'), answer);
      },
    );

    it('order.create refusals and REPEATED_ORDER_ERROR: the captured failure shape', async () => {
      const params = request();
      await mockAnswer(CREATE, params);
      const answers = [await mockAnswer(CREATE, params)];
      harness.gateway.refuseOrders(CONFORMANCE_ACCOUNT, 'A003_SUSPICIOUS_BUYER');
      try {
        answers.push(await mockAnswer(CREATE, request()));
      } finally {
        harness.gateway.refuseOrders(CONFORMANCE_ACCOUNT, undefined);
      }
      expect(answers[0]).toContain('"error_code":"REPEATED_ORDER_ERROR"');
      expect(answers[1]).toContain('"error_code":"A003_SUSPICIOUS_BUYER"');
      for (const answer of answers)
        expectSameShape(documented(CREATE, 'failure-address-validate'), answer);
    });

    it('trade.ds.order.get: the captured shape, plus only fields the reference documents elsewhere', async () => {
      // the id is read from the text: ids beyond 2^53 stay exact
      const orderId = /"number":\[(\d+)\]/.exec(await mockAnswer(CREATE, request()))![1];
      harness.gateway.setOrderStatus(orderId, 'IN_CANCEL', { endReason: 'CANCELED' });
      const answer = await mockAnswer(GET, { single_order_query: { order_id: orderId } });
      const diff = compareShapes(documented(GET, 'success'), shapeOf(answer));
      expect(diff.missing).toEqual([]);
      expect(diff.mismatched).toEqual([]);
      // fields the captured sample lacks but the Response Struct and the demo document
      // (order_amount, product_id, product_price, end_reason), in the captured list layout
      const result = 'aliexpress_trade_ds_order_get_response.result';
      const child = `${result}.child_order_list.aeop_child_order_info[]`;
      const allowed = [
        `${result}.order_amount`,
        `${result}.order_amount.amount`,
        `${result}.order_amount.currency_code`,
        `${child}.end_reason`,
        `${child}.product_id`,
        `${child}.product_price`,
        `${child}.product_price.amount`,
        `${child}.product_price.currency_code`,
      ];
      expect(diff.extra).toEqual(allowed.sort());
      // each of them is in the documented demo, once its plain lists are wrapped as captured
      const demo = [...documented(GET, 'demo').keys()].map((path) =>
        path
          .replace('result.child_order_list[]', 'result.child_order_list.aeop_child_order_info[]')
          .replace(
            'result.logistics_info_list[]',
            'result.logistics_info_list.aeop_order_logistics_info[]',
          ),
      );
      for (const path of allowed) expect(demo).toContain(path);
    });

    it("trade.ds.order.get of another account's order: the documented error_response shape", async () => {
      const orderId = /"number":\[(\d+)\]/.exec(await mockAnswer(CREATE, request()))![1];
      const other = harness.gateway.orders().find((o) => o.orderId === orderId)!;
      const bob = '2208051234567';
      expect(other.userId).not.toBe(bob);
      await harness.moduleRef
        .get(TokenService)
        .exchangeCode(harness.gateway.issueCode(TEST_APP.appKey, bob));
      const token = await harness.moduleRef
        .get(TokenService)
        .withAccessToken(bob, (t) => Promise.resolve(t));
      const wire: Record<string, string> = {
        app_key: TEST_APP.appKey,
        method: GET,
        session: token,
        timestamp: String(harness.gateway.now()),
        sign_method: 'sha256',
        single_order_query: JSON.stringify({ order_id: orderId }),
      };
      wire.sign = signParams(wire, TEST_APP.appSecret, { signMethod: 'sha256' });
      const answer = await (
        await fetch(`${harness.gateway.url}/sync`, {
          method: 'POST',
          body: new URLSearchParams(wire),
        })
      ).text();
      expect(answer).toContain('isv.invalid-authorization');
      const diff = compareShapes(
        documented(GET, 'failure-insufficient-permission'),
        shapeOf(answer),
      );
      expect(diff.missing).toEqual([]);
      expect(diff.mismatched).toEqual([]);
      expect(diff.extra).toEqual([]);
    });
  });
});
