import { resolveOptions } from '../config/resolve-options.js';
import {
  AliexpressValidationError,
  AliexpressTransportError,
} from '../errors/aliexpress.errors.js';
import type { GatewayClient } from '../gateway/gateway.client.js';
import type { GatewayObject } from '../gateway/gateway-json.parser.js';
import type { ParamRecord } from '../signing/sign-params.js';
import { AffiliateService } from './affiliate.service.js';

interface Call {
  method: string;
  params: ParamRecord;
}

/** A service over a fake gateway that answers from `answer` and records every call. */
function serviceWith(answer: (call: Call) => GatewayObject, trackingId?: string) {
  const calls: Call[] = [];
  const gateway = {
    callApp: (method: string, params: ParamRecord) => {
      calls.push({ method, params });
      return Promise.resolve(answer({ method, params }));
    },
  } as unknown as GatewayClient;
  const options = resolveOptions({
    appKey: '500102',
    appSecret: 'unit-secret',
    affiliate: { trackingId },
    retry: { maxRetries: 1, initialDelayMs: 1 },
  });
  return { service: new AffiliateService(gateway, options), calls };
}

const page = (products: Array<Record<string, unknown>>, totalPages = 1): GatewayObject =>
  ({
    resp_result: {
      resp_code: 200,
      result: { current_record_count: products.length, total_page_no: totalPages, products },
    },
  }) as GatewayObject;

describe('AffiliateService', () => {
  it('sends the module tracking id, or the call’s own, and prices in hundredths', async () => {
    const { service, calls } = serviceWith(() => page([]), 'site_a');
    await service.queryProducts({ minSalePrice: '19.5', maxSalePrice: '100' });
    await service.queryHotProducts({ trackingId: 'site_b' });
    expect(calls[0]).toMatchObject({
      method: 'aliexpress.affiliate.product.query',
      params: { tracking_id: 'site_a', min_sale_price: '1950', max_sale_price: '10000' },
    });
    expect(calls[1]).toMatchObject({
      method: 'aliexpress.affiliate.hotproduct.query',
      params: { tracking_id: 'site_b' },
    });
  });

  it('generateLinks without any tracking id fails before calling the gateway', async () => {
    const { service, calls } = serviceWith(() => page([]));
    const error = await service
      .generateLinks({ sourceValues: ['https://www.aliexpress.com/item/1.html'] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AliexpressValidationError);
    expect((error as AliexpressValidationError).fields).toEqual(['trackingId']);
    expect(calls).toEqual([]);
  });

  it('joins lists with commas and maps withDelivery to Yes/No', async () => {
    const { service, calls } = serviceWith(() => ({ result: { result: {}, success: true } }));
    await service.getSkuDetails({
      productId: '1',
      shipToCountry: 'US',
      targetCurrency: 'USD',
      targetLanguage: 'EN',
      withDelivery: false,
      skuIds: ['2', '3'],
    });
    expect(calls[0].params).toMatchObject({ need_deliver_info: 'No', sku_ids: '2,3' });
  });

  it('queryAllProducts fetches page after page until the last, lazily', async () => {
    const { service, calls } = serviceWith(({ params }) =>
      page([{ product_id: Number(params.page_no) * 10 }], 3),
    );
    const iterator = service.queryAllProducts({ pageSize: 1 });
    expect(calls).toHaveLength(0);
    const ids: string[] = [];
    for await (const p of iterator) ids.push(p.productId);
    expect(ids).toEqual(['10', '20', '30']);
    expect(calls.map((c) => c.params.page_no)).toEqual([1, 2, 3]);
  });

  it('listAllOrdersByIndex follows max_query_index_id until it stops moving', async () => {
    const pages: Record<string, GatewayObject> = {
      '': {
        resp_result: {
          resp_code: 200,
          result: { orders: [{ order_id: 1 }], max_query_index_id: 'a' },
        },
      },
      a: {
        resp_result: {
          resp_code: 200,
          result: { orders: [{ order_id: 2 }], max_query_index_id: 'b' },
        },
      },
      b: { resp_result: { resp_code: 200, result: { orders: [] } } },
    };
    const { service, calls } = serviceWith(({ params }) => {
      const cursor = params.start_query_index_id;
      return pages[typeof cursor === 'string' ? cursor : ''];
    });
    const ids: string[] = [];
    for await (const o of service.listAllOrdersByIndex({
      startTime: '2026-01-01 00:00:00',
      endTime: '2026-01-02 00:00:00',
      status: 'Payment Completed',
    }))
      ids.push(o.orderId);
    expect(ids).toEqual(['1', '2']);
    expect(calls).toHaveLength(3);
  });

  describe('pages without total_page_no', () => {
    /** A page of `count` items numbered after the page, without any total. */
    const untotalled = (key: 'products' | 'orders', pageNo: number, count: number) =>
      ({
        resp_result: {
          resp_code: 200,
          result: {
            current_record_count: count,
            [key]: Array.from({ length: count }, (_, i) =>
              key === 'products' ? { product_id: pageNo * 10 + i } : { order_id: pageNo * 10 + i },
            ),
          },
        },
      }) as GatewayObject;

    it('queryAllProducts goes on until a page shorter than pageSize', async () => {
      const sizes = [2, 2, 1];
      const { service, calls } = serviceWith(({ params }) =>
        untotalled('products', Number(params.page_no), sizes[Number(params.page_no) - 1] ?? 0),
      );
      const ids: string[] = [];
      for await (const p of service.queryAllProducts({ pageSize: 2 })) ids.push(p.productId);
      expect(ids).toEqual(['10', '11', '20', '21', '30']);
      expect(calls.map((c) => c.params.page_no)).toEqual([1, 2, 3]);
    });

    it('without a pageSize (the platform default is not known), goes on until an empty page', async () => {
      const sizes = [3, 1];
      const { service, calls } = serviceWith(({ params }) =>
        untotalled('products', Number(params.page_no), sizes[Number(params.page_no) - 1] ?? 0),
      );
      const ids: string[] = [];
      for await (const p of service.queryAllHotProducts()) ids.push(p.productId);
      expect(ids).toEqual(['10', '11', '12', '20']);
      expect(calls).toHaveLength(3);
    });

    it('listAllOrders goes on until a short page', async () => {
      const sizes = [2, 2, 0];
      const { service, calls } = serviceWith(({ params }) =>
        untotalled('orders', Number(params.page_no), sizes[Number(params.page_no) - 1] ?? 0),
      );
      const ids: string[] = [];
      for await (const o of service.listAllOrders({
        startTime: '2026-01-01 00:00:00',
        endTime: '2026-01-02 00:00:00',
        status: 'Payment Completed',
        pageSize: 2,
      }))
        ids.push(o.orderId);
      expect(ids).toEqual(['10', '11', '20', '21']);
      expect(calls).toHaveLength(3);
    });
  });

  it('listAllOrdersByIndex stops when the cursor comes back to one it already followed', async () => {
    // a → b → a → b …: a platform that cycles would otherwise be followed forever
    const nextOf: Record<string, string> = { '': 'a', a: 'b', b: 'a' };
    const { service, calls } = serviceWith(({ params }) => {
      if (calls.length > 20) throw new Error('still paging');
      const cursor =
        typeof params.start_query_index_id === 'string' ? params.start_query_index_id : '';
      return {
        resp_result: {
          resp_code: 200,
          result: {
            orders: [{ order_id: ['', 'a', 'b'].indexOf(cursor) + 1 }],
            max_query_index_id: nextOf[cursor],
          },
        },
      };
    });
    const ids: string[] = [];
    for await (const o of service.listAllOrdersByIndex({
      startTime: '2026-01-01 00:00:00',
      endTime: '2026-01-02 00:00:00',
      status: 'Payment Completed',
    }))
      ids.push(o.orderId);
    expect(ids).toEqual(['1', '2', '3']);
    expect(calls).toHaveLength(3);
  });

  it('an answer without resp_result is unexpected-shape, not retried', async () => {
    const { service, calls } = serviceWith(() => ({}));
    await expect(service.getCategories()).rejects.toBeInstanceOf(AliexpressTransportError);
    expect(calls).toHaveLength(1);
  });
});
