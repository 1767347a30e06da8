import { MOCK_PRODUCTS, findMockProduct, type MockProduct, type MockSku } from './mock-fixtures';
import { exactNumber } from './mock-envelopes';

import { money, notFound, required, wrapped, type BusinessHandler } from './mock-business.context';

function skuDto(product: MockProduct, sku: MockSku) {
  return {
    sku_id: exactNumber(sku.skuId),
    id: `${sku.skuAttr}`,
    sku_attr: sku.skuAttr,
    sku_price: money(sku.priceCents),
    offer_sale_price: money(sku.offerCents),
    offer_bulk_sale_price: money(sku.offerCents),
    sku_available_stock: sku.stock,
    sku_stock: sku.stock > 0,
    currency_code: product.currency,
    ae_sku_property_dtos: {
      ae_sku_property_d_t_o: sku.properties.map((p) => ({
        sku_property_id: p.propertyId,
        sku_property_name: p.name,
        property_value_id: exactNumber(p.valueId),
        sku_property_value: p.value,
        property_value_definition_name: p.value,
      })),
    },
  };
}

/** `aliexpress.ds.product.get` */
export const productGet: BusinessHandler = (ctx) => {
  const productId = required(ctx, 'product_id');
  const country = required(ctx, 'ship_to_country');
  const product = findMockProduct(productId);
  if (!product)
    return notFound('ITEM_ID_NOT_FOUND', `product ${productId} does not exist or is not available`);
  return {
    result: {
      ae_item_base_info_dto: {
        product_id: exactNumber(product.productId),
        subject: product.subject,
        category_id: exactNumber(product.categoryId),
        currency_code: ctx.params.target_currency ?? product.currency,
        product_status_type: 'onSelling',
        avg_evaluation_rating: product.evaluation,
        sales_count: String(product.sales),
        evaluation_count: String(Math.round(product.sales / 7)),
      },
      ae_item_sku_info_dtos: wrapped(
        'ae_item_sku_info_d_t_o',
        product.skus.map((s) => skuDto(product, s)),
      ),
      ae_multimedia_info_dto: { image_urls: product.images.map((i) => ctx.baseUrl + i).join(';') },
      package_info_dto: {
        gross_weight: (product.weightGrams / 1000).toFixed(3),
        package_length: 20,
        package_width: 12,
        package_height: 4,
        package_type: false,
      },
      logistics_info_dto: { delivery_time: 7, ship_to_country: country },
      ae_store_info: {
        store_id: exactNumber(product.storeId),
        store_name: product.storeName,
        store_country_code: 'CN',
      },
    },
    rsp_code: 200,
    rsp_msg: 'Call succeeds',
  };
};

/** `aliexpress.ds.text.search` */
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
  const minPrice = (p: MockProduct) => Math.min(...p.skus.map((s) => s.offerCents));
  if (ctx.params.sortBy === 'min_price,asc') matches.sort((a, b) => minPrice(a) - minPrice(b));
  if (ctx.params.sortBy === 'min_price,desc') matches.sort((a, b) => minPrice(b) - minPrice(a));
  const page = matches.slice((pageIndex - 1) * pageSize, pageIndex * pageSize);
  return {
    data: {
      totalCount: matches.length,
      pageIndex,
      pageSize,
      products: wrapped(
        'selection_search_product',
        page.map((p) => ({
          itemId: exactNumber(p.productId),
          title: p.subject,
          itemMainPic: ctx.baseUrl + p.images[0],
          salePrice: money(minPrice(p)),
          originalPrice: money(Math.min(...p.skus.map((s) => s.priceCents))),
          salePriceCurrency: currency,
          score: p.evaluation,
          orders: String(p.sales),
          cateId: exactNumber(p.categoryId),
        })),
      ),
    },
    code: '0',
    msg: 'success',
  };
};
