import { AliexpressTransportError } from '../errors/aliexpress.errors.js';
import { readCategories, readFeedItemIds, readFeedNames } from './catalog.reader.js';

describe('catalog readers', () => {
  it('categories: a first level (parent 0 or none) has no parentCategoryId; numbers become strings', () => {
    const list = readCategories({
      resp_result: {
        resp_code: 200,
        result: {
          categories: {
            category: [
              { category_id: 509, category_name: 'Phones', parent_category_id: 0 },
              { category_id: '380230', category_name: 'Cases', parent_category_id: '509' },
              { category_name: 'no id: dropped' },
            ],
          },
        },
      },
    });
    expect(list).toEqual({
      totalCount: 2,
      categories: [
        { categoryId: '509', name: 'Phones' },
        { categoryId: '380230', name: 'Cases', parentCategoryId: '509' },
      ],
    });
  });

  it('categories: an answer without resp_result.result cannot be read', () => {
    expect(() => readCategories({ resp_result: { resp_code: 200 } })).toThrow(
      AliexpressTransportError,
    );
  });

  it('feed names: a lone promo object is a list of one', () => {
    expect(
      readFeedNames({
        resp_result: { result: { promos: { promo: { promo_name: 'A', product_num: '7' } } } },
      }),
    ).toEqual([{ name: 'A', description: undefined, productCount: 7 }]);
  });

  it('feed ids: wrapped, plain, lone, {} and big ids (already strings) are read alike', () => {
    const read = (products: unknown) =>
      readFeedItemIds({ result: { products, search_id: 's' } } as never).productIds;
    expect(read({ number: [1005007821712176, '10050061542587941'] })).toEqual([
      '1005007821712176',
      '10050061542587941',
    ]);
    expect(read([1, 2])).toEqual(['1', '2']);
    expect(read({ number: 3 })).toEqual(['3']);
    expect(read({})).toEqual([]);
    expect(read([])).toEqual([]);
    expect(read(['not an id', 1.5])).toEqual([]);
  });
});
