import { findMockProduct, type MockProduct, type MockSku } from './mock-fixtures.js';

import { money, required, type BusinessHandler } from './mock-business.context.js';
import {
  packageInfoDto,
  rspFailure,
  skuPriceTerms,
  skuPropertyDtos,
  storeInfoDto,
  wholesaleTierDto,
} from './mock-product.dtos.js';

/* `aliexpress.ds.product.wholesale.get`, in the shape of its only sample (the demo): plain lists, strings. */

/** Wholesale tiers of the mock: from these quantities on, this share of the offer price. */
const TIERS: Array<[number, number]> = [
  [1, 1],
  [10, 0.95],
  [50, 0.9],
];

/** A bulk order (`sku_bulk_order`) starts at this quantity and gets `offer_bulk_sale_price`. */
const BULK_ORDER = 10;

function skuDto(product: MockProduct, sku: MockSku, currency: string, baseUrl: string) {
  return {
    sku_attr: sku.skuAttr,
    offer_sale_price: money(sku.offerCents),
    ipm_sku_stock: String(sku.stock),
    sku_stock: String(sku.stock > 0),
    sku_id: sku.skuId,
    wholesale_price_tiers: TIERS.map(([min, share]) => {
      const cents = Math.round(sku.offerCents * share);
      return wholesaleTierDto(min, cents, (1 - cents / sku.priceCents).toFixed(2));
    }),
    ...skuPriceTerms(sku, currency),
    offer_bulk_sale_price: money(Math.round(sku.offerCents * 0.95)),
    sku_available_stock: String(sku.stock),
    id: sku.skuAttr,
    sku_bulk_order: String(BULK_ORDER),
    ae_sku_property_dtos: skuPropertyDtos(product, sku, baseUrl, 'every'),
  };
}

/** `aliexpress.ds.product.wholesale.get`: 605 for an unknown product, 602 outside its countries. */
export const wholesaleGet: BusinessHandler = (ctx) => {
  const productId = required(ctx, 'product_id');
  const country = required(ctx, 'ship_to_country');
  const product = findMockProduct(productId);
  if (!product) return rspFailure('605', 'ITEM_ID_NOT_FOUND');
  if (!product.shipsTo.includes(country))
    return rspFailure('602', 'Item is not allowed to this country');
  const currency = ctx.params.target_currency || product.currency;
  return {
    result: {
      ae_item_sku_info_dtos: product.skus.map((s) => skuDto(product, s, currency, ctx.baseUrl)),
      ae_multimedia_info_dto: {
        image_urls: product.images.map((i) => ctx.baseUrl + i).join(';'),
      },
      package_info_dto: packageInfoDto(product),
      logistics_info_dto: { delivery_time: '7', ship_to_country: country },
      ae_item_base_info_dto: {
        gmt_create: '0',
        mobile_detail: `<div>${product.subject}</div>`,
        subject: product.subject,
        evaluation_count: String(Math.round(product.sales / 7)),
        sales_count: String(product.sales),
        product_status_type: 'onSelling',
        avg_evaluation_rating: product.evaluation,
        gmt_modified: '0',
        currency_code: currency,
        category_id: product.categoryId,
        product_id: product.productId,
        detail: `<div>${product.subject}</div>`,
      },
      has_whole_sale: 'true',
      ae_item_properties: [
        {
          attr_name_id: '2',
          attr_value_id: '201',
          attr_name: 'Brand Name',
          attr_value: product.storeName,
        },
      ],
      ae_store_info: storeInfoDto(product),
    },
    rsp_code: '200',
    rsp_msg: 'Call succeeds',
  };
};
