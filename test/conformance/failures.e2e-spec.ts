import {
  AliexpressApiError,
  AliexpressBusinessError,
  GatewayClient,
  type DropshippingService,
  type ParamRecord,
} from 'nestjs-aliexpress';
import { readBusinessEnvelope } from '../../libs/aliexpress/src/gateway/gateway-envelope.reader.js';
import {
  CONFORMANCE_ACCOUNT,
  startConformanceHarness,
  type ConformanceHarness,
} from '../support/conformance-harness.js';
import { sampleOrder } from '../support/order-fixtures.js';
import {
  isJsonObject,
  loadPlatformFixture,
  readPlatformIndex,
} from '../support/platform-fixtures.js';

const ORDER = sampleOrder('1005006143785034', '14:350853#Black;5:361386', 1);

/** How one documented failure sample must surface. */
interface Expected {
  /** The error class and the fields it must carry. */
  type: typeof AliexpressBusinessError | typeof AliexpressApiError;
  fields: Record<string, unknown>;
  /** The raw call, when `call()` may send this method (it refuses order.create). */
  raw?: { method: string; params: ParamRecord };
  /** The typed method that exists today for this API. */
  typed?: (ds: DropshippingService) => Promise<unknown>;
  /** An app-level (affiliate) call, made without a session; its typed method is judged in affiliate.e2e-spec.ts. */
  app?: { method: string; params: ParamRecord };
}

const FREIGHT_505: Expected = {
  type: AliexpressBusinessError,
  fields: {
    apiName: 'aliexpress.ds.freight.query',
    code: 'DELIVERY_NOT_AVAILABLE_TO_YOUR_ADDRESS',
    platformCode: '505',
  },
  raw: { method: 'aliexpress.ds.freight.query', params: { queryDeliveryReq: { productId: '1' } } },
  typed: (ds) =>
    ds.queryFreight(CONFORMANCE_ACCOUNT, {
      productId: '1005006143785034',
      skuId: '12000036032948733',
      quantity: 1,
      shipToCountry: 'KP',
    }),
};

/**
 * Every documented failure sample (index.json `kind: failure`, all groups), by file. A failure
 * sample added to the corpus without an entry here fails the suite.
 */
const EXPECTED: Record<string, Expected> = {
  'dropshipping/aliexpress.ds.freight.query.failure-delivery-not-available.json': FREIGHT_505,
  'dropshipping/aliexpress.ds.freight.query.failure-delivery-not-available-order-create-page.json':
    FREIGHT_505,
  'dropshipping/aliexpress.ds.order.create.failure-address-validate.json': {
    type: AliexpressBusinessError,
    fields: {
      apiName: 'aliexpress.ds.order.create',
      code: 'B_DROPSHIPPER_DELIVERY_ADDRESS_VALIDATE_FAIL',
      platformCode: 'B_DROPSHIPPER_DELIVERY_ADDRESS_VALIDATE_FAIL',
      detail: 'Please enter a city',
      requestId: '2140eeb817405385212422871',
    },
    typed: (ds) => ds.createOrder(CONFORMANCE_ACCOUNT, ORDER),
  },
  'dropshipping/aliexpress.trade.ds.order.get.failure-insufficient-permission.json': {
    type: AliexpressApiError,
    fields: {
      apiName: 'aliexpress.trade.ds.order.get',
      code: '15',
      type: 'ISP',
      subCode: 'isv.insufficient-permission',
      subMessage: 'Insufficient permission.',
      requestId: '210126da17406391015547789',
    },
    raw: {
      method: 'aliexpress.trade.ds.order.get',
      params: { single_order_query: { order_id: '8198352049851315' } },
    },
    typed: (ds) => ds.getOrder(CONFORMANCE_ACCOUNT, { orderId: '8198352049851315' }),
  },
  'dropshipping/aliexpress.ds.order.tracking.get.failure-tracking-data-not-found.json': {
    type: AliexpressBusinessError,
    fields: {
      apiName: 'aliexpress.ds.order.tracking.get',
      code: 'TRACKING_DATA_NOT_FOUND',
      platformCode: '1001',
      detail: 'TRACKING DATA NOT FOUND',
      requestId: '2101243217409925448971244',
    },
    raw: {
      method: 'aliexpress.ds.order.tracking.get',
      params: { ae_order_id: '8198352049851315', language: 'en_US' },
    },
    // the typed method is judged below: it may throw this error or answer `found: false`
  },
  // built from the page's Error Codes table (the affiliate pages carry no sample)
  'affiliate/aliexpress.affiliate.product.sku.detail.get.failure-no-query-results.json': {
    type: AliexpressBusinessError,
    fields: {
      apiName: 'aliexpress.affiliate.product.sku.detail.get',
      code: 'NO_QUERY_RESULTS',
      platformCode: '405',
      requestId: '2101e4a617358123456784321',
    },
    app: {
      method: 'aliexpress.affiliate.product.sku.detail.get',
      params: {
        product_id: '1',
        ship_to_country: 'US',
        target_currency: 'USD',
        target_language: 'EN',
      },
    },
  },
};

/** Failure-headed samples that document no failure: read as the success they are. */
const NOT_A_FAILURE = new Set([
  // headed "Faild response" on the page, but ret true and rsp_msg "": an exhausted page
  'dropshipping/aliexpress.ds.feed.itemids.get.failure-empty-page.json',
]);

const failureFixtures = readPlatformIndex().fixtures.filter((entry) => entry.kind === 'failure');

describe('conformance: every documented failure sample raises its typed error', () => {
  let harness: ConformanceHarness;
  beforeAll(async () => {
    harness = await startConformanceHarness();
  });
  afterAll(() => harness.close());

  it('has an expectation for every failure sample in the corpus', () => {
    const unexplained = failureFixtures
      .map((entry) => entry.file)
      .filter((file) => !(file in EXPECTED) && !NOT_A_FAILURE.has(file));
    expect(unexplained).toEqual([]);
    expect(failureFixtures.length).toBeGreaterThanOrEqual(Object.keys(EXPECTED).length);
  });

  describe.each(failureFixtures.filter((e) => e.file in EXPECTED).map((e) => [e.file, e] as const))(
    '%s',
    (file, entry) => {
      const expected = EXPECTED[file];

      if (expected.raw) {
        it('call() raises it with the documented fields', async () => {
          harness.replay(entry.api, entry.case);
          const error = await harness.dropshipping
            .call(CONFORMANCE_ACCOUNT, expected.raw!.method, expected.raw!.params, {
              idempotent: true,
            })
            .catch((e: unknown) => e);
          expect(error).toBeInstanceOf(expected.type);
          expect(error).toMatchObject(expected.fields);
          // sent once: none of these failures is transient
          const sent = harness.gateway.requests().filter((r) => r.api === entry.api);
          expect(sent.at(-1)?.verdict).toBe('fault:json-body');
        });
      }

      if (expected.app) {
        it('GatewayClient.callApp raises it with the documented fields', async () => {
          harness.replay(entry.api, entry.case);
          const error = await harness.moduleRef
            .get(GatewayClient)
            .callApp(expected.app!.method, expected.app!.params)
            .catch((e: unknown) => e);
          expect(error).toBeInstanceOf(expected.type);
          expect(error).toMatchObject(expected.fields);
        });
      }

      if (expected.typed) {
        it('the typed method raises it too', async () => {
          harness.replay(entry.api, entry.case);
          const error = await expected.typed!(harness.dropshipping).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(expected.type);
          expect(error).toMatchObject(expected.fields);
        });
      }
    },
  );

  it('getOrderTracking on "TRACKING DATA NOT FOUND" throws it or answers found: false, never an empty success', async () => {
    harness.replay('aliexpress.ds.order.tracking.get', 'failure-tracking-data-not-found');
    const outcome = await harness.dropshipping
      .getOrderTracking(CONFORMANCE_ACCOUNT, { orderId: '8198352049851315' })
      .catch((e: unknown) => e);
    if (outcome instanceof Error) {
      expect(outcome).toBeInstanceOf(AliexpressBusinessError);
      expect(outcome).toMatchObject({ code: 'TRACKING_DATA_NOT_FOUND', platformCode: '1001' });
    } else {
      expect(outcome).toMatchObject({ found: false });
    }
  });

  it('the feed "failure" sample (ret true, products {}) reads as an empty success', () => {
    // read by the envelope reader itself, which call() applies to every method
    const fixture = loadPlatformFixture('aliexpress.ds.feed.itemids.get', 'failure-empty-page');
    const response = readBusinessEnvelope(fixture.body, 'aliexpress.ds.feed.itemids.get');
    expect(isJsonObject(response.result) && response.result.total).toBe(0);
    expect(response.ret).toBe(true);
  });
});
