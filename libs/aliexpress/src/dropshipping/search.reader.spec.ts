import { readBusinessEnvelope } from '../gateway/gateway-envelope.reader.js';
import { readSearch } from './search.reader.js';

const data = {
  totalCount: '1',
  products: [
    {
      itemId: '1005007421330286',
      salePrice: '6.62',
      salePriceCurrency: 'USD',
      originalPrice: '12.73',
      originalPriceCurrency: 'USD',
      discount: '48%',
      evaluateRate: '97.8%',
    },
  ],
};

describe('readSearch', () => {
  it.each([
    ['the answer as handed over', { code: '0', data }],
    ['the guide wrapper (no _response)', { aliexpress_ds_text_search: { code: '0', data } }],
    ['the demo wrapper', { code: '0', aliexpress_ds_text_search_response: { code: '0', data } }],
  ])('%s', (_case, response) => {
    const page = readSearch(readBusinessEnvelope(response, 'aliexpress.ds.text.search'));
    expect(page.products[0]).toMatchObject({
      productId: '1005007421330286',
      salePrice: { amount: '6.62', currency: 'USD' },
      originalPrice: { amount: '12.73', currency: 'USD' },
      discount: '48%',
      evaluateRate: '97.8%',
      rating: '97.8%',
    });
  });
});
