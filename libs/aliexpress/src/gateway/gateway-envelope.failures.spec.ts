import { resolveOptions } from '../config/resolve-options.js';
import {
  AliexpressAccessTokenError,
  AliexpressApiError,
  AliexpressBusinessError,
} from '../errors/aliexpress.errors.js';
import { DropshippingService } from '../dropshipping/dropshipping.service.js';
import type { TokenService } from '../tokens/token.service.js';
import { businessFailureOf, readBusinessEnvelope } from './gateway-envelope.reader.js';
import type { GatewayClient } from './gateway.client.js';
import { parseGatewayJson } from './gateway-json.parser.js';

/** Reads `body` (JSON text) as the answer of `method`; returns the error it raises, if any. */
function read(method: string, body: string): unknown {
  try {
    return readBusinessEnvelope(parseGatewayJson(body), method);
  } catch (error) {
    return error;
  }
}

const wrap = (method: string, inner: string) =>
  `{"${method.replace(/\./g, '_')}_response":${inner}}`;

describe('readBusinessEnvelope: each API by its documented failure field', () => {
  it.each([
    [
      'freight.query result.success false, numeric code 505 + upper-case msg',
      'aliexpress.ds.freight.query',
      '{"result":{"msg":"DELIVERY_NOT_AVAILABLE_TO_YOUR_ADDRESS","code":505,"success":false},"request_id":"r1"}',
      { code: 'DELIVERY_NOT_AVAILABLE_TO_YOUR_ADDRESS', platformCode: '505', requestId: 'r1' },
    ],
    [
      'freight.query success "false" as a string',
      'aliexpress.ds.freight.query',
      '{"result":{"msg":"DELIVERY_INFO_EMPTY","code":"505","success":"false"}}',
      { code: 'DELIVERY_INFO_EMPTY', platformCode: '505' },
    ],
    [
      'order.create is_success false: the symbolic error_code, the message as detail',
      'aliexpress.ds.order.create',
      '{"result":{"error_msg":"Please enter a city","error_code":"B_DROPSHIPPER_DELIVERY_ADDRESS_VALIDATE_FAIL","is_success":false}}',
      {
        code: 'B_DROPSHIPPER_DELIVERY_ADDRESS_VALIDATE_FAIL',
        platformCode: 'B_DROPSHIPPER_DELIVERY_ADDRESS_VALIDATE_FAIL',
        detail: 'Please enter a city',
      },
    ],
    [
      'tracking result.ret false, code "1001" + "TRACKING DATA NOT FOUND"',
      'aliexpress.ds.order.tracking.get',
      '{"result":{"ret":false,"msg":"TRACKING DATA NOT FOUND","code":"1001"}}',
      {
        code: 'TRACKING_DATA_NOT_FOUND',
        platformCode: '1001',
        detail: 'TRACKING DATA NOT FOUND',
      },
    ],
    [
      'address.get result.ret "false"',
      'aliexpress.ds.address.get',
      '{"result":{"ret":"false","msg":"UnsupportedParamMapping","code":"400"}}',
      // a one-identifier message beside a numeric code is the reason
      { code: 'UnsupportedParamMapping', platformCode: '400' },
    ],
    [
      'image.searchV2 result.ret false',
      'aliexpress.ds.image.searchV2',
      '{"result":{"ret":false,"code":"IMAGE_INVALID","messages":["bad image"]}}',
      { code: 'IMAGE_INVALID', platformCode: 'IMAGE_INVALID', detail: 'bad image' },
    ],
    [
      'feed.itemids.get ret false beside result, rsp_code/rsp_msg',
      'aliexpress.ds.feed.itemids.get',
      '{"result":{},"ret":false,"rsp_code":"500","rsp_msg":"FEED_NAME_INVALID"}',
      { code: 'FEED_NAME_INVALID', platformCode: '500' },
    ],
    [
      'feedname.get resp_result.resp_code not 200',
      'aliexpress.ds.feedname.get',
      '{"resp_result":{"resp_code":402,"resp_msg":"UNSUPPORTED_PARAM_MAPPING"}}',
      { code: 'UNSUPPORTED_PARAM_MAPPING', platformCode: '402' },
    ],
    [
      'affiliate link.generate resp_result 402 with an unknown tracking id',
      'aliexpress.affiliate.link.generate',
      '{"resp_result":{"resp_code":402,"resp_msg":"Invalid tracking id"}}',
      { code: 'INVALID_TRACKING_ID', platformCode: '402', detail: 'Invalid tracking id' },
    ],
    [
      'affiliate sku.detail.get result.success false, code 405 (its documented failure)',
      'aliexpress.affiliate.product.sku.detail.get',
      '{"result":{"success":false,"code":405,"msg":"No query results were found for the input parameter"}}',
      { code: 'NO_QUERY_RESULTS', platformCode: '405' },
    ],
    [
      'category.get resp_result.resp_code as a string',
      'aliexpress.ds.category.get',
      '{"resp_result":{"resp_code":"500","resp_msg":"system busy"}}',
      { code: '500', platformCode: '500', detail: 'system busy' },
    ],
    [
      'product.get rsp_code 605 + ITEM_ID_NOT_FOUND',
      'aliexpress.ds.product.get',
      '{"rsp_code":"605","rsp_msg":"ITEM_ID_NOT_FOUND"}',
      { code: 'ITEM_ID_NOT_FOUND', platformCode: '605' },
    ],
    [
      'product.get rsp_code 602 + prose: a symbolic name for it',
      'aliexpress.ds.product.get',
      '{"rsp_code":602,"rsp_msg":"Item is not allowed to this country"}',
      {
        code: 'ITEM_NOT_SOLD_TO_COUNTRY',
        platformCode: '602',
        detail: 'Item is not allowed to this country',
      },
    ],
    [
      'wholesale rsp_code + "All SKU Unsaleable"',
      'aliexpress.ds.product.wholesale.get',
      '{"rsp_code":"501","rsp_msg":"All SKU Unsaleable"}',
      { code: 'ALL_SKU_UNSALEABLE', platformCode: '501' },
    ],
    [
      'member.benefit.get rsp_code not 200',
      'aliexpress.ds.member.benefit.get',
      '{"rsp_code":"403","rsp_msg":"NOT_A_MEMBER"}',
      { code: 'NOT_A_MEMBER', platformCode: '403' },
    ],
    [
      'text.search code at wrapper level, not "0"',
      'aliexpress.ds.text.search',
      '{"code":"IllegalParameter","msg":"keyWord is empty"}',
      { code: 'IllegalParameter', platformCode: 'IllegalParameter', detail: 'keyWord is empty' },
    ],
    [
      'freight.calculate result.success false + error_desc',
      'aliexpress.logistics.buyer.freight.calculate',
      '{"result":{"success":"false","error_desc":"NO_FREIGHT"}}',
      { code: 'NO_FREIGHT' },
    ],
  ])('%s', (_case, method, inner, expected) => {
    // a bare `{code, msg}` is also how the gateway writes a flat error: only wrapped is business
    const bodies = inner.includes('"result"') || inner.includes('rsp_') ? [inner] : [];
    for (const body of [wrap(method, inner), ...bodies]) {
      const error = read(method, body);
      expect(error).toBeInstanceOf(AliexpressBusinessError);
      expect(error).toMatchObject({ apiName: method, ...expected });
    }
  });

  it.each([
    [
      'order.create is_success true with an auto-pay error_msg (the order exists)',
      'aliexpress.ds.order.create',
      '{"result":{"error_msg":"OrderCreated, autoPay fail:APIPayFail","is_success":true,"order_list":{"number":[8190439416163295]}}}',
    ],
    [
      'freight.query code 200 "Call succeeds"',
      'aliexpress.ds.freight.query',
      '{"result":{"msg":"Call succeeds","code":200,"success":true}}',
    ],
    [
      'tracking ret true with empty code',
      'aliexpress.ds.order.tracking.get',
      '{"result":{"ret":true,"msg":"","code":""}}',
    ],
    [
      'address.get ret "true" with a placeholder code',
      'aliexpress.ds.address.get',
      '{"result":{"ret":"true","code":"code","msg":"error message"}}',
    ],
    [
      'feedname.get resp_code 200',
      'aliexpress.ds.feedname.get',
      '{"resp_result":{"resp_code":200,"resp_msg":"Call succeeds","result":{}}}',
    ],
    [
      'affiliate product.query resp_code 200',
      'aliexpress.affiliate.product.query',
      '{"resp_result":{"resp_code":200,"resp_msg":"Call succeeds","result":{"products":{}}}}',
    ],
    [
      'affiliate sku.detail.get result.success true, code 200',
      'aliexpress.affiliate.product.sku.detail.get',
      '{"result":{"result":{},"code":200,"success":true}}',
    ],
    [
      'feed.itemids.get ret true, rsp_msg ""',
      'aliexpress.ds.feed.itemids.get',
      '{"result":{"total":0,"products":{}},"ret":true,"rsp_msg":""}',
    ],
    [
      'product.get rsp_code "200" and code "0"',
      'aliexpress.ds.product.get',
      '{"result":{},"rsp_code":"200","rsp_msg":"Call succeeds","code":"0"}',
    ],
    [
      'member.benefit demo placeholders',
      'aliexpress.ds.member.benefit.get',
      '{"result":[],"rsp_code":"rsp_code","rsp_msg":"rsp_msg"}',
    ],
    ['text.search code "0"', 'aliexpress.ds.text.search', '{"code":"0","msg":"message","data":{}}'],
  ])('%s is a success', (_case, method, inner) => {
    expect(read(method, wrap(method, inner))).toEqual(parseGatewayJson(inner));
    expect(read(method, inner)).toEqual(parseGatewayJson(inner));
  });

  it('finds the answer under the keys the pages misspell or print without _response', () => {
    const typo =
      '{"aliexpress_ds _order_create _response":{"result":{"error_msg":"OrderCreated, autoPay fail:APIPayFail","is_ success":true}}}';
    expect(read('aliexpress.ds.order.create', typo)).toMatchObject({
      result: { error_msg: 'OrderCreated, autoPay fail:APIPayFail' },
    });
    const refused =
      '{"aliexpress_ds _order_create _response":{"result":{"error_code":"INVENTORY_HOLD_ERROR","is_ success":"false"}}}';
    expect(read('aliexpress.ds.order.create', refused)).toMatchObject({
      code: 'INVENTORY_HOLD_ERROR',
    });
    const bare = '{"aliexpress_ds_text_search":{"code":"0","data":{"products":[]}}}';
    expect(read('aliexpress.ds.text.search', bare)).toEqual({ code: '0', data: { products: [] } });
  });

  it('keeps error_response a gateway error with its documented fields', () => {
    const error = read(
      'aliexpress.trade.ds.order.get',
      '{"error_response":{"code":"15","type":"ISP","sub_code":"isv.insufficient-permission","sub_msg":"Insufficient permission.","msg":"Remote service error","request_id":"210126da17406391015547789"}}',
    );
    expect(error).toBeInstanceOf(AliexpressApiError);
    expect(error).toMatchObject({
      code: '15',
      type: 'ISP',
      subCode: 'isv.insufficient-permission',
      subMessage: 'Insufficient permission.',
      requestId: '210126da17406391015547789',
    });
  });
});

describe('businessFailureOf', () => {
  it('names the failure of an unwrapped answer as the reader raises it, and a success as none', () => {
    expect(
      businessFailureOf({ result: { ret: false, code: '1001', msg: 'TRACKING DATA NOT FOUND' } }),
    ).toEqual({
      code: 'TRACKING_DATA_NOT_FOUND',
      platformCode: '1001',
      message: 'TRACKING DATA NOT FOUND',
    });
    expect(businessFailureOf({ rsp_code: 200, result: {} })).toBeUndefined();
  });
});

describe('DropshippingService.call() reads the same failure fields for any method', () => {
  const options = resolveOptions({ appKey: '500102', appSecret: 's', retry: { maxRetries: 0 } });
  const serviceAnswering = (body: string) => {
    const gateway: Pick<GatewayClient, 'callBusiness'> = {
      callBusiness: (method) =>
        Promise.resolve(readBusinessEnvelope(parseGatewayJson(body), method)),
    };
    const tokens: Pick<TokenService, 'withAccessToken'> = {
      withAccessToken: (_account, run) => run('token'),
    };
    return new DropshippingService(tokens as TokenService, gateway as GatewayClient, options);
  };

  it('a resp_result.resp_code failure (feedname.get) is raised, not returned', async () => {
    const service = serviceAnswering(
      '{"aliexpress_ds_feedname_get_response":{"resp_result":{"resp_code":500,"resp_msg":"SYSTEM_BUSY"},"request_id":"r9"}}',
    );
    const error = await service.call('1', 'aliexpress.ds.feedname.get').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AliexpressBusinessError);
    expect(error).toMatchObject({ code: 'SYSTEM_BUSY', platformCode: '500', requestId: 'r9' });
  });
});

describe('a dead token reported inside a business envelope', () => {
  it('text.search code IllegalAccessToken is the access-token error (so it is refreshed once)', () => {
    expect(() =>
      readBusinessEnvelope(
        parseGatewayJson(
          '{"aliexpress_ds_text_search_response":{"code":"IllegalAccessToken","msg":"Invalid access token","request_id":"r"}}',
        ),
        'aliexpress.ds.text.search',
      ),
    ).toThrow(AliexpressAccessTokenError);
  });
});
