import type { TestingModule } from '@nestjs/testing';
import {
  AliexpressApiError,
  AliexpressBusinessError,
  AliexpressValidationError,
  AmbiguousOrderStateError,
  DropshippingService,
  OrderAlreadyPlacedError,
  TokenService,
  type CreateOrderInput,
  type OrderStatus,
} from 'nestjs-aliexpress';
import {
  MOCK_LOGISTICS_SERVICES,
  OUT_ORDER_ID_WINDOW_MS,
  type MockAliexpressGateway,
} from 'nestjs-aliexpress/testing';
import request from 'supertest';
import { startDemo } from './support/demo-harness.js';
import { TEST_APP, useConnectedSuite } from './support/gateway-harness.js';
import { ACCOUNT, BOTTLE, PHONE_CASE } from './support/mock-catalogue.js';

/*
 * Orders as the platform takes them, over real HTTP against the mock gateway: single-SKU items,
 * optional zip, every address and tax field, ds_extend_request, auto-pay outcomes, the 24 h
 * out_order_id window, the documented order failures and the order lifecycle.
 */

const US_ORDER: CreateOrderInput = {
  address: {
    fullName: 'Ada Lovelace',
    address: '12 Analytical Engine St',
    city: 'Vineland',
    province: 'New Jersey',
    country: 'US',
    zip: '08360',
    mobileNo: '5593600000',
    phoneCountry: '+1',
  },
  items: [{ productId: PHONE_CASE, quantity: 1, skuAttr: '14:350853#Black;5:361386' }],
};
const BR_ADDRESS = {
  address: 'Rua Augusta 1500',
  city: 'Sao Paulo',
  province: 'Sao Paulo',
  country: 'BR',
  zip: '01304-001',
  fullName: 'Joao Silva',
};

describe('orders against the mock gateway', () => {
  let gateway: MockAliexpressGateway;
  let moduleRef: TestingModule;
  let ds: DropshippingService;

  const orderCalls = () => gateway.requests().filter((r) => r.api === 'aliexpress.ds.order.create');
  const sentOrder = () =>
    JSON.parse(orderCalls().slice(-1)[0].params.param_place_order_request4_open_api_d_t_o) as {
      logistics_address: Record<string, unknown>;
      product_items: Array<Record<string, unknown>>;
    };
  const sentExtend = () => {
    const raw = orderCalls().slice(-1)[0].params.ds_extend_request;
    return raw === undefined ? undefined : (JSON.parse(raw) as Record<string, unknown>);
  };

  const suite = useConnectedSuite({
    timeoutMs: 400,
    retry: { initialDelayMs: 10, maxDelayMs: 50, maxRetries: 2 },
  });
  beforeAll(() => {
    ({ gateway, moduleRef, ds } = suite);
  });

  describe('what is sent', () => {
    it('a single-SKU product with skuAttr "" and no zip: sku_attr "" reaches the order JSON, zip is left out', async () => {
      const { zip: _zip, ...address } = US_ORDER.address;
      const created = await ds.createOrder(ACCOUNT, {
        address,
        items: [{ productId: BOTTLE, quantity: 2, skuAttr: '' }],
      });
      expect(created.orderIds).toHaveLength(1);
      const sent = sentOrder();
      expect(sent.product_items).toEqual([{ product_id: BOTTLE, product_count: 2, sku_attr: '' }]);
      expect(sent.logistics_address).not.toHaveProperty('zip');
      const details = await ds.getOrder(ACCOUNT, { orderId: created.orderIds[0] });
      expect(details.items).toEqual([
        expect.objectContaining({ productId: BOTTLE, quantity: 2, skuId: '12000031234567890' }),
      ]);
    });

    it('skuAttr "" on a product with several SKUs is refused by the platform (SKU_NOT_EXIST)', async () => {
      await expect(
        ds.createOrder(ACCOUNT, {
          ...US_ORDER,
          items: [{ productId: PHONE_CASE, quantity: 1, skuAttr: '' }],
        }),
      ).rejects.toMatchObject({ code: 'SKU_NOT_EXIST' });
      expect(gateway.orders()).toEqual([]);
    });

    it('every documented address and tax field, in snake_case; only the four required ones when nothing else is given', async () => {
      await ds.createOrder(ACCOUNT, {
        ...US_ORDER,
        address: {
          ...US_ORDER.address,
          address2: 'STE 100',
          contactPerson: 'Ada Lovelace',
          locale: 'en_US',
          cpf: '52998224725',
          passportNo: 'G1234567',
          passportNoDate: '2030-01-01',
          passportOrganization: 'SRE',
          foreignerPassportNo: 'F7654321',
          isForeigner: false,
          taxNumber: 'T-1',
          vatNo: 'GB123456789',
          taxCompany: 'Analytical Engines Ltd',
          locationTreeAddressId: '922865760000000000',
        },
      });
      expect(sentOrder().logistics_address).toEqual({
        address: '12 Analytical Engine St',
        address2: 'STE 100',
        city: 'Vineland',
        province: 'New Jersey',
        country: 'US',
        zip: '08360',
        full_name: 'Ada Lovelace',
        contact_person: 'Ada Lovelace',
        mobile_no: '5593600000',
        phone_country: '+1',
        locale: 'en_US',
        cpf: '52998224725',
        passport_no: 'G1234567',
        passport_no_date: '2030-01-01',
        passport_organization: 'SRE',
        foreigner_passport_no: 'F7654321',
        // typed String by the platform
        is_foreigner: 'false',
        tax_number: 'T-1',
        vat_no: 'GB123456789',
        tax_company: 'Analytical Engines Ltd',
        location_tree_address_id: '922865760000000000',
      });

      await ds.createOrder(ACCOUNT, {
        address: { address: '1 Main St', city: 'Vineland', province: 'New Jersey', country: 'US' },
        items: [{ productId: BOTTLE, quantity: 1, skuAttr: '' }],
      });
      expect(sentOrder().logistics_address).toEqual({
        address: '1 Main St',
        city: 'Vineland',
        province: 'New Jersey',
        country: 'US',
      });
    });

    it('ds_extend_request: payment, promotion and business model as documented; absent when none is asked', async () => {
      await ds.createOrder(ACCOUNT, US_ORDER);
      expect(sentExtend()).toBeUndefined();
      await ds.createOrder(ACCOUNT, {
        ...US_ORDER,
        items: [
          { ...US_ORDER.items[0], logisticsServiceName: 'CAINIAO_PREMIUM', orderMemo: 'gift' },
        ],
        payCurrency: 'USD',
        tryToPay: true,
        businessModel: 'wholesale',
        promotion: { promotionCode: 'SAVE5', promotionChannelInfo: 'affiliate' },
      });
      expect(sentExtend()).toEqual({
        payment: { pay_currency: 'USD', try_to_pay: true },
        promotion: { promotion_code: 'SAVE5', promotion_channel_info: 'affiliate' },
        trade_extra_param: { business_model: 'wholesale' },
      });
      expect(sentOrder().product_items[0]).toMatchObject({
        logistics_service_name: 'CAINIAO_PREMIUM',
        order_memo: 'gift',
      });
    });

    it("each freight option's code is a delivery method the order accepts", async () => {
      const options = await ds.queryFreight(ACCOUNT, {
        productId: BOTTLE,
        skuId: '12000031234567890',
        quantity: 1,
        shipToCountry: 'US',
      });
      expect(options.map((o) => o.code).sort()).toEqual([...MOCK_LOGISTICS_SERVICES].sort());
      for (const option of options) {
        await expect(
          ds.createOrder(ACCOUNT, {
            ...US_ORDER,
            items: [
              { productId: BOTTLE, quantity: 1, skuAttr: '', logisticsServiceName: option.code },
            ],
          }),
        ).resolves.toMatchObject({ orderIds: [expect.any(String)] });
      }
    });
  });

  describe('validation before any request', () => {
    it.each<[string, unknown, string[], string[]]>([
      [
        'a nested field: named once, by its path',
        { ...US_ORDER, address: { ...US_ORDER.address, country: 'usa' } },
        ['address.country'],
        ['address.country must be a two-letter country code such as US'],
      ],
      [
        'an item field: named by its index',
        { ...US_ORDER, items: [{ ...US_ORDER.items[0], productId: 'abc' }] },
        ['items.0.productId'],
        ['items.0.productId must be a numeric id given as a string (ids can exceed 2^53)'],
      ],
      ['no address at all', { items: US_ORDER.items }, ['address'], []],
      ['an address given as a list', { ...US_ORDER, address: [US_ORDER.address] }, ['address'], []],
      ['items nested in a list', { ...US_ORDER, items: [US_ORDER.items] }, ['items'], []],
      ['items given as an object', { ...US_ORDER, items: { a: US_ORDER.items[0] } }, ['items'], []],
      [
        'a promotion without its channel info',
        { ...US_ORDER, promotion: { promotionCode: 'X' } },
        ['promotion.promotionChannelInfo'],
        [],
      ],
      ['an unknown business model', { ...US_ORDER, businessModel: 'bulk' }, ['businessModel'], []],
    ])('%s', async (_case, input, fields, problems) => {
      const error = await ds
        .createOrder(ACCOUNT, input as CreateOrderInput)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AliexpressValidationError);
      const { fields: got, problems: said } = error as AliexpressValidationError;
      expect(got).toEqual(expect.arrayContaining(fields));
      for (const problem of problems) expect(said).toContain(problem);
      for (const problem of said) expect(problem).not.toMatch(/address\.address\.|items\.items/);
      expect(orderCalls()).toHaveLength(0);
    });
  });

  describe('auto-pay', () => {
    it('not asked: payment not-requested', async () => {
      await expect(ds.createOrder(ACCOUNT, US_ORDER)).resolves.toMatchObject({
        payment: { status: 'not-requested' },
      });
    });

    it('asked and accepted: payment requested, the order waits for the seller', async () => {
      const created = await ds.createOrder(ACCOUNT, {
        ...US_ORDER,
        payCurrency: 'USD',
        tryToPay: true,
      });
      expect(created.payment).toEqual({ status: 'requested' });
      await expect(ds.getOrder(ACCOUNT, { orderId: created.orderIds[0] })).resolves.toMatchObject({
        status: 'WAIT_SELLER_SEND_GOODS',
      });
    });

    it('asked and failing (setAutoPay fail): the order exists, payment failed with APIPayFail', async () => {
      gateway.setAutoPay(TEST_APP.appKey, 'fail');
      const created = await ds.createOrder(ACCOUNT, {
        ...US_ORDER,
        payCurrency: 'USD',
        tryToPay: true,
      });
      expect(created.payment.status).toBe('failed');
      expect(created.payment.reason).toContain('APIPayFail');
      expect(gateway.orders()).toEqual([
        expect.objectContaining({ orderId: created.orderIds[0], autoPayFailed: true }),
      ]);
      await expect(ds.getOrder(ACCOUNT, { orderId: created.orderIds[0] })).resolves.toMatchObject({
        status: 'PLACE_ORDER_SUCCESS',
      });
      // an order that does not ask to pay is not affected
      await expect(ds.createOrder(ACCOUNT, US_ORDER)).resolves.toMatchObject({
        payment: { status: 'not-requested' },
      });
    });

    it('the control over HTTP: POST /__mock/auto-pay', async () => {
      const res = await fetch(`${gateway.url}/__mock/auto-pay`, {
        method: 'POST',
        body: JSON.stringify({ appKey: TEST_APP.appKey, outcome: 'fail' }),
      });
      expect(res.status).toBe(200);
      const created = await ds.createOrder(ACCOUNT, { ...US_ORDER, tryToPay: true });
      expect(created.payment).toEqual({ status: 'failed', reason: 'APIPayFail' });
      const bad = await fetch(`${gateway.url}/__mock/auto-pay`, {
        method: 'POST',
        body: JSON.stringify({ appKey: TEST_APP.appKey, outcome: 'maybe' }),
      });
      expect(bad.status).toBe(400);
    });
  });

  describe('the 24 h out_order_id window', () => {
    it('a second order with the same outOrderId: OrderAlreadyPlacedError, no second order', async () => {
      const input = { ...US_ORDER, outOrderId: 'shop-2001' };
      await ds.createOrder(ACCOUNT, input);
      const error = await ds.createOrder(ACCOUNT, input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OrderAlreadyPlacedError);
      expect(error).toBeInstanceOf(AliexpressBusinessError);
      expect(error).toMatchObject({
        outOrderId: 'shop-2001',
        accountId: ACCOUNT,
        code: 'REPEATED_ORDER_ERROR',
      });
      expect(gateway.orders()).toHaveLength(1);
      expect(orderCalls()).toHaveLength(2);
    });

    it('still refused just before 24 h; a new order once they have passed', async () => {
      const input = { ...US_ORDER, outOrderId: 'shop-2002' };
      await ds.createOrder(ACCOUNT, input);
      gateway.advanceClock(OUT_ORDER_ID_WINDOW_MS - 60_000);
      await expect(ds.createOrder(ACCOUNT, input)).rejects.toBeInstanceOf(OrderAlreadyPlacedError);
      gateway.advanceClock(60_000);
      const again = await ds.createOrder(ACCOUNT, input);
      expect(gateway.orders().map((o) => o.orderId)).toEqual([
        expect.any(String),
        again.orderIds[0],
      ]);
    });

    it('after an ambiguous attempt, re-using the outOrderId answers OrderAlreadyPlacedError: the order exists', async () => {
      const input = { ...US_ORDER, outOrderId: 'shop-2003' };
      gateway.injectFault({ kind: 'delay', delayMs: 1_000, api: 'aliexpress.ds.order.create' });
      await expect(ds.createOrder(ACCOUNT, input)).rejects.toBeInstanceOf(AmbiguousOrderStateError);
      await expect(ds.createOrder(ACCOUNT, input)).rejects.toBeInstanceOf(OrderAlreadyPlacedError);
      expect(gateway.orders()).toHaveLength(1);
    });
  });

  describe('the documented order failures', () => {
    const failing: Array<
      [string, () => CreateOrderInput | Promise<CreateOrderInput>, string, string?]
    > = [
      [
        'a BR address without CPF',
        () => ({ ...US_ORDER, address: BR_ADDRESS }),
        'B_DROPSHIPPER_DELIVERY_ADDRESS_CPF_CN_INVALID',
      ],
      [
        'a CPF with wrong check digits',
        () => ({ ...US_ORDER, address: { ...BR_ADDRESS, cpf: '52998224700' } }),
        'B_DROPSHIPPER_DELIVERY_ADDRESS_CPF_CN_INVALID',
      ],
      [
        'a CPF registered to another name',
        () => ({
          ...US_ORDER,
          address: { ...BR_ADDRESS, cpf: '529.982.247-25', contactPerson: 'Maria Souza' },
        }),
        'B_DROPSHIPPER_DELIVERY_ADDRESS_CPF_NOT_MATCH',
      ],
      [
        'a city the platform does not know',
        () => ({ ...US_ORDER, address: { ...US_ORDER.address, city: 'Other' } }),
        'B_DROPSHIPPER_DELIVERY_ADDRESS_VALIDATE_FAIL',
        'Please enter a city',
      ],
      [
        'a US province "Other"',
        () => ({ ...US_ORDER, address: { ...US_ORDER.address, province: 'Other' } }),
        'B_DROPSHIPPER_DELIVERY_ADDRESS_VALIDATE_FAIL',
        'Please select a State/Province/County',
      ],
      [
        'a contact person with a one-letter part',
        () => ({ ...US_ORDER, address: { ...US_ORDER.address, contactPerson: 'A Lovelace' } }),
        'B_DROPSHIPPER_DELIVERY_ADDRESS_VALIDATE_FAIL',
        'Please enter between 2 - 32 characters',
      ],
      [
        'a delivery method freight.query never offered',
        () => ({
          ...US_ORDER,
          items: [{ ...US_ORDER.items[0], logisticsServiceName: 'DHL_MOON' }],
        }),
        'DELIVERY_METHOD_NOT_EXIST',
      ],
      [
        'a pay currency the items are not priced in',
        () => ({ ...US_ORDER, payCurrency: 'EUR' }),
        'PRICE_PAY_CURRENCY_ERROR',
      ],
      [
        'a blacklisted buyer',
        () => {
          gateway.refuseOrders(ACCOUNT, 'BLACKLIST_BUYER_IN_LIST');
          return US_ORDER;
        },
        'BLACKLIST_BUYER_IN_LIST',
        'Blacklist buyers',
      ],
      [
        'a buyer refused with A003 (over HTTP: POST /__mock/order-refusals)',
        async () => {
          const res = await fetch(`${gateway.url}/__mock/order-refusals`, {
            method: 'POST',
            body: JSON.stringify({ userId: ACCOUNT, code: 'A003_SUSPICIOUS_BUYER' }),
          });
          expect(res.status).toBe(200);
          return US_ORDER;
        },
        'A003_SUSPICIOUS_BUYER',
      ],
    ];

    it.each(failing.map(([name, input, code, message]) => ({ name, input, code, message })))(
      '$name: $code',
      async ({ input, code, message }) => {
        const error = await ds.createOrder(ACCOUNT, await input()).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AliexpressBusinessError);
        expect(error).not.toBeInstanceOf(AmbiguousOrderStateError);
        expect(error).toMatchObject({ code });
        if (message) expect((error as Error).message).toContain(message);
        expect(gateway.orders()).toEqual([]);
        expect(orderCalls()).toHaveLength(1);
      },
    );

    it('the CPF registered to the contact person: the BR order is placed', async () => {
      await expect(
        ds.createOrder(ACCOUNT, {
          ...US_ORDER,
          address: { ...BR_ADDRESS, cpf: '529.982.247-25', contactPerson: 'Joao Silva' },
        }),
      ).resolves.toMatchObject({ orderIds: [expect.any(String)] });
    });

    it('a refusal lifted: orders go through again', async () => {
      gateway.refuseOrders(ACCOUNT, 'A001_ORDER_CANNOT_BE_PLACED');
      await expect(ds.createOrder(ACCOUNT, US_ORDER)).rejects.toMatchObject({
        code: 'A001_ORDER_CANNOT_BE_PLACED',
      });
      gateway.refuseOrders(ACCOUNT, undefined);
      await expect(ds.createOrder(ACCOUNT, US_ORDER)).resolves.toMatchObject({
        orderIds: [expect.any(String)],
      });
    });
  });

  describe('the order lifecycle', () => {
    const STATUSES: Array<[OrderStatus, string]> = [
      ['PLACE_ORDER_SUCCESS', 'NO_LOGISTICS'],
      ['PAYMENT_PROCESSING', 'NO_LOGISTICS'],
      ['WAIT_SELLER_EXAMINE_MONEY', 'NO_LOGISTICS'],
      ['RISK_CONTROL', 'NO_LOGISTICS'],
      ['RISK_CONTROL_HOLD', 'NO_LOGISTICS'],
      ['WAIT_SELLER_SEND_GOODS', 'WAIT_SELLER_SEND_GOODS'],
      ['SELLER_PART_SEND_GOODS', 'SELLER_SEND_PART_GOODS'],
      ['WAIT_BUYER_ACCEPT_GOODS', 'SELLER_SEND_GOODS'],
      ['FINISH', 'BUYER_ACCEPT_GOODS'],
      ['IN_CANCEL', 'NO_LOGISTICS'],
      ['WAIT_GROUP', 'NO_LOGISTICS'],
      ['WAIT_COMPLETE_ADDRESS', 'NO_LOGISTICS'],
    ];

    it('each of the 12 documented statuses, with its logistics status, as getOrder reads it', async () => {
      const { orderIds } = await ds.createOrder(ACCOUNT, US_ORDER);
      for (const [status, logisticsStatus] of STATUSES) {
        gateway.setOrderStatus(orderIds[0], status);
        await expect(ds.getOrder(ACCOUNT, { orderId: orderIds[0] })).resolves.toMatchObject({
          status,
          logisticsStatus,
        });
      }
    });

    it('a cancelled order over HTTP (POST /__mock/order-status): its lines carry the end reason', async () => {
      const { orderIds } = await ds.createOrder(ACCOUNT, US_ORDER);
      const res = await fetch(`${gateway.url}/__mock/order-status`, {
        method: 'POST',
        body: JSON.stringify({ orderId: orderIds[0], status: 'FINISH', endReason: 'CANCELED' }),
      });
      expect(res.status).toBe(200);
      const details = await ds.getOrder(ACCOUNT, { orderId: orderIds[0] });
      expect(details).toMatchObject({ status: 'FINISH', logisticsStatus: 'NO_LOGISTICS' });
      expect(details.items.map((i) => i.endReason)).toEqual(['CANCELED']);
    });

    it("another account's order: the documented error_response (isv.invalid-authorization)", async () => {
      const { orderIds } = await ds.createOrder(ACCOUNT, US_ORDER);
      const bob = '2208051234567';
      await moduleRef.get(TokenService).exchangeCode(gateway.issueCode(TEST_APP.appKey, bob));
      const error = await ds.getOrder(bob, { orderId: orderIds[0] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AliexpressApiError);
      expect(error).toMatchObject({ code: '15', subCode: 'isv.invalid-authorization' });
    });

    it('a status outside the 12 passes through as the platform sends it', async () => {
      const { orderIds } = await ds.createOrder(ACCOUNT, US_ORDER);
      gateway.setOrderStatus(orderIds[0], 'FUND_PROCESSING', { logisticsStatus: 'DEFAULT' });
      await expect(ds.getOrder(ACCOUNT, { orderId: orderIds[0] })).resolves.toMatchObject({
        status: 'FUND_PROCESSING',
        logisticsStatus: 'DEFAULT',
      });
    });

    it('amounts as documented: {amount, currency}, line fees, store and creation time as given', async () => {
      const { orderIds } = await ds.createOrder(ACCOUNT, {
        ...US_ORDER,
        items: [{ ...US_ORDER.items[0], quantity: 3 }],
      });
      const details = await ds.getOrder(ACCOUNT, { orderId: orderIds[0] });
      expect(details).toMatchObject({
        amount: { amount: '29.97', currency: 'USD' },
        userAmount: { amount: '29.97', currency: 'USD' },
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
        store: { storeId: '1102345678', name: 'Case Factory Official Store' },
        items: [
          {
            productId: PHONE_CASE,
            productName: expect.any(String),
            quantity: 3,
            skuId: '12000036032948733',
            productPrice: { amount: '9.99', currency: 'USD' },
            shippingFee: { amount: '0.00', currency: 'USD' },
            actualFee: { amount: '29.97', currency: 'USD' },
          },
        ],
      });
    });
  });

  it("the demo's POST /orders (a DTO extending CreateOrderInput) names a nested field once", async () => {
    const demo = await startDemo();
    try {
      const res = await request(demo.app.getHttpServer())
        .post('/orders')
        .send({
          account: '1',
          address: { ...US_ORDER.address, country: 'usa' },
          items: [{ productId: BOTTLE, quantity: 1, skuAttr: '' }],
        })
        .expect(400);
      expect(JSON.stringify(res.body)).toContain(
        'address.country must be a two-letter country code such as US',
      );
      expect(JSON.stringify(res.body)).not.toContain('address.address.');
    } finally {
      await demo.close();
    }
  });
});
