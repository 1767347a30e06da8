import { Inject, Injectable } from '@nestjs/common';
import { ALIEXPRESS_OPTIONS } from '../aliexpress.constants.js';
import type { ResolvedAliexpressOptions } from '../config/aliexpress-options.interface.js';
import { validateInput } from '../common/validate-input.js';
import { AliexpressValidationError } from '../errors/aliexpress.errors.js';
import { GatewayClient } from '../gateway/gateway.client.js';
import type { GatewayObject } from '../gateway/gateway-json.parser.js';
import { withRetry } from '../gateway/retry.policy.js';
import { isTransientFailure } from '../gateway/transient-failure.js';
import type { ParamRecord } from '../signing/sign-params.js';
import { readAffiliateCategories, readFeaturedPromos } from './affiliate-catalog.reader.js';
import type { AffiliateCategoryList, FeaturedPromo } from './affiliate-catalog.results.js';
import { GenerateLinksInput } from './affiliate-link.inputs.js';
import { readLinks } from './affiliate-link.reader.js';
import type { GeneratedLinks } from './affiliate-link.results.js';
import {
  GetOrdersInput,
  ListOrdersByIndexInput,
  ListOrdersInput,
} from './affiliate-order.inputs.js';
import { readOrderIndexPage, readOrderPage, readOrders } from './affiliate-order.reader.js';
import type {
  CommissionOrder,
  CommissionOrderIndexPage,
  CommissionOrderPage,
} from './affiliate-order.results.js';
import {
  GetFeaturedPromoProductsInput,
  GetProductDetailsInput,
  QueryProductsInput,
  SmartMatchProductsInput,
} from './affiliate-product.inputs.js';
import {
  readFeaturedPromoProducts,
  readProductDetails,
  readProductPage,
} from './affiliate-product.reader.js';
import type {
  AffiliateProduct,
  AffiliateProductPage,
  FeaturedPromoProductPage,
} from './affiliate-product.results.js';
import { GetShippingInfoInput, GetSkuDetailsInput } from './affiliate-shipping.inputs.js';
import { readShippingInfo, readSkuDetails } from './affiliate-shipping.reader.js';
import type { AffiliateShippingInfo, AffiliateSkuDetails } from './affiliate-shipping.results.js';

const PRODUCT_QUERY = 'aliexpress.affiliate.product.query';
const HOT_PRODUCT_QUERY = 'aliexpress.affiliate.hotproduct.query';
const SMART_MATCH = 'aliexpress.affiliate.product.smartmatch';

/** A decimal amount in currency units as the platform's price filters take it: hundredths. */
function hundredths(amount: string | undefined): string | undefined {
  if (amount === undefined) return undefined;
  const [units, fraction = ''] = amount.split('.');
  return String(BigInt(units) * 100n + BigInt(fraction.padEnd(2, '0')));
}

/** A list as the affiliate APIs take it: comma-separated. */
const joined = (values: string[] | undefined) => values?.join(',');

/**
 * Typed AliExpress affiliate calls (`aliexpress.affiliate.*`): product discovery, promotion links
 * and commission orders with the app's own credentials, no connected account. Inputs are validated
 * before any request, calls go through `GatewayClient.callApp` (signed, paced, no `session`), reads
 * are retried on transient failures, results are normalised (ids as exact strings, money as
 * decimal strings, lists unwrapped), and failures raise `AliexpressBusinessError`.
 */
@Injectable()
export class AffiliateService {
  constructor(
    private readonly gateway: GatewayClient,
    @Inject(ALIEXPRESS_OPTIONS) private readonly options: ResolvedAliexpressOptions,
  ) {}

  /** `aliexpress.affiliate.product.query`: one page of products matching keywords or categories. */
  async queryProducts(input: QueryProductsInput = {}): Promise<AffiliateProductPage> {
    const valid = validateInput(QueryProductsInput, input);
    return this.productPage(PRODUCT_QUERY, valid);
  }

  /** `aliexpress.affiliate.product.query`, every page: the products one by one, fetched as consumed. */
  queryAllProducts(input: QueryProductsInput = {}): AsyncGenerator<AffiliateProduct, void, void> {
    const valid = validateInput(QueryProductsInput, input);
    return this.allPages(valid, (pageNo) => this.productPage(PRODUCT_QUERY, { ...valid, pageNo }));
  }

  /** `aliexpress.affiliate.hotproduct.query`: one page of hot products (higher commission). */
  async queryHotProducts(input: QueryProductsInput = {}): Promise<AffiliateProductPage> {
    const valid = validateInput(QueryProductsInput, input);
    return this.productPage(HOT_PRODUCT_QUERY, valid);
  }

  /** `aliexpress.affiliate.hotproduct.query`, every page, product by product. */
  queryAllHotProducts(
    input: QueryProductsInput = {},
  ): AsyncGenerator<AffiliateProduct, void, void> {
    const valid = validateInput(QueryProductsInput, input);
    return this.allPages(valid, (pageNo) =>
      this.productPage(HOT_PRODUCT_QUERY, { ...valid, pageNo }),
    );
  }

  /** `aliexpress.affiliate.productdetail.get`: the products asked for (unknown ids are left out). */
  async getProductDetails(input: GetProductDetailsInput): Promise<AffiliateProduct[]> {
    const valid = validateInput(GetProductDetailsInput, input);
    return this.read('aliexpress.affiliate.productdetail.get', readProductDetails, {
      product_ids: joined(valid.productIds),
      country: valid.country,
      target_currency: valid.targetCurrency,
      target_language: valid.targetLanguage,
      tracking_id: this.trackingId(valid.trackingId),
    });
  }

  /**
   * `aliexpress.affiliate.link.generate`: promotion links carrying the tracking id (the call's or
   * the module's; one of them is required, checked before any request).
   */
  async generateLinks(input: GenerateLinksInput): Promise<GeneratedLinks> {
    const valid = validateInput(GenerateLinksInput, input);
    const trackingId = this.trackingId(valid.trackingId);
    if (trackingId === undefined) {
      throw new AliexpressValidationError({
        fields: ['trackingId'],
        problems: [
          'trackingId is required: pass it, or set the module option affiliate.trackingId',
        ],
      });
    }
    return this.read(
      'aliexpress.affiliate.link.generate',
      (response) => readLinks(response, trackingId),
      {
        source_values: joined(valid.sourceValues),
        promotion_link_type: valid.promotionLinkType ?? 0,
        ship_to_country: valid.shipToCountry,
        tracking_id: trackingId,
      },
    );
  }

  /** `aliexpress.affiliate.category.get`: every affiliate category. */
  async getCategories(): Promise<AffiliateCategoryList> {
    return this.read('aliexpress.affiliate.category.get', readAffiliateCategories, {});
  }

  /** `aliexpress.affiliate.product.shipping.get`: a SKU's shipping fee and delivery days to a country. */
  async getShippingInfo(input: GetShippingInfoInput): Promise<AffiliateShippingInfo> {
    const valid = validateInput(GetShippingInfoInput, input);
    return this.read(
      'aliexpress.affiliate.product.shipping.get',
      (response) => readShippingInfo(response, valid.targetCurrency),
      {
        product_id: valid.productId,
        sku_id: valid.skuId,
        ship_to_country: valid.shipToCountry,
        target_currency: valid.targetCurrency,
        target_sale_price: valid.targetSalePrice,
        target_language: valid.targetLanguage,
        tax_rate: valid.taxRate,
      },
    );
  }

  /** `aliexpress.affiliate.product.sku.detail.get`: a product's SKUs with prices (tax included) for a country. */
  async getSkuDetails(input: GetSkuDetailsInput): Promise<AffiliateSkuDetails> {
    const valid = validateInput(GetSkuDetailsInput, input);
    return this.read(
      'aliexpress.affiliate.product.sku.detail.get',
      (response) => readSkuDetails(response, valid.productId),
      {
        product_id: valid.productId,
        ship_to_country: valid.shipToCountry,
        target_currency: valid.targetCurrency,
        target_language: valid.targetLanguage,
        need_deliver_info:
          valid.withDelivery === undefined ? undefined : valid.withDelivery ? 'Yes' : 'No',
        sku_ids: joined(valid.skuIds),
      },
    );
  }

  /** `aliexpress.affiliate.product.smartmatch`: products recommended for a device, a product or keywords. */
  async smartMatchProducts(input: SmartMatchProductsInput): Promise<AffiliateProductPage> {
    const valid = validateInput(SmartMatchProductsInput, input);
    return this.read(SMART_MATCH, (response) => readProductPage(response, SMART_MATCH), {
      device_id: valid.deviceId,
      product_id: valid.productId,
      keywords: valid.keywords,
      page_no: valid.pageNo,
      country: valid.country,
      site: valid.site,
      app: valid.app,
      device: valid.device,
      user: valid.user,
      target_currency: valid.targetCurrency,
      target_language: valid.targetLanguage,
      tracking_id: this.trackingId(valid.trackingId),
    });
  }

  /** `aliexpress.affiliate.featuredpromo.get`: the featured promotions. */
  async getFeaturedPromos(): Promise<FeaturedPromo[]> {
    return this.read('aliexpress.affiliate.featuredpromo.get', readFeaturedPromos, {});
  }

  /** `aliexpress.affiliate.featuredpromo.products.get`: one page of a featured promotion's products. */
  async getFeaturedPromoProducts(
    input: GetFeaturedPromoProductsInput = {},
  ): Promise<FeaturedPromoProductPage> {
    const valid = validateInput(GetFeaturedPromoProductsInput, input);
    return this.promoPage(valid);
  }

  /** `aliexpress.affiliate.featuredpromo.products.get`, every page, product by product. */
  getAllFeaturedPromoProducts(
    input: GetFeaturedPromoProductsInput = {},
  ): AsyncGenerator<AffiliateProduct, void, void> {
    const valid = validateInput(GetFeaturedPromoProductsInput, input);
    return this.allPages(valid, (pageNo) => this.promoPage({ ...valid, pageNo }));
  }

  /** `aliexpress.affiliate.order.list`: one page of the commission orders of a time window. */
  async listOrders(input: ListOrdersInput): Promise<CommissionOrderPage> {
    const valid = validateInput(ListOrdersInput, input);
    return this.orderPage(valid);
  }

  /**
   * `aliexpress.affiliate.order.list`, every page, order by order. The input is checked at once
   * (a bad one throws here, before any request); pages are fetched as the loop consumes them.
   */
  listAllOrders(input: ListOrdersInput): AsyncGenerator<CommissionOrder, void, void> {
    const valid = validateInput(ListOrdersInput, input);
    return this.orderPages(valid);
  }

  /** `aliexpress.affiliate.order.get`: the commission orders asked for. */
  async getOrders(input: GetOrdersInput): Promise<CommissionOrder[]> {
    const valid = validateInput(GetOrdersInput, input);
    return this.read('aliexpress.affiliate.order.get', readOrders, {
      order_ids: joined(valid.orderIds),
    });
  }

  /** `aliexpress.affiliate.order.listbyindex`: one page of a window's orders after a cursor. */
  async listOrdersByIndex(input: ListOrdersByIndexInput): Promise<CommissionOrderIndexPage> {
    const valid = validateInput(ListOrdersByIndexInput, input);
    return this.indexPage(valid, valid.startQueryIndexId);
  }

  /** `aliexpress.affiliate.order.listbyindex`, following the cursor to the end, order by order. */
  listAllOrdersByIndex(input: ListOrdersByIndexInput): AsyncGenerator<CommissionOrder, void, void> {
    const valid = validateInput(ListOrdersByIndexInput, input);
    return this.indexPages(valid);
  }

  /** The tracking id of a call: its own, else the module's. */
  private trackingId(own: string | undefined): string | undefined {
    return own ?? this.options.affiliate.trackingId;
  }

  /** An app-level read (retried on transient failures) whose answer `normalize` turns into T. */
  private read<T>(
    method: string,
    normalize: (response: GatewayObject) => T,
    params: ParamRecord,
  ): Promise<T> {
    return withRetry(
      async () => normalize(await this.gateway.callApp(method, params)),
      isTransientFailure,
      this.options.retry,
      () => this.options.clock.now(),
    );
  }

  private productPage(method: string, valid: QueryProductsInput): Promise<AffiliateProductPage> {
    return this.read(method, (response) => readProductPage(response, method), {
      keywords: valid.keywords,
      category_ids: joined(valid.categoryIds),
      min_sale_price: hundredths(valid.minSalePrice),
      max_sale_price: hundredths(valid.maxSalePrice),
      page_no: valid.pageNo,
      page_size: valid.pageSize,
      sort: valid.sort,
      platform_product_type: valid.platformProductType,
      ship_to_country: valid.shipToCountry,
      delivery_days: valid.deliveryDays,
      promotion_name: valid.promotionName,
      target_currency: valid.targetCurrency,
      target_language: valid.targetLanguage,
      tracking_id: this.trackingId(valid.trackingId),
    });
  }

  private promoPage(valid: GetFeaturedPromoProductsInput): Promise<FeaturedPromoProductPage> {
    return this.read('aliexpress.affiliate.featuredpromo.products.get', readFeaturedPromoProducts, {
      promotion_name: valid.promotionName,
      category_id: valid.categoryId,
      page_no: valid.pageNo,
      page_size: valid.pageSize,
      sort: valid.sort,
      promotion_start_time: valid.promotionStartTime,
      promotion_end_time: valid.promotionEndTime,
      country: valid.country,
      target_currency: valid.targetCurrency,
      target_language: valid.targetLanguage,
      tracking_id: this.trackingId(valid.trackingId),
    });
  }

  private orderPage(valid: ListOrdersInput): Promise<CommissionOrderPage> {
    return this.read('aliexpress.affiliate.order.list', readOrderPage, {
      start_time: valid.startTime,
      end_time: valid.endTime,
      status: valid.status,
      time_type: valid.timeType,
      locale_site: valid.localeSite,
      page_no: valid.pageNo,
      page_size: valid.pageSize,
    });
  }

  private indexPage(
    valid: ListOrdersByIndexInput,
    indexId: string | undefined,
  ): Promise<CommissionOrderIndexPage> {
    return this.read(
      'aliexpress.affiliate.order.listbyindex',
      (response) => readOrderIndexPage(response, indexId),
      {
        start_time: valid.startTime,
        end_time: valid.endTime,
        status: valid.status,
        time_type: valid.timeType,
        page_size: valid.pageSize,
        start_query_index_id: indexId,
      },
    );
  }

  private async *orderPages(valid: ListOrdersInput): AsyncGenerator<CommissionOrder, void, void> {
    for (let pageNo = valid.pageNo ?? 1; ; pageNo++) {
      const page = await this.orderPage({ ...valid, pageNo });
      yield* page.orders;
      if (isLastPage(page.orders.length, pageNo, page.totalPages, valid.pageSize)) return;
    }
  }

  private async *indexPages(
    valid: ListOrdersByIndexInput,
  ): AsyncGenerator<CommissionOrder, void, void> {
    let indexId = valid.startQueryIndexId;
    // a cursor already followed means the platform went round: stop rather than loop forever
    const followed = new Set<string | undefined>([indexId]);
    for (;;) {
      const page = await this.indexPage(valid, indexId);
      yield* page.orders;
      if (!page.nextIndexId || followed.has(page.nextIndexId)) return;
      indexId = page.nextIndexId;
      followed.add(indexId);
    }
  }

  /** Every page from `valid.pageNo` on, item by item, until the last one (see {@link isLastPage}). */
  private async *allPages(
    valid: { pageNo?: number; pageSize?: number },
    page: (pageNo: number) => Promise<AffiliateProductPage>,
  ): AsyncGenerator<AffiliateProduct, void, void> {
    for (let pageNo = valid.pageNo ?? 1; ; pageNo++) {
      const current = await page(pageNo);
      yield* current.products;
      if (isLastPage(current.products.length, pageNo, current.totalPages, valid.pageSize)) return;
    }
  }
}

/**
 * Whether a page of `count` items ends the listing: it is empty, or `totalPages` says it is the
 * last; without a total, it is shorter than the `pageSize` asked for (unknown when none was asked:
 * the platform's default applies, so only an empty page ends it).
 */
function isLastPage(
  count: number,
  pageNo: number,
  totalPages: number | undefined,
  pageSize: number | undefined,
): boolean {
  if (count === 0) return true;
  if (totalPages !== undefined) return pageNo >= totalPages;
  return pageSize !== undefined && count < pageSize;
}
