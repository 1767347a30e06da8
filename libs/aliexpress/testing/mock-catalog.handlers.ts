import { MOCK_CATEGORIES, MOCK_FEEDS, type MockCategory } from './mock-fixtures.js';
import { exactNumber } from './mock-envelopes.js';

import { required, type BusinessHandler } from './mock-business.context.js';

/* `aliexpress.ds.category.get`, `aliexpress.ds.feedname.get`, `aliexpress.ds.feed.itemids.get`. */

const CATEGORY_LANGUAGES = new Set(
  'hi de ru pt ko in en it fr zh es iw ar vi th uk ja id pl he nl tr'.split(' '),
);

/** The documented failure of category.get: `UnsupportedParamMapping` in `resp_result`. */
const unsupportedParam = (detail: string) => ({
  resp_result: { resp_code: '400', resp_msg: 'UnsupportedParamMapping', resp_detail: detail },
});

/** A category as the demo writes it: every value a string, `0` as a first level's parent. */
const categoryDto = (c: MockCategory) => ({
  parent_category_id: c.parentId ?? '0',
  category_name: c.name,
  category_id: c.categoryId,
});

/** `aliexpress.ds.category.get`: all, or one (with its children); level 3/4 answers its level-2 parent. */
export const categoryGet: BusinessHandler = (ctx) => {
  const language = ctx.params.language;
  if (language && !CATEGORY_LANGUAGES.has(language))
    return unsupportedParam(`language ${language} is not supported`);
  const id = ctx.params.categoryId;
  let answered: MockCategory[];
  if (!id) {
    answered = [...MOCK_CATEGORIES];
  } else {
    let category = MOCK_CATEGORIES.find((c) => c.categoryId === id);
    if (!category) return unsupportedParam(`categoryId ${id} is not a category`);
    while (category.level > 2 && category.parentId) {
      const parentId: string = category.parentId;
      category = MOCK_CATEGORIES.find((c) => c.categoryId === parentId);
      if (!category) return unsupportedParam(`categoryId ${id} has no level-2 parent`);
    }
    const parent = category;
    answered = [parent, ...MOCK_CATEGORIES.filter((c) => c.parentId === parent.categoryId)];
  }
  return {
    resp_result: {
      result: {
        total_result_count: String(answered.length),
        categories: answered.map(categoryDto),
      },
      resp_code: '200',
      resp_msg: 'success',
    },
  };
};

/** `aliexpress.ds.feedname.get` (shape of the captured sample: numbers, promos wrapped). */
export const feednameGet: BusinessHandler = () => ({
  resp_result: {
    result: {
      current_record_count: MOCK_FEEDS.length,
      promos: {
        promo: MOCK_FEEDS.map((f) => ({
          promo_name: f.name,
          promo_desc: f.description,
          product_num: f.items.length,
        })),
      },
    },
    resp_code: 200,
    resp_msg: 'Call succeeds',
  },
});

/** How long a `search_id` stays valid on the platform. */
export const SEARCH_ID_TTL_MS = 60_000;

interface FeedCursor {
  feed: string;
  category?: string;
  offset: number;
  issuedAt: number;
}

const encodeCursor = (cursor: FeedCursor) =>
  Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64');

function decodeCursor(text: string): FeedCursor | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
    if (typeof value !== 'object' || value === null) return undefined;
    const cursor = value as Partial<FeedCursor>;
    if (typeof cursor.feed !== 'string' || typeof cursor.offset !== 'number') return undefined;
    if (typeof cursor.issuedAt !== 'number') return undefined;
    return cursor as FeedCursor;
  } catch {
    return undefined;
  }
}

/** A feed failure: `ret` false with `rsp_code`/`rsp_msg` (the fields the page documents). */
const feedFailure = (code: string, detail: string) => ({
  ret: false,
  rsp_code: 400,
  rsp_msg: code,
  rsp_detail: detail,
});

/**
 * `aliexpress.ds.feed.itemids.get`: pages of ids over a `search_id` cursor that expires after a
 * minute of the mock clock; an exhausted (or unknown) feed answers the documented empty page.
 */
export const feedItemIdsGet: BusinessHandler = (ctx) => {
  const feedName = required(ctx, 'feed_name');
  const size = Number(ctx.params.page_size ?? 200);
  const pageSize = Number.isInteger(size) && size > 0 && size <= 200 ? size : 200;
  const category = ctx.params.category_id || undefined;
  let offset = 0;
  const searchId = ctx.params.search_id;
  if (searchId) {
    const cursor = decodeCursor(searchId);
    if (!cursor || cursor.feed !== feedName || cursor.category !== category)
      return feedFailure(
        'INVALID_SEARCH_ID',
        'search_id was not issued for this feed and category',
      );
    if (ctx.now - cursor.issuedAt > SEARCH_ID_TTL_MS)
      return feedFailure('SEARCH_ID_EXPIRED', 'search_id is valid for 1 minute; start again');
    offset = cursor.offset;
  }
  const feed = MOCK_FEEDS.find((f) => f.name === feedName);
  const items = (feed?.items ?? []).filter((i) => !category || i.rootCategoryId === category);
  const page = items.slice(offset, offset + pageSize);
  const next = encodeCursor({
    feed: feedName,
    category,
    offset: offset + page.length,
    issuedAt: ctx.now,
  });
  return {
    result: {
      total: items.length - offset - page.length,
      products: page.length ? { number: page.map((i) => exactNumber(i.productId)) } : {},
      search_id: next,
    },
    ret: true,
    rsp_msg: '',
  };
};
