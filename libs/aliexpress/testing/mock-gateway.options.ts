import type { MockOrderRefusal } from './mock-order.handlers.js';
import type { MockPushStatus } from './mock-order.lifecycle.js';
import type { MockLifecycleOptions, MockPushDeliveryOptions } from './mock-webhook.options.js';

/** An app the mock gateway knows, as registered on the Open Platform console. */
export interface MockApp {
  appKey: string;
  appSecret: string;
  /** Callback URLs registered for the app; `redirect_uri` must equal one of them exactly. */
  redirectUris: string[];
  /**
   * The app's status on the console: `launched` (default) gets 30-day access and 60-day refresh
   * tokens, `test` 1 day and 2 days, as the Authorize page states.
   */
  status?: 'test' | 'launched';
  /** Access-token lifetime in seconds; default by `status` (30 days launched, 1 day test). */
  accessTokenTtlSeconds?: number;
  /** Refresh-token lifetime in seconds; default by `status` (60 days launched, 2 days test). */
  refreshTokenTtlSeconds?: number;
  /** The app's order-status push URL (the console's notification tab); see `setWebhook`. */
  webhookUrl?: string;
}

/** Options of {@link MockAliexpressGateway}. */
export interface MockGatewayOptions {
  apps: MockApp[];
  /** Port to listen on; default 0 (an ephemeral port). */
  port?: number;
  /** Host to bind; default 127.0.0.1. */
  host?: string;
  /** Approve consent at once with the first test buyer instead of showing the consent page. */
  autoApprove?: boolean;
  /** Start time of the mock clock (epoch ms); default the real time. */
  startTime?: number;
  /**
   * Per-method QPS limits the mock enforces (`ApiCallLimit` past them), by API name: default the
   * platform's documented table (3 for feed.itemids.get, 4 for address.get, …); entries here
   * replace single limits, `false` enforces none.
   */
  methodQpsLimits?: Record<string, number> | false;
  /** Delivery rules of order-status pushes; default the platform's (500 ms, 30 min, 12 retries). */
  pushes?: MockPushDeliveryOptions;
  /** Run the timed order lifecycle from the start (see `startLifecycle`); default off. */
  lifecycle?: MockLifecycleOptions;
  /**
   * The tracking ids the affiliate account has created: affiliate calls with another one are
   * refused (`resp_code` 402 "Invalid tracking id"). Default: every well-formed id (1 to 64
   * letters, digits, `_`, `-`, `.`) is accepted, as if the account had created it; a malformed
   * one is refused either way.
   */
  trackingIds?: readonly string[];
}

/** A fault the mock injects into the next calls of an API (or of every API with `api: '*'`). */
export interface MockFault {
  /**
   * `http-error`: an HTTP error status with a JSON-less body; `html-error`: an HTML 502 page;
   * `delay`: the answer held back `delayMs` (beyond the client's timeout);
   * `reset`: the connection is destroyed; `api-call-limit`: `ApiCallLimit`;
   * `isp-error`: code 15 (type ISP) with `subCode` (default `isp.service-unavailable`), e.g.
   * `isv.insufficient-permission` as the order.get page documents;
   * `json-body`: HTTP 200 with `text` verbatim when given (a documented sample replayed as it is
   * written, big numbers exact), else `body` as JSON (an answer of a shape the client does not expect).
   */
  kind:
    'http-error' | 'html-error' | 'delay' | 'reset' | 'api-call-limit' | 'isp-error' | 'json-body';
  /** API name or path; default `*` (any API). */
  api?: string;
  /** How many calls it applies to; default 1. */
  count?: number;
  /** `http-error`: the status, default 500; `html-error`: default 502 (200 gives a non-JSON success). */
  status?: number;
  /** `delay`: how long; default 30000 ms. */
  delayMs?: number;
  /** `api-call-limit`: the announced ban; default 1 s. */
  banSeconds?: number;
  /** `isp-error`: the `sub_code`; default `isp.service-unavailable`. */
  subCode?: string;
  /** `isp-error`: the `sub_msg`; default the documented one for known sub-codes. */
  subMessage?: string;
  /** `json-body`: the JSON value answered; default `{}`. */
  body?: unknown;
  /** `json-body`: the exact text answered (a JSON document); takes precedence over `body`. */
  text?: string;
  /**
   * Whether the request is processed (an order recorded, a code consumed) before the fault hits
   * the answer. Default: true for `delay`, false for the others.
   */
  processed?: boolean;
}

/** One request as the mock received it, with its verdict; secret-bearing values are masked. */
export interface MockRequestLogEntry {
  seq: number;
  /** Mock-clock time of arrival (epoch ms). */
  at: number;
  httpMethod: string;
  path: string;
  endpoint: 'rest' | 'sync' | 'oauth' | 'other';
  api?: string;
  appKey?: string;
  params: Record<string, string>;
  /** `ok`, the error code answered (`IncompleteSignature`, …), a business code, or `fault:<kind>`. */
  verdict: string;
}

/** One line of a {@link MockOrder}. */
export interface MockOrderLine {
  productId: string;
  quantity: number;
  skuAttr?: string;
  skuId?: string;
  productName?: string;
  /** Unit price in minor units (cents). */
  unitCents?: number;
  /** `logistics_service_name` as ordered, when given. */
  logisticsService?: string;
  storeId?: string;
  storeName?: string;
}

/** An order the mock recorded through `aliexpress.ds.order.create`. */
export interface MockOrder {
  orderId: string;
  outOrderId?: string;
  appKey: string;
  userId: string;
  /** Mock-clock time of creation (epoch ms); the `out_order_id` window counts from it. */
  createdAt: number;
  /** `order_status` as `aliexpress.trade.ds.order.get` answers it (see `setOrderStatus`). */
  status: string;
  /** `logistics_status`; derived from `status` unless set. */
  logisticsStatus?: string;
  /** `end_reason` of every line (e.g. `CANCELED`), once set. */
  endReason?: string;
  items: MockOrderLine[];
  country: string;
  amountCents: number;
  currency: string;
  /** Whether `ds_extend_request.payment.try_to_pay` was true. */
  tryToPay?: boolean;
  /** Whether the auto-payment failed (`OrderCreated, autoPay fail:APIPayFail`). */
  autoPayFailed?: boolean;
  /** The order's lifecycle step as pushes name it (`OrderCreated` … `OrderClosed`). */
  pushStatus?: MockPushStatus;
  /** The step `advanceOrder` (or the timed lifecycle) takes next, when set by `setNextOrderStatus`. */
  nextPushStatus?: MockPushStatus;
}

/** What `setAutoPay` makes of the orders an app asks to pay at once (`try_to_pay`). */
export type MockAutoPayOutcome = 'ok' | 'fail';

/** The order-related state the mock's tests steer (auto-pay outcome, buyers refused). */
export interface MockOrderControls {
  /** Auto-pay outcome per app key; default `ok`. */
  autoPay: Map<string, MockAutoPayOutcome>;
  /** Buyers (user ids) whose every order is refused, with the code. */
  refusals: Map<string, MockOrderRefusal>;
  /** Told when an order reaches a lifecycle step (the gateway pushes it and schedules the next). */
  statusChanged?: (order: MockOrder, status: MockPushStatus) => void;
}
