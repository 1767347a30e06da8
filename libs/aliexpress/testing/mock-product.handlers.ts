import { MockGatewayError, exactNumber } from './mock-envelopes.js';
import { MOCK_PRODUCTS, findMockProduct, type MockProduct, type MockSku } from './mock-fixtures.js';

import { money, required, type BusinessHandler } from './mock-business.context.js';
import {
  packageInfoDto,
  rspFailure,
  skuPriceTerms,
  skuPropertyDtos,
  storeInfoDto,
  wholesaleTierDto,
} from './mock-product.dtos.js';

/* `aliexpress.ds.product.get` and `aliexpress.ds.text.search`, in the documented forms. */

function skuDto(product: MockProduct, sku: MockSku, ctx: { baseUrl: string }) {
  return {
    sku_attr: sku.skuAttr,
    offer_sale_price: money(sku.offerCents),
    sku_id: sku.skuId,
    ...(product.wholesale?.length
      ? {
          wholesale_price_tiers: product.wholesale.map((tier) =>
            wholesaleTierDto(tier.minQuantity, tier.priceCents, tier.discount),
          ),
        }
      : {}),
    ean_code: `69${sku.skuId.slice(-11)}`,
    ...skuPriceTerms(sku, product.currency),
    buy_amount_limit_set_by_promotion: '5',
    sku_available_stock: String(sku.stock),
    id: sku.skuAttr,
    sku_bulk_order: '1',
    barcode: sku.skuId.slice(-9),
    sku_code: `S${sku.skuId.slice(-5)}`,
    // the first property (the colour) carries the SKU's picture
    ae_sku_property_dtos: skuPropertyDtos(product, sku, ctx.baseUrl, 'first'),
  };
}

/**
 * `aliexpress.ds.product.get`, in the guide's field names and JSON types (ids and numbers as
 * strings, plain arrays). `602` "Item is not allowed to this country" for a country the product may
 * not be sold to, `605` ITEM_ID_NOT_FOUND for an unknown id, in `rsp_code` / `rsp_msg`.
 */
export const productGet: BusinessHandler = (ctx) => {
  const productId = required(ctx, 'product_id');
  const country = required(ctx, 'ship_to_country');
  const product = findMockProduct(productId);
  if (!product) return rspFailure('605', 'ITEM_ID_NOT_FOUND');
  if (product.notSoldTo?.includes(country))
    return rspFailure('602', 'Item is not allowed to this country');
  const language = (ctx.params.target_language ?? '').slice(0, 2).toLowerCase();
  const subject = product.subjects?.[language] ?? product.subject;
  const detail = `<div>${subject}</div>`;
  return {
    result: {
      ae_item_sku_info_dtos: product.skus.map((s) => skuDto(product, s, ctx)),
      ae_multimedia_info_dto: {
        ae_video_dtos: [
          {
            media_status: 'approved',
            media_type: 'MAIN_IMAGE_VIDEO',
            poster_url: ctx.baseUrl + product.images[0],
            ali_member_id: product.storeId,
            media_id: `29${product.productId.slice(-10)}`,
            media_url: `${ctx.baseUrl}/__mock/videos/${product.productId}.mp4`,
          },
        ],
        image_urls: product.images.map((i) => ctx.baseUrl + i).join(';'),
      },
      package_info_dto: packageInfoDto(product),
      product_id_converter_result: {
        main_product_id: product.productId,
        // a JSON number on the wire, as documented; the US market must order with it
        sub_product_id: {
          US: exactNumber(product.usSubProductId ?? `3256${product.productId.slice(4)}`),
        },
      },
      logistics_info_dto: { delivery_time: '7', ship_to_country: country },
      ae_item_base_info_dto: {
        gmt_create: '0',
        mobile_detail: detail,
        category_sequence: '(Beta Release) Only open to whitelist appkey',
        subject,
        evaluation_count: String(Math.round(product.sales / 7)),
        ws_display: 'normal',
        sales_count: String(product.sales),
        product_status_type: 'onSelling',
        avg_evaluation_rating: product.evaluation,
        gmt_modified: '0',
        currency_code: ctx.params.target_currency ?? product.currency,
        owner_member_seq_long: product.storeId,
        category_id: product.categoryId,
        product_id: product.productId,
        detail,
        ws_offline_date: '0',
      },
      has_whole_sale: product.wholesale?.length ? 'true' : 'false',
      ae_item_properties: (product.attributes ?? []).map((a) => ({
        attr_name_id: a.nameId,
        attr_value_id: a.valueId,
        attr_value_unit: '',
        attr_name: a.name,
        attr_value_start: '',
        attr_value_end: '',
        attr_value: a.value,
      })),
      ae_store_info: storeInfoDto(product),
    },
    code: '0',
    rsp_code: '200',
    rsp_msg: 'Call succeeds',
  };
};

/** `"12.34%"`-style percentages, as text.search writes `discount` and `evaluateRate`. */
const percent = (value: number) => `${Number(value.toFixed(1))}%`;

const SORTS: Record<string, (a: MockProduct, b: MockProduct) => number> = {
  'min_price,asc': (a, b) => minOffer(a) - minOffer(b),
  'min_price,desc': (a, b) => minOffer(b) - minOffer(a),
  'orders,asc': (a, b) => a.sales - b.sales,
  'orders,desc': (a, b) => b.sales - a.sales,
  'comments,asc': (a, b) => a.sales / 7 - b.sales / 7,
  'comments,desc': (a, b) => b.sales / 7 - a.sales / 7,
};

const minOffer = (p: MockProduct) => Math.min(...p.skus.map((s) => s.offerCents));
const minPrice = (p: MockProduct) => Math.min(...p.skus.map((s) => s.priceCents));

/**
 * The `searchExtend` filters: a JSON array of objects, or InvalidParameter as for any other JSON
 * parameter the gateway cannot read.
 */
function extendFilters(raw: string | undefined): Array<Record<string, unknown>> {
  if (!raw) return [];
  let filters: unknown;
  try {
    filters = JSON.parse(raw);
  } catch {
    filters = undefined;
  }
  if (
    !Array.isArray(filters) ||
    !filters.every((f) => typeof f === 'object' && f !== null && !Array.isArray(f))
  ) {
    throw new MockGatewayError({
      code: 'InvalidParameter',
      message: 'The input parameter \u201csearchExtend\u201d is not a valid JSON array of objects',
    });
  }
  return filters as Array<Record<string, unknown>>;
}

/** A `searchExtend` filter the mock understands (`ship_from`, `free_ship_to`, `hot_area`…). */
function matchesExtend(product: MockProduct, filters: Array<Record<string, unknown>>): boolean {
  return filters.every((f) => {
    const value = typeof f.searchValue === 'string' ? f.searchValue : undefined;
    switch (f.searchKey) {
      case 'ship_from':
        return value === undefined || value === 'CN';
      case 'free_ship_to':
      case 'hot_area':
        return value === undefined || product.shipsTo.includes(value === 'UK' ? 'GB' : value);
      default:
        return true;
    }
  });
}

/**
 * `aliexpress.ds.text.search`, in the guide's form: `code` "0" and `msg` beside `data`, every
 * product field a string, prices in currency units, `discount` and `evaluateRate` with "%".
 */
export const textSearch: BusinessHandler = (ctx) => {
  const keyWord = required(ctx, 'keyWord');
  required(ctx, 'local');
  required(ctx, 'countryCode');
  const currency = required(ctx, 'currency');
  const pageSize = Math.min(Math.max(Number(ctx.params.pageSize ?? 20) || 20, 1), 50);
  const pageIndex = Math.max(Number(ctx.params.pageIndex ?? 1) || 1, 1);
  const words = keyWord.toLowerCase().split(/\s+/).filter(Boolean);
  let matches = MOCK_PRODUCTS.filter((p) => words.some((w) => p.subject.toLowerCase().includes(w)));
  if (ctx.params.categoryId)
    matches = matches.filter((p) => p.categoryId === ctx.params.categoryId);
  const filters = extendFilters(ctx.params.searchExtend);
  matches = matches.filter((p) => matchesExtend(p, filters));
  const sort = SORTS[ctx.params.sortBy ?? ''];
  if (sort) matches.sort(sort);
  const page = matches.slice((pageIndex - 1) * pageSize, pageIndex * pageSize);
  const format = (cents: number) =>
    `${currency === 'USD' ? 'US $' : `${currency} `}${money(cents)}`;
  return {
    msg: 'Call succeeds',
    code: '0',
    data: {
      pageIndex: String(pageIndex),
      pageSize: String(pageSize),
      totalCount: String(matches.length),
      products: page.map((p) => ({
        productVideoUrl: `${ctx.baseUrl}/__mock/videos/${p.productId}.mp4`,
        originalPrice: money(minPrice(p)),
        originalPriceCurrency: currency,
        salePrice: money(minOffer(p)),
        discount: `${Math.round((1 - minOffer(p) / minPrice(p)) * 100)}%`,
        itemMainPic: ctx.baseUrl + p.images[0],
        title: p.subject,
        originalPriceFormat: format(minPrice(p)),
        score: p.evaluation,
        itemId: p.productId,
        targetSalePrice: money(minOffer(p)),
        cateId: p.categoryId,
        targetOriginalPriceCurrency: currency,
        originMinPrice: money(minPrice(p)),
        evaluateRate: percent((Number(p.evaluation) / 5) * 100),
        salePriceFormat: format(minOffer(p)),
        orders: String(p.sales),
        targetOriginalPrice: money(minPrice(p)),
        itemUrl: `https://www.aliexpress.com/item/${p.productId}.html`,
        salePriceCurrency: currency,
      })),
    },
  };
};
