import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateCredential } from '../src/config/credentials.validator.js';
import { TRACKING_ID } from '../src/config/aliexpress-options.schema.js';
import { businessFailureOf, responseKey } from '../src/gateway/gateway-envelope.reader.js';
import { parseGatewayJson, type GatewayObject } from '../src/gateway/gateway-json.parser.js';
import { DEFAULT_METHOD_QPS } from '../src/pacing/method-qps.limits.js';
import { signParams, type SignedEndpoint } from '../src/signing/gateway-request.builder.js';
import { maskParams } from '../src/signing/secret-params.js';
import { SIGNATURE_MISTAKES, diagnoseSignature } from '../src/signing/signature-diagnosis.js';
import { MockAuthStore } from './mock-auth.store.js';
import { authorizeErrorPage, consentPage } from './mock-consent.page.js';
import { APP_HANDLERS, BUSINESS_HANDLERS } from './mock-business.handlers.js';
import {
  MockGatewayError,
  errorBody,
  missingParameter,
  requestId,
  toJson,
} from './mock-envelopes.js';
import { MockGatewayConfigError } from './mock-gateway.errors.js';
import { MOCK_BUYERS } from './mock-fixtures.js';
import type {
  MockApp,
  MockAutoPayOutcome,
  MockFault,
  MockGatewayOptions,
  MockOrder,
  MockOrderControls,
  MockRequestLogEntry,
} from './mock-gateway.options.js';
import { ORDER_REFUSAL_MESSAGES, type MockOrderRefusal } from './mock-order.handlers.js';
import { UnreadableBodyError, readRequestParams } from './mock-request.reader.js';
import { MockLifecycleScheduler } from './mock-lifecycle.scheduler.js';
import {
  ORDER_STATUS_OF_PUSH,
  defaultNextPushStatus,
  isMockPushStatus,
  pushStatusOfOrderStatus,
  type MockPushStatus,
} from './mock-order.lifecycle.js';
import { pushControl } from './mock-webhook.controls.js';
import type {
  MockLifecycleOptions,
  MockPushFault,
  MockPushRecord,
} from './mock-webhook.options.js';
import { MockWebhookPusher } from './mock-webhook.pusher.js';

const SECONDS = SIGNATURE_MISTAKES['timestamp-seconds'];
const SYSTEM_APIS = new Set(['/auth/token/create', '/auth/token/refresh']);
const MAX_SKEW_MS = 7200 * 1000;
const FAULT_KINDS = new Set<MockFault['kind']>([
  'http-error',
  'html-error',
  'delay',
  'reset',
  'api-call-limit',
  'isp-error',
  'json-body',
]);
/** The platform's rate-limit refusal, as the product.get page quotes it. */
const RATE_LIMIT_MESSAGE = 'Api access frequency exceeds the limit. this ban will last 1 seconds';
/**
 * Arrivals are counted over the last 900 ms rather than a full second (app and method limits): a
 * client pacing at exactly the limit sees its calls land closer together or further apart than it
 * sent them on a loaded machine. A burst past the limit is still refused.
 */
const QPS_WINDOW_MS = 900;
/** The documented `sub_msg` of the sub-codes the `isp-error` fault takes. */
const SUB_MESSAGES: Record<string, string> = {
  'isp.service-unavailable': 'The service is temporarily unavailable',
  'isv.insufficient-permission': 'Insufficient permission.',
};
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})$/;

export { MockGatewayConfigError };

/**
 * APIs whose captured sample (the guide page) wraps the answer otherwise than `<method>_response`:
 * product.get is printed bare, text.search and member.benefit.get under the method name without
 * `_response`. The demos show `_response`; clients accept both (platform-reference.md, section 10).
 */
const CAPTURED_WRAPPERS: Readonly<Record<string, string | null>> = {
  'aliexpress.ds.product.get': null,
  'aliexpress.ds.text.search': 'aliexpress_ds_text_search',
  'aliexpress.ds.member.benefit.get': 'aliexpress_ds_member_benefit_get',
};

interface ActiveFault extends Required<Omit<MockFault, 'count'>> {
  remaining: number;
}

interface Outcome {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

const json = (body: unknown, status = 200): Outcome => ({
  status,
  contentType: 'application/json;charset=UTF-8',
  body: toJson(body),
});

function parseTimestamp(value: string): number | undefined {
  if (/^\d{13}$/.test(value)) return Number(value);
  if (!ISO_WITH_ZONE.test(value)) return undefined;
  const normalised = value.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const time = Date.parse(normalised);
  return Number.isNaN(time) ? undefined : time;
}

function validateApp(app: MockApp, index: number): MockApp {
  const where = `apps[${index}]`;
  try {
    validateCredential('appKey', app?.appKey);
    validateCredential('appSecret', app?.appSecret);
  } catch (error) {
    throw new MockGatewayConfigError(`${where}: ${(error as Error).message}`);
  }
  if (!Array.isArray(app.redirectUris))
    throw new MockGatewayConfigError(`${where}.redirectUris must be an array of URLs`);
  for (const uri of app.redirectUris) {
    if (!URL.canParse(uri))
      throw new MockGatewayConfigError(`${where}.redirectUris: "${uri}" is not an absolute URL`);
  }
  if (app.status !== undefined && app.status !== 'test' && app.status !== 'launched')
    throw new MockGatewayConfigError(`${where}.status must be "test" or "launched"`);
  for (const ttl of ['accessTokenTtlSeconds', 'refreshTokenTtlSeconds'] as const) {
    const value = app[ttl];
    if (value !== undefined && (!Number.isInteger(value) || value <= 0)) {
      throw new MockGatewayConfigError(
        `${where}.${ttl} must be a positive whole number of seconds`,
      );
    }
  }
  return { ...app, redirectUris: [...app.redirectUris] };
}

/**
 * A strict stand-in for the AliExpress Open Platform gateway on 127.0.0.1: it verifies signatures,
 * timestamps and tokens like the real one, answers in the real envelopes, runs the OAuth consent
 * flow, serves dropshipping fixtures, and explains a bad signature in `_mock_diagnosis`.
 */
export class MockAliexpressGateway {
  private readonly apps = new Map<string, MockApp>();
  private readonly auth = new MockAuthStore();
  private readonly log: MockRequestLogEntry[] = [];
  private readonly faults: ActiveFault[] = [];
  private readonly qpsLimits = new Map<string, number>();
  private readonly methodQpsLimits = new Map<string, number>();
  private readonly callTimes = new Map<string, number[]>();
  private readonly orderBook: MockOrder[] = [];
  private readonly orderControls: MockOrderControls = {
    autoPay: new Map(),
    refusals: new Map(),
    statusChanged: (order, status) => this.reachStatus(order, status),
  };
  private readonly pusher: MockWebhookPusher;
  private readonly lifecycle = new MockLifecycleScheduler((orderId) => this.lifecycleStep(orderId));
  private readonly timers = new Set<NodeJS.Timeout>();
  private orderSeq = 0n;
  private clockOffset: number;
  private seq = 0;
  private server?: Server;
  private baseUrl?: string;

  constructor(private readonly options: MockGatewayOptions) {
    if (!options || !Array.isArray(options.apps) || options.apps.length === 0) {
      throw new MockGatewayConfigError(
        'MockAliexpressGateway needs at least one app: { apps: [{ appKey, appSecret, redirectUris }] }',
      );
    }
    options.apps.forEach((app, i) => {
      const valid = validateApp(app, i);
      if (this.apps.has(valid.appKey))
        throw new MockGatewayConfigError(`apps[${i}]: app key ${valid.appKey} is registered twice`);
      this.apps.set(valid.appKey, valid);
    });
    for (const id of options.trackingIds ?? []) {
      if (typeof id !== 'string' || !TRACKING_ID.test(id))
        throw new MockGatewayConfigError(
          `trackingIds: "${String(id)}" is not a tracking id (1 to 64 letters, digits, "_", "-", ".")`,
        );
    }
    this.clockOffset = options.startTime === undefined ? 0 : options.startTime - Date.now();
    this.resetMethodQpsLimits();
    this.pusher = new MockWebhookPusher(
      { secretOf: (appKey) => this.apps.get(appKey)?.appSecret ?? '', now: () => this.now() },
      options.pushes,
    );
    [...this.apps.values()].forEach((app, i) => {
      try {
        if (app.webhookUrl !== undefined) this.pusher.setWebhook(app.appKey, app.webhookUrl);
      } catch (error) {
        throw new MockGatewayConfigError(`apps[${i}].webhookUrl: ${(error as Error).message}`);
      }
    });
    if (options.lifecycle !== undefined) this.lifecycle.start(options.lifecycle, []);
  }

  /** Back to the per-method limits of the options (the documented table by default). */
  private resetMethodQpsLimits(): void {
    this.methodQpsLimits.clear();
    const given = this.options.methodQpsLimits;
    if (given === false) return;
    for (const [method, limit] of Object.entries({ ...DEFAULT_METHOD_QPS, ...given })) {
      if (!Number.isInteger(limit) || limit < 1)
        throw new MockGatewayConfigError(
          `methodQpsLimits["${method}"] must be a positive whole number`,
        );
      this.methodQpsLimits.set(method, limit);
    }
  }

  /** Starts listening; resolves with the base URL to give the client as `baseUrl`. */
  async start(): Promise<{ url: string; port: number }> {
    if (this.server) throw new MockGatewayConfigError('the mock gateway is already started');
    const server = createServer((req, res) => void this.dispatch(req, res));
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => resolve());
    });
    this.server = server;
    const { port, address } = server.address() as AddressInfo;
    this.baseUrl = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
    return { url: this.baseUrl, port };
  }

  /** Stops listening, drops open connections and pending delayed answers. */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.pusher.stop();
    this.lifecycle.clear();
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The base URL once started. */
  get url(): string {
    if (!this.baseUrl) throw new MockGatewayConfigError('the mock gateway is not started');
    return this.baseUrl;
  }

  /** The mock clock (epoch ms): real time plus whatever tests advanced it by. */
  now(): number {
    return Date.now() + this.clockOffset;
  }

  /** Moves the mock clock forward (tokens and codes expire, timestamps are judged against it). */
  advanceClock(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0)
      throw new MockGatewayConfigError('advanceClock takes a non-negative number of ms');
    this.clockOffset += ms;
  }

  /** Registers a callback URL for an app after construction (e.g. once the app's port is known). */
  addRedirectUri(appKey: string, uri: string): void {
    const app = this.apps.get(appKey);
    if (!app) throw new MockGatewayConfigError(`unknown app key ${appKey}`);
    if (!URL.canParse(uri)) throw new MockGatewayConfigError(`"${uri}" is not an absolute URL`);
    if (!app.redirectUris.includes(uri)) app.redirectUris.push(uri);
  }

  /** Every request received since the last reset, with its verdict; secrets masked. */
  requests(): MockRequestLogEntry[] {
    return this.log.map((entry) => ({ ...entry, params: { ...entry.params } }));
  }

  /** Forgets the request log. */
  clearRequests(): void {
    this.log.length = 0;
  }

  /** Injects a fault into the next `count` calls of an API (or of every API). */
  injectFault(fault: MockFault): void {
    if (!fault || !FAULT_KINDS.has(fault.kind)) {
      throw new MockGatewayConfigError(`fault.kind must be one of ${[...FAULT_KINDS].join(', ')}`);
    }
    const count = fault.count ?? 1;
    if (!Number.isInteger(count) || count < 1)
      throw new MockGatewayConfigError('fault.count must be a positive whole number');
    const status = fault.status ?? (fault.kind === 'html-error' ? 502 : 500);
    if (!Number.isInteger(status) || status < 200 || status > 599)
      throw new MockGatewayConfigError('fault.status must be an HTTP status (200-599)');
    const delayMs = fault.delayMs ?? 30_000;
    if (!Number.isFinite(delayMs) || delayMs < 0)
      throw new MockGatewayConfigError('fault.delayMs must be a non-negative number');
    const banSeconds = fault.banSeconds ?? 1;
    if (!Number.isInteger(banSeconds) || banSeconds < 1)
      throw new MockGatewayConfigError('fault.banSeconds must be a positive whole number');
    if (fault.api !== undefined && (typeof fault.api !== 'string' || fault.api === '')) {
      throw new MockGatewayConfigError('fault.api must be an API name or path, or "*"');
    }
    this.faults.push({
      kind: fault.kind,
      api: fault.api ?? '*',
      remaining: count,
      status,
      delayMs,
      banSeconds,
      subCode: fault.subCode ?? 'isp.service-unavailable',
      subMessage:
        fault.subMessage ?? SUB_MESSAGES[fault.subCode ?? 'isp.service-unavailable'] ?? 'failed',
      processed: fault.processed ?? fault.kind === 'delay',
      body: fault.body ?? {},
      text: fault.text ?? '',
    });
  }

  /** Removes every pending fault. */
  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Limits an app to `limit` calls per second (`ApiCallLimit` past it); `undefined` lifts it. */
  setQpsLimit(appKey: string, limit: number | undefined): void {
    if (!this.apps.has(appKey)) throw new MockGatewayConfigError(`unknown app key ${appKey}`);
    if (limit === undefined || limit === null) {
      this.qpsLimits.delete(appKey);
      return;
    }
    if (!Number.isInteger(limit) || limit < 1)
      throw new MockGatewayConfigError('the QPS limit must be a positive whole number');
    this.qpsLimits.set(appKey, limit);
  }

  /**
   * Limits every app to `limit` calls per second of one API (`ApiCallLimit` past it, with the
   * documented message); `undefined` lifts that method's limit. `reset()` restores the defaults.
   */
  setMethodQpsLimit(method: string, limit: number | undefined): void {
    if (typeof method !== 'string' || method === '')
      throw new MockGatewayConfigError('the method must be an API name');
    if (limit === undefined || limit === null) {
      this.methodQpsLimits.delete(method);
      return;
    }
    if (!Number.isInteger(limit) || limit < 1)
      throw new MockGatewayConfigError('the QPS limit must be a positive whole number');
    this.methodQpsLimits.set(method, limit);
  }

  /** The orders created so far. */
  orders(): MockOrder[] {
    return this.orderBook.map((o) => ({ ...o, items: o.items.map((i) => ({ ...i })) }));
  }

  /**
   * What happens to the orders of an app that asks to pay at once (`try_to_pay`): `ok` (the
   * default) or `fail`, where the order is created but not paid and the answer carries
   * `error_msg: "OrderCreated, autoPay fail:APIPayFail"`, as the platform documents.
   */
  setAutoPay(appKey: string, outcome: MockAutoPayOutcome): void {
    if (!this.apps.has(appKey)) throw new MockGatewayConfigError(`unknown app key ${appKey}`);
    if (outcome !== 'ok' && outcome !== 'fail')
      throw new MockGatewayConfigError('the auto-pay outcome must be "ok" or "fail"');
    this.orderControls.autoPay.set(appKey, outcome);
  }

  /**
   * Refuses every order of a buyer with a documented code (`BLACKLIST_BUYER_IN_LIST`,
   * `USER_ACCOUNT_DISABLED`, `A001_ORDER_CANNOT_BE_PLACED` … `A006_INVALID_ACCOUNT_INFO`,
   * `ERROR_WHEN_BUILD_FOR_PLACE_ORDER`); `undefined` lifts it.
   */
  refuseOrders(userId: string, code: MockOrderRefusal | undefined): void {
    if (!MOCK_BUYERS.some((b) => b.userId === userId))
      throw new MockGatewayConfigError(`unknown test buyer ${userId}`);
    if (code === undefined || code === null) {
      this.orderControls.refusals.delete(userId);
      return;
    }
    if (!Object.hasOwn(ORDER_REFUSAL_MESSAGES, code))
      throw new MockGatewayConfigError(
        `the refusal must be one of ${Object.keys(ORDER_REFUSAL_MESSAGES).join(', ')}`,
      );
    this.orderControls.refusals.set(userId, code);
  }

  /**
   * Moves an order through its lifecycle: `aliexpress.trade.ds.order.get` then answers this
   * `order_status` (any string: the 12 documented ones, or another), the given
   * `logistics_status` (else one derived from the status) and, on every line, `end_reason`.
   * `status` may also be a push status (`OrderShipped`, …): the order then reads as that step does
   * (see `ORDER_STATUS_OF_PUSH`). When the change is a new lifecycle step, the app's webhook gets a
   * push; an `order_status` no push names (`RISK_CONTROL`, …) changes order.get only.
   */
  setOrderStatus(
    orderId: string,
    status: string,
    details: { logisticsStatus?: string; endReason?: string } = {},
  ): void {
    const order = this.orderBook.find((o) => o.orderId === orderId);
    if (!order) throw new MockGatewayConfigError(`no order ${orderId}`);
    const step = isMockPushStatus(status) ? status : undefined;
    if (typeof status !== 'string' || (!step && !/^[A-Z_]{2,40}$/.test(status)))
      throw new MockGatewayConfigError(
        'the status must be an upper-case code such as FINISH, or a push status such as OrderShipped',
      );
    for (const value of [details.logisticsStatus, details.endReason]) {
      if (value !== undefined && (typeof value !== 'string' || !/^[A-Z_]{2,40}$/.test(value)))
        throw new MockGatewayConfigError(
          'logisticsStatus and endReason must be upper-case codes such as CANCELED',
        );
    }
    const reached = step ?? pushStatusOfOrderStatus(status, details.endReason, order.pushStatus);
    order.status = step ? ORDER_STATUS_OF_PUSH[step].status : status;
    order.logisticsStatus = details.logisticsStatus;
    order.endReason = details.endReason ?? (step && ORDER_STATUS_OF_PUSH[step].endReason);
    if (reached !== undefined && reached !== order.pushStatus) this.reachStatus(order, reached);
  }

  /**
   * Moves an order one lifecycle step, pushing it: the step set by `setNextOrderStatus`, else the
   * usual next one (created → paid → shipped → confirmed; a failed payment → closed). Answers the
   * step and the `order_status` order.get now reads. A final order (confirmed, closed) does not move.
   */
  advanceOrder(orderId: string): { orderStatus: MockPushStatus; status: string } {
    const order = this.orderBook.find((o) => o.orderId === orderId);
    if (!order) throw new MockGatewayConfigError(`no order ${orderId}`);
    const next = this.nextStep(order);
    if (next === undefined)
      throw new MockGatewayConfigError(
        `order ${orderId} is ${order.pushStatus ?? order.status}, a final status; set its next status first`,
      );
    order.status = ORDER_STATUS_OF_PUSH[next].status;
    order.logisticsStatus = undefined;
    order.endReason = ORDER_STATUS_OF_PUSH[next].endReason;
    this.reachStatus(order, next);
    return { orderStatus: next, status: order.status };
  }

  /**
   * The step an order takes at its next `advanceOrder` (or timed lifecycle step) instead of the
   * usual one, e.g. `OrderClosed` for an order about to ship; `undefined` back to the usual path.
   */
  setNextOrderStatus(orderId: string, status: MockPushStatus | undefined): void {
    const order = this.orderBook.find((o) => o.orderId === orderId);
    if (!order) throw new MockGatewayConfigError(`no order ${orderId}`);
    if (status !== undefined && status !== null && !isMockPushStatus(status))
      throw new MockGatewayConfigError(
        'the next status must be a push status such as OrderShipped',
      );
    order.nextPushStatus = status ?? undefined;
    this.lifecycle.changed(orderId, this.nextStep(order) !== undefined, true);
  }

  /**
   * Starts the timed lifecycle: every order that is not final moves one step `stepMs` after its
   * last status change (real time), pushing each step, until `stopLifecycle`. Also an option.
   */
  startLifecycle(options: MockLifecycleOptions): void {
    const movable = this.orderBook.filter((o) => this.nextStep(o) !== undefined);
    this.lifecycle.start(
      options,
      movable.map((o) => o.orderId),
    );
  }

  /** Stops the timed lifecycle; orders stay where they are. */
  stopLifecycle(): void {
    this.lifecycle.stop();
  }

  /** The timed lifecycle's step while it runs, else `undefined`. */
  lifecycleStepMs(): number | undefined {
    return this.lifecycle.step;
  }

  /**
   * Registers the URL an app's order-status pushes are POSTed to (the console's notification
   * tab), or removes it with `undefined`. Registrations survive `reset()`, like redirect URIs.
   */
  setWebhook(appKey: string, url: string | undefined): void {
    if (!this.apps.has(appKey)) throw new MockGatewayConfigError(`unknown app key ${appKey}`);
    this.pusher.setWebhook(appKey, url);
  }

  /** The registered webhook URLs, by app key. */
  webhooks(): Record<string, string> {
    return this.pusher.webhooks();
  }

  /** Every push sent (or dropped) since the last reset, with each delivery attempt. */
  pushes(): MockPushRecord[] {
    return this.pusher.records();
  }

  /** Resolves with `pushes()` once none is pending (each delivered, given up or dropped). */
  pushesSettled(): Promise<MockPushRecord[]> {
    return this.pusher.settled();
  }

  /** Forgets the push log and cancels the deliveries still pending. */
  clearPushes(): void {
    this.pusher.clear();
  }

  /** Drops, duplicates or delays the next `count` matching pushes (see {@link MockPushFault}). */
  injectPushFault(fault: MockPushFault): void {
    this.pusher.injectFault(fault);
  }

  /** Removes every pending push fault. */
  clearPushFaults(): void {
    this.pusher.clearFaults();
  }

  /** The step an order takes next, if it can move. */
  private nextStep(order: MockOrder): MockPushStatus | undefined {
    if (order.nextPushStatus !== undefined) return order.nextPushStatus;
    return order.pushStatus === undefined ? undefined : defaultNextPushStatus(order.pushStatus);
  }

  /** An order reached a lifecycle step: it is pushed to its app's webhook, its next step scheduled. */
  private reachStatus(order: MockOrder, status: MockPushStatus): void {
    order.pushStatus = status;
    order.nextPushStatus = undefined;
    const buyer = MOCK_BUYERS.find((b) => b.userId === order.userId);
    this.pusher.push(order.appKey, {
      sellerId: buyer?.sellerId ?? order.userId,
      buyerId: order.userId,
      orderId: order.orderId,
      orderStatus: status,
      timestamp: Math.floor(this.now() / 1000),
    });
    this.lifecycle.changed(order.orderId, this.nextStep(order) !== undefined);
  }

  /** A timed lifecycle step (the order may have become final, or gone with a reset, meanwhile). */
  private lifecycleStep(orderId: string): void {
    const order = this.orderBook.find((o) => o.orderId === orderId);
    if (order && this.nextStep(order) !== undefined) this.advanceOrder(orderId);
  }

  /** How many token pairs `/auth/token/create` and `/auth/token/refresh` issued. */
  tokenStats(): { created: number; refreshed: number } {
    return { created: this.auth.issued.create, refreshed: this.auth.issued.refresh };
  }

  /** Issues an authorization code directly, as if the buyer had approved (for tests that skip the browser). */
  issueCode(appKey: string, userId: string = MOCK_BUYERS[0].userId): string {
    if (!this.apps.has(appKey)) throw new MockGatewayConfigError(`unknown app key ${appKey}`);
    if (!MOCK_BUYERS.some((b) => b.userId === userId))
      throw new MockGatewayConfigError(`unknown test buyer ${userId}`);
    return this.auth.issueCode(appKey, userId, this.now());
  }

  /** Invalidates a buyer's current access tokens (refresh tokens stay valid), as the platform may at any time. */
  invalidateAccessTokens(appKey: string, userId: string = MOCK_BUYERS[0].userId): void {
    this.auth.invalidateAccess(appKey, userId);
  }

  /** Back to a fresh state: no tokens, codes, orders, faults, limits or log; clock at real time. */
  reset(): void {
    this.auth.clear();
    this.log.length = 0;
    this.faults.length = 0;
    this.qpsLimits.clear();
    this.resetMethodQpsLimits();
    this.callTimes.clear();
    this.orderBook.length = 0;
    this.orderControls.autoPay.clear();
    this.orderControls.refusals.clear();
    this.pusher.clear();
    this.pusher.clearFaults();
    if (this.options.lifecycle === undefined) this.lifecycle.stop();
    else this.lifecycle.start(this.options.lifecycle, []);
    this.clockOffset =
      this.options.startTime === undefined ? 0 : this.options.startTime - Date.now();
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://mock.invalid');
    try {
      if (url.pathname.startsWith('/__mock/images/') && req.method === 'GET')
        return this.send(res, placeholderImage(url.pathname));
      if (url.pathname.startsWith('/__mock/')) return this.send(res, await this.control(req, url));
      if (url.pathname === '/oauth/authorize' && req.method === 'GET')
        return this.send(res, this.authorize(url.searchParams, req.method));
      if (url.pathname === '/oauth/authorize/decide' && req.method === 'POST') {
        const { params } = await readRequestParams(req, url);
        return this.send(res, this.authorize(new URLSearchParams(params), 'POST'));
      }
      if (
        url.pathname === '/sync' ||
        url.pathname === '/rest' ||
        url.pathname.startsWith('/rest/')
      ) {
        if (req.method !== 'GET' && req.method !== 'POST')
          return this.send(
            res,
            json({ error: 'method_not_allowed', message: 'use GET or POST' }, 405),
          );
        return await this.api(req, res, url);
      }
      this.send(
        res,
        json(
          {
            error: 'not_found',
            message: `no route ${req.method} ${url.pathname} on the mock gateway`,
          },
          404,
        ),
      );
    } catch (error) {
      if (res.headersSent || res.destroyed) return;
      if (
        error instanceof UnreadableBodyError ||
        error instanceof MockGatewayConfigError ||
        error instanceof SyntaxError
      ) {
        return this.send(res, json({ error: 'bad_request', message: error.message }, 400));
      }
      this.send(
        res,
        json({ error: 'mock_internal_error', message: (error as Error).message }, 500),
      );
    }
  }

  private send(res: ServerResponse, outcome: Outcome): void {
    if (res.destroyed) return;
    // the Date header follows the mock clock, so clock-skew checks can be tested
    res.writeHead(outcome.status, {
      'Content-Type': outcome.contentType,
      Date: new Date(this.now()).toUTCString(),
      ...outcome.headers,
    });
    res.end(outcome.body);
  }

  private record(entry: Omit<MockRequestLogEntry, 'seq' | 'at'>): MockRequestLogEntry {
    const full = { seq: ++this.seq, at: this.now(), ...entry };
    this.log.push(full);
    return full;
  }

  private takeFault(api: string): ActiveFault | undefined {
    const index = this.faults.findIndex((f) => f.api === '*' || f.api === api);
    if (index < 0) return undefined;
    const fault = this.faults[index];
    if (--fault.remaining <= 0) this.faults.splice(index, 1);
    return fault;
  }

  private async api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const { params, conflict } = await readRequestParams(req, url);
    const endpoint = url.pathname === '/sync' ? 'sync' : 'rest';
    const pathApi = endpoint === 'rest' ? url.pathname.slice('/rest'.length) : '';
    const api = pathApi || params.method;
    const entry = this.record({
      httpMethod: req.method ?? 'GET',
      path: url.pathname,
      endpoint,
      api,
      appKey: params.app_key,
      params: maskParams(params),
      verdict: 'pending',
    });
    const now = this.now();
    const refuse = (error: MockGatewayError): Outcome => {
      entry.verdict = error.code;
      return json(errorBody(endpoint, error, now));
    };

    let fault: ActiveFault | undefined;
    let outcome: Outcome;
    try {
      if (conflict) {
        throw new MockGatewayError({
          code: 'InvalidParameter',
          message: `The parameter \u201c${conflict}\u201d was sent more than once with different values`,
        });
      }
      if (!api) throw missingParameter('method');
      const known =
        endpoint === 'rest'
          ? SYSTEM_APIS.has(api)
          : SYSTEM_APIS.has(api) ||
            Object.hasOwn(BUSINESS_HANDLERS, api) ||
            Object.hasOwn(APP_HANDLERS, api);
      if (!known)
        throw new MockGatewayError({
          code: 'InvalidApiPath',
          message: `The specified API \u201c${api}\u201d is invalid`,
        });
      fault = this.takeFault(api);
      if (fault && !fault.processed) {
        entry.verdict = `fault:${fault.kind}`;
        return this.applyFault(req, res, fault, endpoint, now);
      }
      const prefix = endpoint === 'rest' ? api : '';
      outcome = json(this.process(endpoint, api, prefix, params, now, entry));
    } catch (error) {
      if (!(error instanceof MockGatewayError)) throw error;
      outcome = refuse(error);
    }
    if (fault) {
      entry.verdict = `fault:${fault.kind} (after ${entry.verdict})`;
      return this.applyFault(req, res, fault, endpoint, now, outcome);
    }
    this.send(res, outcome);
  }

  private process(
    endpoint: 'rest' | 'sync',
    api: string,
    prefix: string,
    params: Record<string, string>,
    now: number,
    entry: MockRequestLogEntry,
  ): Record<string, unknown> {
    if (!params.app_key) throw missingParameter('app_key');
    const app = this.apps.get(params.app_key);
    if (!app)
      throw new MockGatewayError({
        code: 'InvalidAppKey',
        message: 'The specified App Key is invalid',
      });
    if (!params.sign) throw missingParameter('sign');
    if (!params.sign_method) throw missingParameter('sign_method');
    if (!params.timestamp) throw missingParameter('timestamp');
    this.checkTimestamp(params.timestamp, now);
    this.checkSignature(endpoint, prefix, params, app);
    this.checkQps(app.appKey);
    this.checkMethodQps(app.appKey, api);

    if (SYSTEM_APIS.has(api)) {
      const grant = api === '/auth/token/create' ? 'code' : 'refresh_token';
      if (!params[grant]) throw missingParameter(grant);
      const body =
        grant === 'code'
          ? this.auth.create(app, params.code, now, params.uuid)
          : this.auth.rotate(app, params.refresh_token, now);
      entry.verdict = 'ok';
      return body;
    }

    if (Object.hasOwn(APP_HANDLERS, api)) {
      // app-level (affiliate) methods: no buyer; their handlers refuse a session
      const ctx = {
        params,
        appKey: app.appKey,
        now,
        baseUrl: this.baseUrl ?? '',
        trackingIds: this.options.trackingIds,
      };
      const result = APP_HANDLERS[api](ctx);
      entry.verdict = businessVerdict(result);
      return { [responseKey(api)]: { ...result, request_id: requestId(now) } };
    }
    const session = params.session;
    const accessToken = params.access_token;
    if (session && accessToken && session !== accessToken) {
      throw new MockGatewayError({
        code: 'InvalidParameter',
        message:
          'Send the access token once: \u201csession\u201d and \u201caccess_token\u201d differ',
      });
    }
    const token = session || accessToken;
    if (!token) throw missingParameter('session');
    const buyer = this.auth.authenticate(app.appKey, token, now);
    const result = BUSINESS_HANDLERS[api]({
      params,
      appKey: app.appKey,
      buyer,
      now,
      orders: this.orderBook,
      orderControls: this.orderControls,
      nextOrderId: () => String(3_000_000_000_000_000_001n + this.orderSeq++),
      baseUrl: this.baseUrl ?? '',
    });
    entry.verdict = businessVerdict(result);
    const answer = { ...result, request_id: requestId(now) };
    // where the reference pages disagree on the wrapper, the mock answers as the captured sample
    const wrapper = CAPTURED_WRAPPERS[api];
    if (wrapper === null) return answer;
    return { [wrapper ?? responseKey(api)]: answer };
  }

  private checkTimestamp(value: string, now: number): void {
    const time = parseTimestamp(value);
    if (time === undefined || Math.abs(time - now) > MAX_SKEW_MS) {
      const seconds = /^\d{10}$/.test(value);
      throw new MockGatewayError({
        code: 'IllegalTimestamp',
        message: 'The timestamp is invalid or malformed',
        type: 'ISV',
        extra: {
          _mock_diagnosis: {
            summary: seconds
              ? `${SECONDS.title}: ${SECONDS.fix}`
              : time === undefined
                ? 'timestamp must be epoch milliseconds (13 digits) or ISO 8601 with a zone'
                : `timestamp is ${Math.round((time - now) / 1000)} s away from the gateway clock (allowed: 7200 s)`,
            mistakes: seconds ? [{ id: 'timestamp-seconds', ...SECONDS }] : [],
          },
        },
      });
    }
  }

  private checkSignature(
    endpoint: 'rest' | 'sync',
    prefix: string,
    params: Record<string, string>,
    app: MockApp,
  ): void {
    const method = params.sign_method;
    const supported = method === 'sha256' || (method === 'md5' && endpoint === 'sync');
    const signed: SignedEndpoint =
      endpoint === 'rest' ? { kind: 'rest', apiPath: prefix } : { kind: 'sync' };
    // the library's own request builder: what the client signs is what the mock verifies
    const expected = supported
      ? signParams(params, app.appSecret, {
          apiPath: signed.kind === 'rest' ? signed.apiPath : undefined,
          signMethod: method,
        })
      : undefined;
    if (expected !== undefined && expected === params.sign) return;
    const diagnosis = diagnoseSignature({ params, secret: app.appSecret, endpoint: signed });
    if (!supported)
      diagnosis.summary = `sign_method "${method}" is not accepted here (sha256${endpoint === 'sync' ? ' or md5' : ''}); ${diagnosis.summary}`;
    throw new MockGatewayError({
      code: 'IncompleteSignature',
      message: 'The request signature does not conform to platform standards',
      type: 'ISV',
      extra: { _mock_diagnosis: diagnosis },
    });
  }

  private checkQps(appKey: string): void {
    const limit = this.qpsLimits.get(appKey);
    if (limit === undefined) return;
    const now = Date.now();
    const times = (this.callTimes.get(appKey) ?? []).filter((t) => now - t < QPS_WINDOW_MS);
    if (times.length >= limit) {
      this.callTimes.set(appKey, times);
      throw new MockGatewayError({ code: 'ApiCallLimit', message: RATE_LIMIT_MESSAGE });
    }
    times.push(now);
    this.callTimes.set(appKey, times);
  }

  /** The API's own limit, per app (the platform's table by default; see `methodQpsLimits`). */
  private checkMethodQps(appKey: string, api: string): void {
    const limit = this.methodQpsLimits.get(api);
    if (limit === undefined) return;
    const key = `${appKey} ${api}`;
    const now = Date.now();
    const times = (this.callTimes.get(key) ?? []).filter((t) => now - t < QPS_WINDOW_MS);
    this.callTimes.set(key, times);
    if (times.length >= limit)
      throw new MockGatewayError({ code: 'ApiCallLimit', message: RATE_LIMIT_MESSAGE });
    times.push(now);
  }

  private applyFault(
    req: IncomingMessage,
    res: ServerResponse,
    fault: ActiveFault,
    endpoint: 'rest' | 'sync',
    now: number,
    processed?: Outcome,
  ): void {
    switch (fault.kind) {
      case 'http-error':
        return this.send(res, {
          status: fault.status,
          contentType: 'text/plain',
          body: 'Internal Server Error',
        });
      case 'html-error':
        return this.send(res, {
          status: fault.status,
          contentType: 'text/html',
          body: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>Tengine</center></body></html>',
        });
      case 'reset':
        req.socket.destroy();
        return;
      case 'api-call-limit':
        return this.send(
          res,
          json(
            errorBody(
              endpoint,
              new MockGatewayError({
                code: 'ApiCallLimit',
                message: `Api access frequency exceeds the limit. this ban will last ${fault.banSeconds} seconds`,
              }),
              now,
            ),
          ),
        );
      case 'isp-error':
        return this.send(
          res,
          json(
            errorBody(
              endpoint,
              new MockGatewayError({
                code: '15',
                message: 'Remote service error',
                type: 'ISP',
                subCode: fault.subCode,
                subMessage: fault.subMessage,
              }),
              now,
            ),
          ),
        );
      case 'json-body':
        return this.send(
          res,
          fault.text
            ? { status: 200, contentType: 'application/json;charset=UTF-8', body: fault.text }
            : json(fault.body),
        );
      case 'delay': {
        const answer =
          processed ??
          json(
            errorBody(
              endpoint,
              new MockGatewayError({
                code: '15',
                message: 'Remote service error',
                type: 'ISP',
                subCode: 'isp.timeout',
                subMessage: 'timeout',
              }),
              now,
            ),
          );
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.send(res, answer);
        }, fault.delayMs);
        this.timers.add(timer);
        return;
      }
    }
  }

  private authorize(query: URLSearchParams, httpMethod: string): Outcome {
    const params = Object.fromEntries(query);
    const entry = this.record({
      httpMethod,
      path: '/oauth/authorize',
      endpoint: 'oauth',
      appKey: params.client_id,
      params: maskParams(params),
      verdict: 'pending',
    });
    const fail = (message: string): Outcome => {
      entry.verdict = 'refused';
      return {
        status: 400,
        contentType: 'text/html;charset=UTF-8',
        body: authorizeErrorPage(message),
      };
    };
    const app = params.client_id ? this.apps.get(params.client_id) : undefined;
    if (!params.client_id) return fail('client_id is missing');
    if (!app) return fail(`client_id ${params.client_id} is not a registered app`);
    if (httpMethod === 'GET' && params.response_type !== 'code')
      return fail('response_type must be "code"');
    if (!params.redirect_uri) return fail('redirect_uri is missing');
    if (!app.redirectUris.includes(params.redirect_uri)) {
      return fail(
        `redirect_uri ${params.redirect_uri} is not the callback URL registered for app ${app.appKey}`,
      );
    }
    const decision =
      params.decision ?? params.mock_decision ?? (this.options.autoApprove ? 'approve' : undefined);
    if (decision === undefined) {
      entry.verdict = 'consent-page';
      return {
        status: 200,
        contentType: 'text/html;charset=UTF-8',
        body: consentPage({
          clientId: app.appKey,
          redirectUri: params.redirect_uri,
          state: params.state,
        }),
      };
    }
    if (decision !== 'approve' && decision !== 'deny')
      return fail('decision must be approve or deny');
    const target = new URL(params.redirect_uri);
    if (decision === 'approve') {
      const userId = params.account ?? params.mock_account ?? MOCK_BUYERS[0].userId;
      if (!MOCK_BUYERS.some((b) => b.userId === userId))
        return fail(`unknown test account ${userId}`);
      target.searchParams.set('code', this.auth.issueCode(app.appKey, userId, this.now()));
      entry.verdict = 'approved';
    } else {
      target.searchParams.set('error', 'access_denied');
      target.searchParams.set('error_description', 'The user denied the authorization request');
      entry.verdict = 'denied';
    }
    if (params.state !== undefined) target.searchParams.set('state', params.state);
    return {
      status: 302,
      contentType: 'text/plain',
      body: `Redirecting to ${target.origin}${target.pathname}`,
      headers: { Location: target.toString() },
    };
  }

  private async control(req: IncomingMessage, url: URL): Promise<Outcome> {
    const route = `${req.method} ${url.pathname}`;
    const body = async (): Promise<Record<string, unknown>> => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString('utf8').trim();
      if (!text) return {};
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new MockGatewayConfigError('the body must be a JSON object');
      return parsed as Record<string, unknown>;
    };
    const pushAnswer = await pushControl(route, body, this);
    if (pushAnswer) return json(pushAnswer.body, pushAnswer.status);
    switch (route) {
      case 'GET /__mock/requests':
        return json({ requests: this.requests() });
      case 'DELETE /__mock/requests':
        this.clearRequests();
        return json({ ok: true });
      case 'GET /__mock/clock':
        return json({ now: this.now() });
      case 'POST /__mock/clock': {
        const { advanceMs } = await body();
        if (typeof advanceMs !== 'number')
          throw new MockGatewayConfigError('body needs { "advanceMs": number }');
        this.advanceClock(advanceMs);
        return json({ now: this.now() });
      }
      case 'POST /__mock/faults':
        this.injectFault((await body()) as unknown as MockFault);
        return json({ ok: true }, 201);
      case 'DELETE /__mock/faults':
        this.clearFaults();
        return json({ ok: true });
      case 'POST /__mock/qps': {
        const { appKey, limit, method } = await body();
        if (typeof method === 'string' && appKey === undefined) {
          this.setMethodQpsLimit(method, limit === null ? undefined : (limit as number));
          return json({ ok: true });
        }
        if (typeof appKey !== 'string')
          throw new MockGatewayConfigError(
            'body needs { "appKey": string, "limit": number | null }',
          );
        this.setQpsLimit(appKey, limit === null ? undefined : (limit as number));
        return json({ ok: true });
      }
      case 'GET /__mock/orders':
        return json({ orders: this.orders() });
      case 'POST /__mock/auto-pay': {
        const { appKey, outcome } = await body();
        if (typeof appKey !== 'string')
          throw new MockGatewayConfigError(
            'body needs { "appKey": string, "outcome": "ok" | "fail" }',
          );
        this.setAutoPay(appKey, outcome as MockAutoPayOutcome);
        return json({ ok: true });
      }
      case 'POST /__mock/order-refusals': {
        const { userId, code } = await body();
        if (typeof userId !== 'string')
          throw new MockGatewayConfigError(
            'body needs { "userId": string, "code": string | null }',
          );
        this.refuseOrders(userId, code === null ? undefined : (code as MockOrderRefusal));
        return json({ ok: true });
      }
      case 'POST /__mock/order-status': {
        const { orderId, status, logisticsStatus, endReason } = await body();
        if (typeof orderId !== 'string' || typeof status !== 'string')
          throw new MockGatewayConfigError(
            'body needs { "orderId": string, "status": string, "logisticsStatus"?: string, "endReason"?: string }',
          );
        this.setOrderStatus(orderId, status, {
          logisticsStatus: logisticsStatus as string | undefined,
          endReason: endReason as string | undefined,
        });
        return json({ ok: true });
      }
      case 'GET /__mock/stats':
        return json({ tokens: this.tokenStats() });
      case 'POST /__mock/reset':
        this.reset();
        return json({ ok: true });
      default:
        return json({ error: 'not_found', message: `no mock control ${route}` }, 404);
    }
  }
}

/** A small SVG standing in for a product photo, named after the file asked for. */
function placeholderImage(path: string): Outcome {
  const name = /^\/__mock\/images\/([a-z0-9-]{1,40})\.svg$/.exec(path)?.[1];
  if (!name) return json({ error: 'not_found', message: 'no such mock image' }, 404);
  let hash = 0;
  for (const c of name) hash = (hash * 31 + c.charCodeAt(0)) % 360;
  const label = name.replace(/-/g, ' ');
  const body = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240" viewBox="0 0 240 240"><rect width="240" height="240" fill="hsl(${hash},55%,80%)"/><text x="120" y="125" font-family="sans-serif" font-size="18" text-anchor="middle" fill="#333">${label}</text></svg>`;
  return { status: 200, contentType: 'image/svg+xml', body };
}

/** `ok`, or the business code of a failure, read by the library's own envelope reader. */
function businessVerdict(result: Record<string, unknown>): string {
  const parsed = parseGatewayJson(toJson(result)) as GatewayObject;
  return businessFailureOf(parsed)?.code ?? 'ok';
}
