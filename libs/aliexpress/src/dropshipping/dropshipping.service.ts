import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Subject, type Observable } from 'rxjs';
import { ALIEXPRESS_OPTIONS } from '../aliexpress.constants.js';
import type { ResolvedAliexpressOptions } from '../config/aliexpress-options.interface.js';
import { AliexpressArgumentError } from '../errors/aliexpress.errors.js';
import { GatewayClient } from '../gateway/gateway.client.js';
import type { GatewayObject } from '../gateway/gateway-json.parser.js';
import { withRetry } from '../gateway/retry.policy.js';
import { certainlyNotProcessed, isTransientFailure } from '../gateway/transient-failure.js';
import type { ParamRecord } from '../signing/sign-params.js';
import { TokenService } from '../tokens/token.service.js';
import {
  CalculateFreightInput,
  CreateOrderInput,
  GetAddressTreeInput,
  GetCategoriesInput,
  GetFeedItemIdsInput,
  GetOrderInput,
  GetOrderTrackingInput,
  GetProductInput,
  GetWholesaleProductInput,
  QueryFreightInput,
  SearchByImageInput,
  SearchProductsInput,
} from './dropshipping.inputs.js';
import { readAddressTree } from './address.reader.js';
import { readMemberBenefits } from './benefit.reader.js';
import { readCategories, readFeedItemIds, readFeedNames } from './catalog.reader.js';
import { readFreightEstimates } from './freight-calculate.reader.js';
import { readImageSearch } from './image-search.reader.js';
import { readWholesaleProduct } from './wholesale.reader.js';
import { readFreight } from './freight.reader.js';
import { readCreatedOrderIds, readOrder, readOrderPayment } from './order.reader.js';
import { extendRequest, orderAddress } from './order.params.js';
import { OrderFailureClassifier } from './order-failure.classifier.js';
import { readProduct } from './product.reader.js';
import { readSearch } from './search.reader.js';
import { isTrackingNotFound, readTracking, trackingNotFound } from './tracking.reader.js';
import type {
  AddressTree,
  CategoryList,
  CreatedOrder,
  FeedItemIdsPage,
  FeedName,
  FreightEstimate,
  FreightOption,
  ImageSearchPage,
  MemberBenefit,
  OrderDetails,
  OrderTracking,
  Product,
  ProductSearchPage,
  WholesaleProduct,
} from './dropshipping.results.js';
import { inputShapeError } from '../common/input-shape.js';
import { validateInput } from '../common/validate-input.js';

/** Options of {@link DropshippingService.call}. */
export interface RawCallOptions {
  /** The API is a read, safe to repeat: transient failures are retried. Default false. */
  idempotent?: boolean;
}

const ORDER_CREATE = 'aliexpress.ds.order.create';

/** The parameters product.get and product.wholesale.get share: the product, where and how to show it. */
function productQuery(valid: GetProductInput | GetWholesaleProductInput): ParamRecord {
  return {
    product_id: valid.productId,
    ship_to_country: valid.shipToCountry,
    target_currency: valid.targetCurrency,
    target_language: valid.targetLanguage,
    remove_personal_benefit: valid.removePersonalBenefit,
  };
}

/**
 * Typed AliExpress dropshipping calls for a connected account: inputs validated before any
 * request, tokens from {@link TokenService}, transient failures retried (reads only), results
 * normalised, business failures raised as `AliexpressBusinessError`.
 */
@Injectable()
export class DropshippingService {
  private readonly logger = new Logger('AliexpressDropshipping');
  private readonly created = new Subject<{ accountId: string; order: CreatedOrder }>();

  /** Every order `createOrder` placed, with its account (`OrderSyncService` tracks them). */
  readonly ordersCreated$: Observable<{ accountId: string; order: CreatedOrder }> =
    this.created.asObservable();

  constructor(
    private readonly tokens: TokenService,
    private readonly gateway: GatewayClient,
    @Inject(ALIEXPRESS_OPTIONS) private readonly options: ResolvedAliexpressOptions,
  ) {}

  /** `aliexpress.ds.product.get`: a product with its SKUs, prices, stock and images. */
  async getProduct(accountId: string, input: GetProductInput): Promise<Product> {
    const valid = validateInput(GetProductInput, input);
    return this.readAs(accountId, 'aliexpress.ds.product.get', readProduct, productQuery(valid));
  }

  /** `aliexpress.ds.text.search`: one page of products matching a keyword. */
  async searchProducts(accountId: string, input: SearchProductsInput): Promise<ProductSearchPage> {
    const valid = validateInput(SearchProductsInput, input);
    return this.readAs(accountId, 'aliexpress.ds.text.search', readSearch, {
      keyWord: valid.keyword,
      local: valid.locale ?? 'en_US',
      countryCode: valid.countryCode,
      currency: valid.currency ?? 'USD',
      categoryId: valid.categoryId,
      sortBy: valid.sortBy,
      pageSize: valid.pageSize,
      pageIndex: valid.pageIndex,
      searchExtend: valid.searchExtend?.map((f) => ({
        searchKey: f.searchKey,
        ...(f.searchValue !== undefined ? { searchValue: f.searchValue } : {}),
        ...(f.min !== undefined ? { min: f.min } : {}),
        ...(f.max !== undefined ? { max: f.max } : {}),
      })),
    });
  }

  /** `aliexpress.ds.freight.query`: the ways a SKU can ship to a country, with fees and delays. */
  async queryFreight(accountId: string, input: QueryFreightInput): Promise<FreightOption[]> {
    const valid = validateInput(QueryFreightInput, input);
    const locale = valid.locale ?? 'en_US';
    return this.readAs(accountId, 'aliexpress.ds.freight.query', readFreight, {
      queryDeliveryReq: {
        quantity: valid.quantity,
        shipToCountry: valid.shipToCountry,
        productId: valid.productId,
        selectedSkuId: valid.skuId,
        language: locale,
        locale,
        currency: valid.currency ?? 'USD',
        ...(valid.provinceCode ? { provinceCode: valid.provinceCode } : {}),
        ...(valid.cityCode ? { cityCode: valid.cityCode } : {}),
      },
    });
  }

  /**
   * `aliexpress.ds.order.create`. Never blindly re-sent: it is retried only when the request
   * certainly was not processed (connection refused, `ApiCallLimit`); after any failure that may
   * have reached the platform, or an answer it cannot read, it raises
   * {@link AmbiguousOrderStateError} with the `outOrderId` and the `phase` (`send`, `answer`).
   * A failure before the request left (no token: a refresh that failed, a dead refresh token, the
   * store down) is raised as that token error: the gateway never saw the order. A second order with the same
   * `outOrderId` within 24 h raises {@link OrderAlreadyPlacedError}. The result's `payment` says
   * whether auto-pay was asked and whether it failed (the order exists either way).
   */
  async createOrder(accountId: string, input: CreateOrderInput): Promise<CreatedOrder> {
    const valid = validateInput(CreateOrderInput, input);
    const outOrderId = valid.outOrderId ?? `ae${randomBytes(15).toString('hex')}`;
    const params: ParamRecord = {
      param_place_order_request4_open_api_d_t_o: {
        out_order_id: outOrderId,
        logistics_address: orderAddress(valid.address),
        product_items: valid.items.map((item) => ({
          product_id: item.productId,
          product_count: item.quantity,
          // '' is how the platform asks for a single-SKU product: always sent
          sku_attr: item.skuAttr,
          ...(item.logisticsServiceName
            ? { logistics_service_name: item.logisticsServiceName }
            : {}),
          ...(item.orderMemo ? { order_memo: item.orderMemo } : {}),
        })),
      },
      ds_extend_request: extendRequest(valid),
    };
    // failures classified by phase: token, send, answer (see OrderFailureClassifier)
    const failures = new OrderFailureClassifier({ accountId, outOrderId }, this.logger);
    let sent: GatewayObject;
    try {
      sent = await this.send(
        accountId,
        ORDER_CREATE,
        params,
        certainlyNotProcessed,
        failures.recordSendFailure,
      );
    } catch (error) {
      throw failures.afterSend(error);
    }
    try {
      const order: CreatedOrder = {
        outOrderId,
        orderIds: readCreatedOrderIds(sent),
        payment: readOrderPayment(sent, valid.tryToPay === true),
      };
      this.created.next({ accountId, order });
      return order;
    } catch (error) {
      // the platform answered: a refusal it spelled out, or an answer we cannot trust
      throw failures.afterAnswer(error);
    }
  }

  /** `aliexpress.trade.ds.order.get`: an order's status, amount, lines and parcels. */
  async getOrder(accountId: string, input: GetOrderInput): Promise<OrderDetails> {
    const valid = validateInput(GetOrderInput, input);
    return this.readAs(
      accountId,
      'aliexpress.trade.ds.order.get',
      (response) => readOrder(response, valid.orderId),
      {
        single_order_query: { order_id: valid.orderId },
      },
    );
  }

  /**
   * `aliexpress.ds.order.tracking.get`: the parcels of an order and their tracking events;
   * `found: false` while the platform has no tracking data yet (code 1001), never an empty success.
   */
  async getOrderTracking(accountId: string, input: GetOrderTrackingInput): Promise<OrderTracking> {
    const valid = validateInput(GetOrderTrackingInput, input);
    try {
      return await this.readAs(
        accountId,
        'aliexpress.ds.order.tracking.get',
        (response) => readTracking(response, valid.orderId),
        {
          ae_order_id: valid.orderId,
          language: valid.language ?? 'en_US',
        },
      );
    } catch (error) {
      // "TRACKING DATA NOT FOUND" (1001): nothing to track yet, a state to poll again later
      if (isTrackingNotFound(error)) return trackingNotFound(valid.orderId);
      throw error;
    }
  }

  /**
   * Any other business API, signed and authorised for the account, answered as the raw
   * `<method>_response` object (lossless). Retried on transient failures only when `idempotent`.
   * Parameters nested deeper than `MAX_INPUT_DEPTH` raise `AliexpressValidationError`.
   */
  async call(
    accountId: string,
    method: string,
    params: ParamRecord = {},
    options: RawCallOptions = {},
  ): Promise<GatewayObject> {
    if (method === ORDER_CREATE) {
      throw new AliexpressArgumentError({
        argument: 'method',
        problem:
          'aliexpress.ds.order.create must go through createOrder(), which never re-sends an order blindly',
      });
    }
    // raw parameters are not validated, but a hostile depth is refused like any input's
    const shape = inputShapeError(params);
    if (shape) throw shape;
    return this.send(
      accountId,
      method,
      params,
      options.idempotent ? isTransientFailure : () => false,
    );
  }

  private read(accountId: string, method: string, params: ParamRecord): Promise<GatewayObject> {
    return this.send(accountId, method, params, isTransientFailure);
  }

  /** A read (retried on transient failures) whose answer `normalize` turns into the typed result. */
  private async readAs<T>(
    accountId: string,
    method: string,
    normalize: (response: GatewayObject) => T,
    params: ParamRecord,
  ): Promise<T> {
    return normalize(await this.read(accountId, method, params));
  }

  /**
   * One business call for the account: its token, retried on the failures `retryOn` accepts.
   * `onCallFailure` sees every error the gateway call itself raised (not the token phase's).
   */
  private send(
    accountId: string,
    method: string,
    params: ParamRecord,
    retryOn: (error: unknown) => boolean,
    onCallFailure?: (error: unknown) => void,
  ): Promise<GatewayObject> {
    const call = (token: string) =>
      this.gateway.callBusiness(method, params, token).catch((error: unknown) => {
        onCallFailure?.(error);
        throw error;
      });
    return withRetry(
      () => this.tokens.withAccessToken(accountId, call),
      retryOn,
      this.options.retry,
      () => this.options.clock.now(),
    );
  }

  /** `aliexpress.ds.category.get`: every category, or the one asked (a level-3/4 id answers its level-2 parent). */
  async getCategories(accountId: string, input: GetCategoriesInput = {}): Promise<CategoryList> {
    const valid = validateInput(GetCategoriesInput, input);
    return this.readAs(accountId, 'aliexpress.ds.category.get', readCategories, {
      categoryId: valid.categoryId,
      language: valid.language,
    });
  }

  /** `aliexpress.ds.feedname.get`: the feeds (promotion pools) whose product ids can be listed. */
  async getFeedNames(accountId: string): Promise<FeedName[]> {
    return this.readAs(accountId, 'aliexpress.ds.feedname.get', readFeedNames, {});
  }

  /**
   * `aliexpress.ds.feed.itemids.get`: one page of a feed's product ids and the cursor
   * (`searchId`, valid 1 minute) of the next. An empty page means the feed is exhausted.
   */
  async getFeedItemIds(accountId: string, input: GetFeedItemIdsInput): Promise<FeedItemIdsPage> {
    const valid = validateInput(GetFeedItemIdsInput, input);
    return this.feedPage(accountId, valid, valid.searchId);
  }

  /**
   * `aliexpress.ds.feed.itemids.get`, every page: the feed's product ids one by one, following
   * the `search_id` cursor until a page is empty or comes without one. The input is validated at
   * once (a bad one throws here, before any request); pages are fetched as the loop consumes them,
   * so consume them within the cursor's minute.
   */
  feedItemIds(accountId: string, input: GetFeedItemIdsInput): AsyncGenerator<string, void, void> {
    const valid = validateInput(GetFeedItemIdsInput, input);
    return this.feedPages(accountId, valid);
  }

  /** `aliexpress.ds.image.searchV2`: products that look like an image; prices in currency units. */
  async searchByImage(accountId: string, input: SearchByImageInput): Promise<ImageSearchPage> {
    const valid = validateInput(SearchByImageInput, input);
    const param0: Record<string, string> = { image_base64: valid.imageBase64 };
    if (valid.searchType) param0.search_type = valid.searchType;
    if (valid.currency) param0.currency = valid.currency;
    if (valid.lang) param0.lang = valid.lang;
    if (valid.sortType) param0.sort_type = valid.sortType;
    if (valid.sortOrder) param0.sort_order = valid.sortOrder;
    if (valid.shipTo) param0.ship_to = valid.shipTo;
    return this.readAs(accountId, 'aliexpress.ds.image.searchV2', readImageSearch, { param0 });
  }

  /**
   * `aliexpress.ds.address.get`: a country's provinces, cities… as the checkout form names them
   * (the names orders must use); the tree the platform sends as JSON text is parsed.
   */
  async getAddressTree(accountId: string, input: GetAddressTreeInput): Promise<AddressTree> {
    const valid = validateInput(GetAddressTreeInput, input);
    return this.readAs(
      accountId,
      'aliexpress.ds.address.get',
      (response) => readAddressTree(response, valid.countryCode),
      {
        countryCode: valid.countryCode,
        language: valid.language,
        isMultiLanguage: valid.isMultiLanguage,
      },
    );
  }

  /** `aliexpress.logistics.buyer.freight.calculate`: the buyer's shipping fee per logistics service. */
  async calculateFreight(
    accountId: string,
    input: CalculateFreightInput,
  ): Promise<FreightEstimate[]> {
    const valid = validateInput(CalculateFreightInput, input);
    const request: Record<string, string | number> = {
      country_code: valid.countryCode,
      product_id: valid.productId,
      product_num: valid.productNum,
      send_goods_country_code: valid.sendGoodsCountryCode,
    };
    if (valid.skuId) request.sku_id = valid.skuId;
    if (valid.provinceCode) request.province_code = valid.provinceCode;
    if (valid.cityCode) request.city_code = valid.cityCode;
    if (valid.price) request.price = valid.price;
    if (valid.priceCurrency) request.price_currency = valid.priceCurrency;
    return this.readAs(
      accountId,
      'aliexpress.logistics.buyer.freight.calculate',
      readFreightEstimates,
      {
        param_aeop_freight_calculate_for_buyer_d_t_o: request,
      },
    );
  }

  /** `aliexpress.ds.product.wholesale.get`: a product with its wholesale price tiers per SKU. */
  async getWholesaleProduct(
    accountId: string,
    input: GetWholesaleProductInput,
  ): Promise<WholesaleProduct> {
    const valid = validateInput(GetWholesaleProductInput, input);
    return this.readAs(
      accountId,
      'aliexpress.ds.product.wholesale.get',
      readWholesaleProduct,
      productQuery(valid),
    );
  }

  /** `aliexpress.ds.member.benefit.get`: the account's dropshipper benefits (auto-pay…). */
  async getMemberBenefits(accountId: string): Promise<MemberBenefit[]> {
    return this.readAs(accountId, 'aliexpress.ds.member.benefit.get', readMemberBenefits, {});
  }

  private async feedPage(
    accountId: string,
    valid: GetFeedItemIdsInput,
    searchId: string | undefined,
  ): Promise<FeedItemIdsPage> {
    return this.readAs(accountId, 'aliexpress.ds.feed.itemids.get', readFeedItemIds, {
      feed_name: valid.feedName,
      page_size: valid.pageSize,
      category_id: valid.categoryId,
      search_id: searchId,
    });
  }

  private async *feedPages(
    accountId: string,
    valid: GetFeedItemIdsInput,
  ): AsyncGenerator<string, void, void> {
    let searchId = valid.searchId;
    for (;;) {
      const page = await this.feedPage(accountId, valid, searchId);
      yield* page.productIds;
      if (page.productIds.length === 0 || !page.searchId) return;
      searchId = page.searchId;
    }
  }
}
