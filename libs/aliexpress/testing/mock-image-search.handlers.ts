import { randomUUID } from 'node:crypto';
import {
  MOCK_CATEGORIES,
  MOCK_PRODUCTS,
  type MockCategory,
  type MockProduct,
} from './mock-fixtures.js';
import { exactNumber } from './mock-envelopes.js';

import { isCountry, jsonParam, type BusinessHandler } from './mock-business.context.js';

/* `aliexpress.ds.image.searchV2`, in the captured sample's nested shape. */

const IMAGE_SIGNATURES: Array<[string, number[]]> = [
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['png', [0x89, 0x50, 0x4e, 0x47]],
  ['gif', [0x47, 0x49, 0x46, 0x38]],
  ['webp', [0x52, 0x49, 0x46, 0x46]],
  ['bmp', [0x42, 0x4d]],
];

const isImage = (bytes: Buffer) =>
  IMAGE_SIGNATURES.some(([, magic]) => magic.every((b, i) => bytes[i] === b));

/** An integer amount in the currency's minor units from USD cents (the mock converts no rates). */
function minorUnits(cents: number, currency: string): string {
  let digits = 2;
  try {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2;
  } catch {
    // unknown currency: cents
  }
  return String(Math.round((cents * 10 ** digits) / 100));
}

/** A stable score in [0.5, 1) of an image against a product: the same image finds the same. */
function similarity(image: Buffer, productId: string): number {
  let hash = 2166136261;
  for (const byte of [...image.subarray(0, 4096), ...Buffer.from(productId)]) {
    hash = Math.imul(hash ^ byte, 16777619) >>> 0;
  }
  return 0.5 + (hash % 500) / 1000;
}

function levels(product: MockProduct) {
  const chain: MockCategory[] = [];
  let category = MOCK_CATEGORIES.find((c) => c.categoryId === product.categoryId);
  while (category) {
    chain.unshift(category);
    const parentId = category.parentId;
    category = parentId ? MOCK_CATEGORIES.find((c) => c.categoryId === parentId) : undefined;
  }
  const level = (i: number) =>
    chain[i] ? { name: chain[i].name, id: chain[i].categoryId } : { name: '', id: '' };
  return { first_level: level(0), second_level: level(1) };
}

const failure = (code: string, message: string) => ({
  result: { ret: false, code, messages: message, empty: true },
});

/** `aliexpress.ds.image.searchV2`: catalogue products ranked by a stable score against the image. */
export const imageSearch: BusinessHandler = (ctx) => {
  const param = jsonParam(ctx, 'param0', true) ?? {};
  const base64 = typeof param.image_base64 === 'string' ? param.image_base64 : '';
  const image = Buffer.from(base64, 'base64');
  if (!base64 || !isImage(image))
    return failure('IMAGE_INVALID', 'image_base64 must hold a JPEG, PNG, GIF, WEBP or BMP image');
  const currency = typeof param.currency === 'string' && param.currency ? param.currency : 'USD';
  const shipTo = typeof param.ship_to === 'string' && isCountry(param.ship_to) ? param.ship_to : '';
  const minOffer = (p: MockProduct) => Math.min(...p.skus.map((s) => s.offerCents));
  let hits = MOCK_PRODUCTS.filter((p) => !shipTo || p.shipsTo.includes(shipTo)).map((p) => ({
    product: p,
    score: similarity(image, p.productId),
  }));
  hits.sort((a, b) => b.score - a.score);
  if (param.search_type === 'same') hits = hits.slice(0, 1);
  const direction = param.sort_order === 'asc' ? 1 : -1;
  if (param.sort_type === 'price')
    hits.sort((a, b) => direction * (minOffer(a.product) - minOffer(b.product)));
  if (param.sort_type === 'orders')
    hits.sort((a, b) => direction * (a.product.sales - b.product.sales));
  const pageSize = 10;
  return {
    result: {
      ret: true,
      next_start_row_key: randomUUID(),
      data: {
        products: hits.map(({ product: p, score }) => {
          const sale = minOffer(p);
          const original = Math.min(...p.skus.map((s) => s.priceCents));
          return {
            volume: p.sales >= 100 ? `${Math.floor(p.sales / 100) * 100}+` : String(p.sales),
            category: levels(p),
            product_detail_url: `https://www.aliexpress.com/item/${p.productId}.html`,
            price: {
              sale: { value: minorUnits(sale, currency), currency },
              original: { value: minorUnits(original, currency), currency },
            },
            discount: String(Math.round((1 - sale / original) * 100)),
            image_url: ctx.baseUrl + p.images[0],
            evaluate_rate: p.evaluation,
            title: p.subject,
            shop_id: exactNumber(p.storeId),
            product_id: p.productId,
            similarity_score: score.toFixed(3),
          };
        }),
      },
      total_count: hits.length,
      pagination: {
        has_next: false,
        page_no: 1,
        page_count: Math.max(1, Math.ceil(hits.length / pageSize)),
        page_size: pageSize,
      },
      empty: hits.length === 0,
    },
  };
};
