import { isSafeNumber } from 'lossless-json';
import {
  parseGatewayJson,
  type GatewayJson,
} from '../libs/aliexpress/src/gateway/gateway-json.parser.js';
import {
  RawNumber,
  expectedFixtureFile,
  isJsonObject,
  listPlatformFixtureFiles,
  loadPlatformFixture,
  parseWithRawNumbers,
  readPlatformFixtureText,
  readPlatformIndex,
  responseKeyOf,
  type PlatformFixtureIndex,
} from './support/platform-fixtures.js';

/** The APIs the corpus must cover: each has a fixture or is listed as having no documented sample. */
const REQUIRED_APIS = [
  '/auth/token/create',
  '/auth/token/refresh',
  'aliexpress.ds.product.get',
  'aliexpress.ds.freight.query',
  'aliexpress.ds.order.create',
  'aliexpress.trade.ds.order.get',
  'aliexpress.ds.order.tracking.get',
  'aliexpress.ds.text.search',
  'aliexpress.ds.category.get',
  'aliexpress.ds.feedname.get',
  'aliexpress.ds.feed.itemids.get',
  'aliexpress.ds.image.searchV2',
  'aliexpress.ds.address.get',
  'aliexpress.logistics.buyer.freight.calculate',
  'aliexpress.ds.product.wholesale.get',
  'aliexpress.ds.member.benefit.get',
  'aliexpress.affiliate.product.query',
  'aliexpress.affiliate.productdetail.get',
  'aliexpress.affiliate.hotproduct.query',
  'aliexpress.affiliate.link.generate',
  'aliexpress.affiliate.category.get',
  'aliexpress.affiliate.product.shipping.get',
  'aliexpress.affiliate.product.sku.detail.get',
  'aliexpress.affiliate.product.smartmatch',
  'aliexpress.affiliate.featuredpromo.get',
  'aliexpress.affiliate.featuredpromo.products.get',
  'aliexpress.affiliate.order.list',
  'aliexpress.affiliate.order.get',
  'aliexpress.affiliate.order.listbyindex',
  'DROPSHIPPER_ORDER_STATUS_UPDATE',
];

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Follows a path of keys and indexes through a parsed body. */
function at(body: GatewayJson, ...path: Array<string | number>): GatewayJson {
  return path.reduce<GatewayJson>((node, key) => {
    if (typeof key === 'number' && Array.isArray(node)) return node[key];
    if (typeof key === 'string' && isJsonObject(node)) return node[key];
    throw new Error(`no ${String(key)} in ${JSON.stringify(node)}`);
  }, body);
}

/**
 * Compares the gateway parse with the raw-literal parse, position by position; returns the
 * places where a number lost digits or an unsafe integer did not come back as its digits.
 */
function numberMismatches(raw: unknown, parsed: GatewayJson, where = '$'): string[] {
  if (raw instanceof RawNumber) {
    const exact = isSafeNumber(raw.digits)
      ? typeof parsed === 'number' && parsed === Number(raw.digits)
      : parsed === raw.digits;
    return exact ? [] : [`${where}: ${raw.digits} became ${JSON.stringify(parsed)}`];
  }
  if (Array.isArray(raw)) {
    if (!Array.isArray(parsed) || parsed.length !== raw.length) return [`${where}: shape`];
    return raw.flatMap((item, i) => numberMismatches(item, parsed[i], `${where}[${i}]`));
  }
  if (typeof raw === 'object' && raw !== null) {
    if (!isJsonObject(parsed)) return [`${where}: shape`];
    return Object.entries(raw).flatMap(([k, v]) => numberMismatches(v, parsed[k], `${where}.${k}`));
  }
  return raw === parsed ? [] : [`${where}: ${JSON.stringify(raw)} vs ${JSON.stringify(parsed)}`];
}

describe('platform fixture corpus (test/fixtures/platform)', () => {
  let index: PlatformFixtureIndex;

  beforeAll(() => {
    index = readPlatformIndex();
  });

  /** The `result` in a fixture's body, under the `<api>_response` key the platform wraps it in. */
  const resultOf = (api: string, fixtureCase: string): GatewayJson =>
    at(loadPlatformFixture(api, fixtureCase, index).body, responseKeyOf(api), 'result');

  describe('index.json and the folder agree', () => {
    it('indexes every file on disk, and every indexed file exists', () => {
      const onDisk = listPlatformFixtureFiles();
      const indexed = index.fixtures.map((e) => e.file).sort();
      expect(onDisk.length).toBeGreaterThan(0);
      expect(indexed).toEqual(onDisk);
    });

    it('has one entry per file and per api/case', () => {
      const files = index.fixtures.map((e) => e.file);
      const cases = index.fixtures.map((e) => `${e.api} ${e.case}`);
      expect(new Set(files).size).toBe(files.length);
      expect(new Set(cases).size).toBe(cases.length);
    });

    it('names each file <group>/<api>.<case>.json', () => {
      for (const entry of index.fixtures) {
        expect(entry.file).toBe(expectedFixtureFile(entry));
      }
    });

    it('gives every entry a source page, a commit and a section', () => {
      for (const { source, file } of index.fixtures) {
        expect({ file, repo: source.repo }).toEqual({ file, repo: 'simowment/ae_sdk' });
        expect(source.path).toMatch(/^aliexpress_docs\/.+\.(md|json)$/);
        expect(source.commit).toMatch(/^[0-9a-f]{40}$/);
        expect(source.section.trim()).not.toBe('');
      }
    });

    it('covers every required API with a fixture or a documented gap', () => {
      const withFixture = new Set(index.fixtures.map((e) => e.api));
      const gaps = new Set(index.withoutSample.map((g) => g.api));
      const uncovered = REQUIRED_APIS.filter((api) => !withFixture.has(api) && !gaps.has(api));
      expect(uncovered).toEqual([]);
    });

    it('has both a success and a failure body where the pages document both', () => {
      const kinds = (api: string) =>
        new Set(index.fixtures.filter((e) => e.api === api).map((e) => e.kind));
      for (const api of [
        'aliexpress.ds.freight.query',
        'aliexpress.ds.order.create',
        'aliexpress.trade.ds.order.get',
        'aliexpress.ds.order.tracking.get',
      ]) {
        expect({ api, kinds: [...kinds(api)].sort() }).toEqual({
          api,
          kinds: ['failure', 'success'],
        });
      }
    });
  });

  describe('every body', () => {
    it('parses losslessly to a JSON object', () => {
      for (const entry of index.fixtures) {
        const body = parseGatewayJson(readPlatformFixtureText(entry.file));
        expect({ file: entry.file, object: isJsonObject(body) }).toEqual({
          file: entry.file,
          object: true,
        });
      }
    });

    it('is wrapped exactly as the index says', () => {
      for (const entry of index.fixtures) {
        const body = loadPlatformFixture(entry.api, entry.case, index).body;
        if (!isJsonObject(body)) throw new Error(`${entry.file} is not an object`);
        const methodKey = responseKeyOf(entry.api);
        expect({ file: entry.file, wrapped: isJsonObject(body[methodKey]) }).toEqual({
          file: entry.file,
          wrapped: entry.wrapped,
        });
        if (entry.wrapped) expect(entry.wrapperKey).toBe(methodKey);
        if (entry.wrapperKey !== null) {
          expect({ file: entry.file, holds: isJsonObject(body[entry.wrapperKey]) }).toEqual({
            file: entry.file,
            holds: true,
          });
        }
      }
    });

    it('keeps every number literal exact through the gateway parser', () => {
      for (const entry of index.fixtures) {
        const content = readPlatformFixtureText(entry.file);
        const mismatches = numberMismatches(
          parseWithRawNumbers(content),
          parseGatewayJson(content),
        );
        expect({ file: entry.file, mismatches }).toEqual({ file: entry.file, mismatches: [] });
      }
    });
  });

  describe('big ids keep their digits', () => {
    it('the digit check itself catches a lossy parse (no fixture has a JSON number beyond 2^53)', () => {
      const unsafe = '{"order_list":{"number":[9007199254740993]}}';
      const lossy = JSON.parse(unsafe) as GatewayJson;
      expect(numberMismatches(parseWithRawNumbers(unsafe), lossy)).toEqual([
        '$.order_list.number[0]: 9007199254740993 became 9007199254740992',
      ]);
      expect(numberMismatches(parseWithRawNumbers(unsafe), parseGatewayJson(unsafe))).toEqual([]);
    });

    it('order ids near 2^53 stay exact numbers (order.create and the auto-pay FAQ)', () => {
      const created = loadPlatformFixture('aliexpress.ds.order.create', 'success', index);
      const id = at(created.body, 'aliexpress_ds_order_create_response', 'result', 'order_list');
      expect(at(id, 'number', 0)).toBe(8198352049851315);
      expect(created.text).toContain('8198352049851315');

      const autopay = loadPlatformFixture(
        'aliexpress.ds.order.create',
        'success-autopay-failed',
        index,
      );
      const list = at(autopay.body, 'aliexpress_ds _order_create _response', 'result');
      expect(at(list, 'order_list', 'number', 0)).toBe(8190439416163295);
      expect(at(list, 'is_ success')).toBe(true);
      expect(at(list, 'error_msg')).toBe('OrderCreated, autoPay fail:APIPayFail');
    });

    it('SKU ids beyond 2^53 come back with their exact digits', () => {
      const samples: Array<[string, string, Array<string | number>, string]> = [
        [
          'aliexpress.ds.product.get',
          'success',
          ['result', 'ae_item_sku_info_dtos', 0, 'sku_id'],
          '12000027158136202',
        ],
        [
          'aliexpress.ds.product.get',
          'demo',
          ['aliexpress_ds_product_get_response', 'result', 'ae_item_sku_info_dtos', 0, 'sku_id'],
          '12000027158136202',
        ],
        [
          'aliexpress.ds.order.tracking.get',
          'demo',
          [
            'aliexpress_ds_order_tracking_get_response',
            'result',
            'data',
            'tracking_detail_line_list',
            0,
            'package_item_list',
            0,
            'sku_id',
          ],
          '12000033361133017',
        ],
      ];
      for (const [api, fixtureCase, path, digits] of samples) {
        expect(BigInt(digits) > MAX_SAFE).toBe(true);
        expect(at(loadPlatformFixture(api, fixtureCase, index).body, ...path)).toBe(digits);
      }
    });

    it('webhook, feed, tracking and product ids survive as exact numbers', () => {
      const hook = loadPlatformFixture('DROPSHIPPER_ORDER_STATUS_UPDATE', 'payment-failed', index);
      expect(at(hook.body, 'data', 'orderId')).toBe(1105933950463697);
      expect(at(hook.body, 'data', 'buyerId')).toBe(1861703697);
      expect(at(hook.body, 'timestamp')).toBe(1719389200);

      const feed = resultOf('aliexpress.ds.feed.itemids.get', 'success');
      expect(at(feed, 'products', 'number')).toEqual([1005007821712176, 1005007610894533]);

      const line = at(
        resultOf('aliexpress.ds.order.tracking.get', 'success'),
        'data',
        'tracking_detail_line_list',
        'tracking_detail',
        0,
      );
      expect(at(line, 'package_item_list', 'package_item', 0, 'item_id')).toBe(1005008453688391);
      expect(at(line, 'mail_no')).toBe('4209795192144903600008220012159992');

      const product = loadPlatformFixture('aliexpress.ds.product.get', 'success', index);
      expect(
        at(product.body, 'result', 'product_id_converter_result', 'sub_product_id', 'US'),
      ).toBe(2251832796543238);
    });
  });

  describe('documented values the next step relies on', () => {
    it.each([
      {
        what: 'the freight.query failure',
        api: 'aliexpress.ds.freight.query',
        fixtureCase: 'failure-delivery-not-available',
        result: { msg: 'DELIVERY_NOT_AVAILABLE_TO_YOUR_ADDRESS', code: 505, success: false },
      },
      {
        what: 'the tracking failure with its string code',
        api: 'aliexpress.ds.order.tracking.get',
        fixtureCase: 'failure-tracking-data-not-found',
        result: { ret: false, msg: 'TRACKING DATA NOT FOUND', code: '1001' },
      },
    ])('keeps $what exactly', ({ api, fixtureCase, result }) => {
      expect(resultOf(api, fixtureCase)).toEqual(result);
    });

    it('keeps the 172.71 shipping fee of freight.query exactly', () => {
      const option = at(
        resultOf('aliexpress.ds.freight.query', 'success'),
        'delivery_options',
        'delivery_option_d_t_o',
        0,
      );
      expect(at(option, 'shipping_fee_cent')).toBe('172.71');
      expect(at(option, 'shipping_fee_format')).toBe('US $172.71');
    });

    it('keeps escaped HTML and quoted strings as the page wrote them', () => {
      const product = loadPlatformFixture('aliexpress.ds.product.get', 'success', index);
      expect(product.text).toContain('\\u003cdiv\\u003eThis is a product\\u003c/div\\u003e');
      expect(at(product.body, 'result', 'ae_item_base_info_dto', 'detail')).toBe(
        '<div>This is a product</div>',
      );
      const tier = at(product.body, 'result', 'ae_item_sku_info_dtos', 0, 'wholesale_price_tiers');
      expect(at(tier, 0, 'wholesale_price')).toBe('"5.78"');
    });

    it('the repaired SDK wrapper still carries the token body as JSON text', () => {
      const wrapper = loadPlatformFixture('/auth/token/create', 'sdk-wrapper', index);
      expect(wrapper.entry.notes.join(' ')).toContain('REPAIR');
      const bodyText = at(wrapper.body, 'gopResponseBody');
      if (typeof bodyText !== 'string') throw new Error('gopResponseBody is not a string');
      const inner = parseGatewayJson(bodyText);
      expect(at(inner, 'expires_in')).toBe(86400);
      expect(at(inner, 'refresh_token_valid_time')).toBe(1711779426000);
    });
  });
});
