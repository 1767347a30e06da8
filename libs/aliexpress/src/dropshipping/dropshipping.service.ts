import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { ALIEXPRESS_OPTIONS } from '../aliexpress.constants';
import type { ResolvedAliexpressOptions } from '../config/aliexpress-options.interface';
import {
  AliexpressArgumentError,
  AliexpressTransportError,
  AmbiguousOrderStateError,
} from '../errors/aliexpress.errors';
import { GatewayClient } from '../gateway/gateway.client';
import type { GatewayObject } from '../gateway/gateway-json.parser';
import { withRetry } from '../gateway/retry.policy';
import { certainlyNotProcessed, isTransientFailure } from '../gateway/transient-failure';
import type { ParamRecord } from '../signing/sign-params';
import { TokenService } from '../tokens/token.service';
import {
  CreateOrderInput,
  GetOrderInput,
  GetOrderTrackingInput,
  GetProductInput,
  QueryFreightInput,
  SearchProductsInput,
} from './dropshipping.inputs';
import { normalizeFreight } from './freight.reader';
import { normalizeCreatedOrderIds, normalizeOrder } from './order.reader';
import { normalizeProduct } from './product.reader';
import { normalizeSearch } from './search.reader';
import { isTrackingNotFound, normalizeTracking, trackingNotFound } from './tracking.reader';
import type {
  CreatedOrder,
  FreightOption,
  OrderDetails,
  OrderTracking,
  Product,
  ProductSearchPage,
} from './dropshipping.results';
import { validateInput } from './input.validator';

/** Options of {@link DropshippingService.call}. */
export interface RawCallOptions {
  /** The API is a read, safe to repeat: transient failures are retried. Default false. */
  idempotent?: boolean;
}

const ORDER_CREATE = 'aliexpress.ds.order.create';

/**
 * After a failed order request: true when the order may have been placed all the same. That is a
 * transient failure that may have reached the platform (timeout, reset, 5xx), or an answer that
 * could not be read (`unexpected-shape`, e.g. a success without order ids).
 */
function outcomeUnknown(error: unknown): boolean {
  if (certainlyNotProcessed(error)) return false;
  return (
    isTransientFailure(error) ||
    (error instanceof AliexpressTransportError && error.kind === 'unexpected-shape')
  );
}

/**
 * Typed AliExpress dropshipping calls for a connected account: inputs validated before any
 * request, tokens from {@link TokenService}, transient failures retried (reads only), results
 * normalised, business failures raised as `AliexpressBusinessError`.
 */
@Injectable()
export class DropshippingService {
  private readonly logger = new Logger('AliexpressDropshipping');

  constructor(
    private readonly tokens: TokenService,
    private readonly gateway: GatewayClient,
    @Inject(ALIEXPRESS_OPTIONS) private readonly options: ResolvedAliexpressOptions,
  ) {}

  /** `aliexpress.ds.product.get`: a product with its SKUs, prices, stock and images. */
  async getProduct(accountId: string, input: GetProductInput): Promise<Product> {
    const valid = validateInput(GetProductInput, input);
    const response = await this.read(accountId, 'aliexpress.ds.product.get', {
      product_id: valid.productId,
      ship_to_country: valid.shipToCountry,
      target_currency: valid.targetCurrency,
      target_language: valid.targetLanguage,
      remove_personal_benefit: valid.removePersonalBenefit,
    });
    return normalizeProduct(response);
  }

  /** `aliexpress.ds.text.search`: one page of products matching a keyword. */
  async searchProducts(accountId: string, input: SearchProductsInput): Promise<ProductSearchPage> {
    const valid = validateInput(SearchProductsInput, input);
    const response = await this.read(accountId, 'aliexpress.ds.text.search', {
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
    return normalizeSearch(response);
  }

  /** `aliexpress.ds.freight.query`: the ways a SKU can ship to a country, with fees and delays. */
  async queryFreight(accountId: string, input: QueryFreightInput): Promise<FreightOption[]> {
    const valid = validateInput(QueryFreightInput, input);
    const locale = valid.locale ?? 'en_US';
    const response = await this.read(accountId, 'aliexpress.ds.freight.query', {
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
    return normalizeFreight(response);
  }

  /**
   * `aliexpress.ds.order.create`. Never blindly re-sent: it is retried only when the request
   * certainly was not processed (connection refused, `ApiCallLimit`); after any failure that may
   * have reached the platform, or an answer it cannot read, it raises
   * {@link AmbiguousOrderStateError} with the `outOrderId`.
   */
  async createOrder(accountId: string, input: CreateOrderInput): Promise<CreatedOrder> {
    const valid = validateInput(CreateOrderInput, input);
    const outOrderId = valid.outOrderId ?? `ae${randomBytes(15).toString('hex')}`;
    const address = valid.address;
    const params: ParamRecord = {
      param_place_order_request4_open_api_d_t_o: {
        out_order_id: outOrderId,
        logistics_address: {
          address: address.address,
          ...(address.address2 ? { address2: address.address2 } : {}),
          city: address.city,
          province: address.province,
          country: address.country,
          zip: address.zip,
          full_name: address.fullName,
          mobile_no: address.mobileNo,
          phone_country: address.phoneCountry,
          ...(address.cpf ? { cpf: address.cpf } : {}),
          ...(address.taxNumber ? { tax_number: address.taxNumber } : {}),
        },
        product_items: valid.items.map((item) => ({
          product_id: item.productId,
          product_count: item.quantity,
          sku_attr: item.skuAttr,
          ...(item.logisticsServiceName
            ? { logistics_service_name: item.logisticsServiceName }
            : {}),
          ...(item.orderMemo ? { order_memo: item.orderMemo } : {}),
        })),
      },
      ds_extend_request:
        valid.payCurrency || valid.tryToPay !== undefined || valid.businessModel
          ? {
              ...(valid.payCurrency || valid.tryToPay !== undefined
                ? { payment: { pay_currency: valid.payCurrency, try_to_pay: valid.tryToPay } }
                : {}),
              ...(valid.businessModel
                ? { trade_extra_param: { business_model: valid.businessModel } }
                : {}),
            }
          : undefined,
    };
    try {
      const response = await this.send(accountId, ORDER_CREATE, params, certainlyNotProcessed);
      return { outOrderId, orderIds: normalizeCreatedOrderIds(response) };
    } catch (error) {
      if (outcomeUnknown(error)) {
        const failure =
          error instanceof AliexpressTransportError ? error.kind : (error as Error).name;
        this.logger.warn(
          `order ${outOrderId} of account ${accountId}: outcome unknown (${failure}); not re-sent`,
        );
        throw new AmbiguousOrderStateError({ accountId, outOrderId, failure });
      }
      throw error;
    }
  }

  /** `aliexpress.trade.ds.order.get`: an order's status, amount, lines and parcels. */
  async getOrder(accountId: string, input: GetOrderInput): Promise<OrderDetails> {
    const valid = validateInput(GetOrderInput, input);
    const response = await this.read(accountId, 'aliexpress.trade.ds.order.get', {
      single_order_query: { order_id: valid.orderId },
    });
    return normalizeOrder(response, valid.orderId);
  }

  /**
   * `aliexpress.ds.order.tracking.get`: the parcels of an order and their tracking events;
   * `found: false` while the platform has no tracking data yet (code 1001), never an empty success.
   */
  async getOrderTracking(accountId: string, input: GetOrderTrackingInput): Promise<OrderTracking> {
    const valid = validateInput(GetOrderTrackingInput, input);
    try {
      const response = await this.read(accountId, 'aliexpress.ds.order.tracking.get', {
        ae_order_id: valid.orderId,
        language: valid.language ?? 'en_US',
      });
      return normalizeTracking(response, valid.orderId);
    } catch (error) {
      // "TRACKING DATA NOT FOUND" (1001): nothing to track yet, a state to poll again later
      if (isTrackingNotFound(error)) return trackingNotFound(valid.orderId);
      throw error;
    }
  }

  /**
   * Any other business API, signed and authorised for the account, answered as the raw
   * `<method>_response` object (lossless). Retried on transient failures only when `idempotent`.
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

  /** One business call for the account: its token, retried on the failures `retryOn` accepts. */
  private send(
    accountId: string,
    method: string,
    params: ParamRecord,
    retryOn: (error: unknown) => boolean,
  ): Promise<GatewayObject> {
    return withRetry(
      () =>
        this.tokens.withAccessToken(accountId, (token) =>
          this.gateway.callBusiness(method, params, token),
        ),
      retryOn,
      this.options.retry,
      () => this.options.clock.now(),
    );
  }
}
