import {
  AliexpressBusinessError,
  AliexpressValidationError,
  DropshippingService,
} from 'nestjs-aliexpress';
import type { MockAliexpressGateway } from 'nestjs-aliexpress/testing';
import { useConnectedSuite } from './support/gateway-harness.js';
import { sampleOrder } from './support/order-fixtures.js';
import { ACCOUNT, PHONE_CASE } from './support/mock-catalogue.js';

/** Products, search, freight and tracking as the platform documents them, over HTTP against the mock. */

/** Not sold to KR, dispatched 6 h after ordering, translated, US sub id, attributes, wholesale. */
const DRIPPER = '1005007421330286';
const DRIPPER_SKU = '12000041234500011';
const HOUR = 3_600_000;

const ORDER = sampleOrder(DRIPPER, '14:771#Natural', 1);

describe('products, search, freight and tracking as documented', () => {
  let gateway: MockAliexpressGateway;
  let ds: DropshippingService;
  const calls = (api: string) => gateway.requests().filter((r) => r.api === api);

  const suite = useConnectedSuite({
    retry: { initialDelayMs: 10, maxDelayMs: 50, maxRetries: 3 },
  });
  beforeAll(() => {
    ({ gateway, ds } = suite);
  });

  describe('getProduct', () => {
    it('keeps attributes, videos, package, delivery, wholesale tiers and the US sub product id', async () => {
      const product = await ds.getProduct(ACCOUNT, { productId: DRIPPER, shipToCountry: 'US' });
      expect(product.marketIds).toEqual({ main: DRIPPER, markets: { US: '3256807421330286' } });
      expect(product.attributes).toEqual([
        { nameId: '2', name: 'Brand Name', valueId: '201541814', value: 'MorningBrew' },
        { nameId: '10', name: 'Material', valueId: '1560', value: 'Ceramic' },
      ]);
      expect(product.videos).toEqual([
        expect.objectContaining({
          url: `${gateway.url}/__mock/videos/${DRIPPER}.mp4`,
          type: 'MAIN_IMAGE_VIDEO',
          status: 'approved',
        }),
      ]);
      expect(product).toMatchObject({
        hasWholesale: true,
        deliveryDays: 7,
        shipToCountry: 'US',
        package: { weightKg: '0.610', lengthCm: 20, widthCm: 12, heightCm: 4, packageType: false },
      });
      expect(product.skus[0].wholesaleTiers).toEqual([
        { minQuantity: 5, price: { amount: '14.90', currency: 'USD' }, discount: '0.06' },
        { minQuantity: 20, price: { amount: '13.90', currency: 'USD' }, discount: '0.13' },
      ]);
      const phone = await ds.getProduct(ACCOUNT, { productId: PHONE_CASE, shipToCountry: 'US' });
      expect(phone.hasWholesale).toBe(false);
      expect(phone.skus[0].wholesaleTiers).toBeUndefined();
    });

    it('the subject in the target language, given as en or as a locale', async () => {
      const fr = await ds.getProduct(ACCOUNT, {
        productId: DRIPPER,
        shipToCountry: 'FR',
        targetLanguage: 'fr_FR',
      });
      expect(fr.title).toBe('Set de filtre à café en céramique');
      const es = await ds.getProduct(ACCOUNT, {
        productId: DRIPPER,
        shipToCountry: 'ES',
        targetLanguage: 'es',
      });
      expect(es.title).toBe('Juego de gotero de café de cerámica');
      expect(calls('aliexpress.ds.product.get')[0].params.target_language).toBe('fr_FR');
    });

    it('602: a product not sold to the country is a business error, sent once', async () => {
      const error = await ds
        .getProduct(ACCOUNT, { productId: DRIPPER, shipToCountry: 'KR' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AliexpressBusinessError);
      expect(error).toMatchObject({ platformCode: '602' });
      expect((error as Error).message).toMatch(/not allowed to this country/);
      expect(calls('aliexpress.ds.product.get')).toHaveLength(1);
    });

    it('605 ITEM_ID_NOT_FOUND for an unknown id, in rsp_code/rsp_msg, sent once', async () => {
      const error = await ds
        .getProduct(ACCOUNT, { productId: '1005000000000000', shipToCountry: 'US' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AliexpressBusinessError);
      expect(error).toMatchObject({ code: 'ITEM_ID_NOT_FOUND', platformCode: '605' });
      expect(calls('aliexpress.ds.product.get')).toHaveLength(1);
      expect(calls('aliexpress.ds.product.get')[0].verdict).toBe('ITEM_ID_NOT_FOUND');
    });
  });

  describe('queryFreight', () => {
    it('fees in currency units with the display text; delivery, tracking, ship-from', async () => {
      const options = await ds.queryFreight(ACCOUNT, {
        productId: DRIPPER,
        skuId: DRIPPER_SKU,
        quantity: 1,
        shipToCountry: 'US',
      });
      expect(options[0]).toMatchObject({
        code: 'CAINIAO_STANDARD',
        fee: { amount: '3.94', currency: 'USD' },
        feeText: 'US $3.94',
        freeShipping: false,
        minDeliveryDays: 7,
        maxDeliveryDays: 15,
        guaranteedDeliveryDays: 30,
        tracking: true,
        shipFromCountry: 'CN',
        availableStock: 75,
      });
      expect(options[0].deliveryDateText).toMatch(/^[A-Z][a-z]{2} \d{2} - \d{2}$/);
      expect(options[1].fee).toEqual({ amount: '11.82', currency: 'USD' });
    });

    it.each([
      [{ productId: '1005000000000000' }, 'DELIVERY_INFO_EMPTY'],
      [{ shipToCountry: 'KP' }, 'DELIVERY_NOT_AVAILABLE_TO_YOUR_ADDRESS'],
    ])('%j → %s with platformCode 505', async (change, code) => {
      const error = await ds
        .queryFreight(ACCOUNT, {
          productId: DRIPPER,
          skuId: DRIPPER_SKU,
          quantity: 1,
          shipToCountry: 'US',
          ...change,
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AliexpressBusinessError);
      expect(error).toMatchObject({ code, platformCode: '505' });
    });
  });

  describe('getOrderTracking', () => {
    it('an order not yet handed to the carrier: found false (1001), then its parcel once shipped', async () => {
      const created = await ds.createOrder(ACCOUNT, ORDER);
      const orderId = created.orderIds[0];
      const early = await ds.getOrderTracking(ACCOUNT, { orderId });
      expect(early).toEqual({ orderId, found: false, parcels: [] });
      expect(calls('aliexpress.ds.order.tracking.get')).toHaveLength(1);
      // the mock's log names the failure (by its code or its symbolic name)
      expect(calls('aliexpress.ds.order.tracking.get')[0].verdict).toMatch(
        /^(1001|TRACKING_DATA_NOT_FOUND)$/,
      );

      gateway.advanceClock(7 * HOUR);
      const shipped = await ds.getOrderTracking(ACCOUNT, { orderId });
      expect(shipped.found).toBe(true);
      const [parcel] = shipped.parcels;
      expect(parcel.trackingNumber).toBe(`LP00${orderId.slice(-10)}`);
      expect(parcel.items).toEqual([
        {
          productId: DRIPPER,
          title: 'Ceramic Pour-Over Coffee Dripper Set',
          skuText: 'Color:Natural',
          quantity: 1,
        },
      ]);
      const order = gateway.orders().find((o) => o.orderId === orderId)!;
      // epoch ms, after the dispatch time
      expect(parcel.events[0].at).toBe(order.createdAt + 6 * HOUR + HOUR);
      expect(parcel.etaAt).toBe(order.createdAt + 12 * 24 * HOUR);
    });
  });

  describe('searchProducts', () => {
    it('prices in units, discount and positive rate as the platform writes them', async () => {
      const page = await ds.searchProducts(ACCOUNT, { keyword: 'coffee', countryCode: 'US' });
      expect(page).toMatchObject({ totalCount: 1, pageIndex: 1, pageSize: 20 });
      expect(page.products[0]).toEqual({
        productId: DRIPPER,
        title: 'Ceramic Pour-Over Coffee Dripper Set',
        imageUrl: `${gateway.url}/__mock/images/coffee-dripper.svg`,
        url: `https://www.aliexpress.com/item/${DRIPPER}.html`,
        videoUrl: `${gateway.url}/__mock/videos/${DRIPPER}.mp4`,
        salePrice: { amount: '15.90', currency: 'USD' },
        originalPrice: { amount: '18.50', currency: 'USD' },
        discount: '14%',
        rating: '4.7',
        evaluateRate: '94%',
        orders: 512,
        categoryId: '100004848',
      });
    });

    it('the six documented sort orders, and searchExtend sent as a JSON array', async () => {
      const keyword = 'case bottle keyboard dripper';
      const ids = async (sortBy: string) =>
        (await ds.searchProducts(ACCOUNT, { keyword, countryCode: 'US', sortBy })).products.map(
          (p) => p.productId,
        );
      const byOrdersAsc = await ids('orders,asc');
      expect(await ids('orders,desc')).toEqual([...byOrdersAsc].reverse());
      expect(await ids('comments,desc')).toEqual([...(await ids('comments,asc'))].reverse());
      expect(byOrdersAsc[byOrdersAsc.length - 1]).toBe(PHONE_CASE);

      const filtered = await ds.searchProducts(ACCOUNT, {
        keyword,
        countryCode: 'US',
        searchExtend: [{ searchKey: 'free_ship_to', searchValue: 'KR' }],
      });
      expect(filtered.products.map((p) => p.productId)).toEqual([DRIPPER]);
      const sent = calls('aliexpress.ds.text.search').at(-1)!.params;
      expect(JSON.parse(sent.searchExtend)).toEqual([
        { searchKey: 'free_ship_to', searchValue: 'KR' },
      ]);
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['an unknown sort', { sortBy: 'price,asc' }, 'sortBy'],
      ['a searchExtend that is not a list', { searchExtend: { searchKey: 'x' } }, 'searchExtend'],
      ['a searchExtend entry without key', { searchExtend: [{ searchValue: 'CN' }] }, 'searchKey'],
    ])('%s is refused before any request', async (_case, change, field) => {
      const error = await ds
        .searchProducts(ACCOUNT, { keyword: 'coffee', countryCode: 'US', ...change })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AliexpressValidationError);
      expect((error as AliexpressValidationError).fields.join(' ')).toContain(field);
      expect(calls('aliexpress.ds.text.search')).toHaveLength(0);
    });
  });
});
