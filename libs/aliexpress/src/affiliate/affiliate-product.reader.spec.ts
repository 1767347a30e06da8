import type { GatewayObject } from '../gateway/gateway-json.parser.js';
import { parseGatewayJson } from '../gateway/gateway-json.parser.js';
import { readProductPage } from './affiliate-product.reader.js';

const API = 'aliexpress.affiliate.product.query';

describe('affiliate product reader', () => {
  it('unwrap products whether wrapped by element type or plain, ids exact, prices as decimal strings', () => {
    const wrapped = parseGatewayJson(
      '{"resp_result":{"resp_code":200,"result":{"current_page_no":2,"current_record_count":1,"products":{"product":[{"product_id":10050061542587941,"sku_id":12000036032948733,"product_title":"T","target_sale_price":"9.50","target_sale_price_currency":"EUR","product_small_image_urls":{"string":["a","b"]},"lastest_volume":"12","promo_code_info":{"promo_code":""}}]}}}}',
    ) as GatewayObject;
    const plain = parseGatewayJson(
      '{"resp_result":{"resp_code":200,"result":{"current_page_no":2,"current_record_count":1,"products":[{"product_id":10050061542587941,"sku_id":12000036032948733,"product_title":"T","target_sale_price":"9.50","target_sale_price_currency":"EUR","product_small_image_urls":["a","b"],"lastest_volume":12,"promo_code_info":{"promo_code":""}}]}}}',
    ) as GatewayObject;
    const expected = {
      pageNo: 2,
      recordCount: 1,
      products: [
        {
          productId: '10050061542587941',
          skuId: '12000036032948733',
          title: 'T',
          imageUrls: ['a', 'b'],
          targetSalePrice: { amount: '9.50', currency: 'EUR' },
          volume: 12,
        },
      ],
    };
    expect(readProductPage(wrapped, API)).toEqual(expected);
    expect(readProductPage(plain, API)).toEqual(expected);
  });

  it('an empty products object is an empty page; a product without id is left out', () => {
    const body = { resp_result: { resp_code: 200, result: { products: {} } } } as GatewayObject;
    expect(readProductPage(body, API)).toEqual({ pageNo: 1, recordCount: 0, products: [] });
    const noId = {
      resp_result: { result: { products: [{ product_title: 'x' }] } },
    } as unknown as GatewayObject;
    expect(readProductPage(noId, API).products).toEqual([]);
  });
});
