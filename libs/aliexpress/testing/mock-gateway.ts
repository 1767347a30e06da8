import { MockApiEndpoint } from './mock-api.endpoint.js';
import { MockAppRegistry } from './mock-app.registry.js';
import { mockControl } from './mock-control.routes.js';
import { MockFaultInjector } from './mock-fault.injector.js';
import { MockClock } from './mock-gateway.clock.js';
import { MockGatewayConfigError } from './mock-gateway.errors.js';
import { MOCK_BUYERS } from './mock-fixtures.js';
import type {
  MockAutoPayOutcome,
  MockFault,
  MockGatewayOptions,
  MockOrder,
  MockRequestLogEntry,
} from './mock-gateway.options.js';
import { MockGatewayServer } from './mock-gateway.server.js';
import { MockOAuthFlow } from './mock-oauth.flow.js';
import { MockOrderBook } from './mock-order.book.js';
import type { MockOrderRefusal } from './mock-order.handlers.js';
import type { MockPushStatus } from './mock-order.lifecycle.js';
import { MockOrderProgress } from './mock-order.progress.js';
import { MockQpsLimiter } from './mock-qps.limiter.js';
import { MockRequestLog } from './mock-request.log.js';
import type {
  MockLifecycleOptions,
  MockPushFault,
  MockPushRecord,
} from './mock-webhook.options.js';
import { MockWebhookPusher } from './mock-webhook.pusher.js';

export { MockGatewayConfigError };

/**
 * A strict stand-in for the AliExpress Open Platform gateway on 127.0.0.1: it verifies signatures,
 * timestamps and tokens like the real one, answers in the real envelopes, runs the OAuth consent
 * flow, serves dropshipping fixtures, and explains a bad signature in `_mock_diagnosis`.
 */
export class MockAliexpressGateway {
  private readonly apps: MockAppRegistry;
  private readonly clock: MockClock;
  private readonly qps: MockQpsLimiter;
  private readonly log: MockRequestLog;
  private readonly faults = new MockFaultInjector();
  private readonly oauth: MockOAuthFlow;
  private readonly book = new MockOrderBook((order, status) => this.progress.reach(order, status));
  private readonly pusher: MockWebhookPusher;
  private readonly progress: MockOrderProgress;
  private readonly server: MockGatewayServer;

  constructor(private readonly options: MockGatewayOptions) {
    this.apps = new MockAppRegistry(options);
    this.clock = new MockClock(options.startTime);
    this.qps = new MockQpsLimiter(options.methodQpsLimits);
    this.log = new MockRequestLog(() => this.now());
    const now = () => this.now();
    this.oauth = new MockOAuthFlow({
      apps: this.apps,
      log: this.log,
      now,
      autoApprove: options.autoApprove,
    });
    this.pusher = new MockWebhookPusher(
      { secretOf: (appKey) => this.apps.get(appKey)?.appSecret ?? '', now },
      options.pushes,
    );
    this.apps.all().forEach((app, i) => {
      try {
        if (app.webhookUrl !== undefined) this.pusher.setWebhook(app.appKey, app.webhookUrl);
      } catch (error) {
        throw new MockGatewayConfigError(`apps[${i}].webhookUrl: ${(error as Error).message}`);
      }
    });
    this.progress = new MockOrderProgress(this.book, this.pusher, now, options.lifecycle);
    const api = new MockApiEndpoint({
      apps: this.apps,
      oauth: this.oauth,
      qps: this.qps,
      faults: this.faults,
      log: this.log,
      orders: this.book,
      now,
      baseUrl: () => this.server.baseUrlOrEmpty(),
      trackingIds: options.trackingIds,
    });
    this.server = new MockGatewayServer(
      {
        control: (req, url) => mockControl(req, url, this),
        authorize: (query, httpMethod) => this.oauth.authorize(query, httpMethod),
        api: (req, url) => api.handle(req, url),
      },
      now,
    );
  }

  /** Starts listening; resolves with the base URL to give the client as `baseUrl`. */
  start(): Promise<{ url: string; port: number }> {
    return this.server.start(this.options.port ?? 0, this.options.host ?? '127.0.0.1');
  }

  /** Stops listening, drops open connections and pending delayed answers. */
  async stop(): Promise<void> {
    this.pusher.stop();
    this.progress.cancelTimers();
    await this.server.stop();
  }

  /** The base URL once started. */
  get url(): string {
    return this.server.url;
  }

  /** The mock clock (epoch ms): real time plus whatever tests advanced it by. */
  now(): number {
    return this.clock.now();
  }

  /** Moves the mock clock forward (tokens and codes expire, timestamps are judged against it). */
  advanceClock(ms: number): void {
    this.clock.advance(ms);
  }

  /** Registers a callback URL for an app after construction (e.g. once the app's port is known). */
  addRedirectUri(appKey: string, uri: string): void {
    this.apps.addRedirectUri(appKey, uri);
  }

  /** Every request received since the last reset, with its verdict; secrets masked. */
  requests(): MockRequestLogEntry[] {
    return this.log.list();
  }

  /** Forgets the request log. */
  clearRequests(): void {
    this.log.clear();
  }

  /** Injects a fault into the next `count` calls of an API (or of every API). */
  injectFault(fault: MockFault): void {
    this.faults.inject(fault);
  }

  /** Removes every pending fault. */
  clearFaults(): void {
    this.faults.clear();
  }

  /** Limits an app to `limit` calls per second (`ApiCallLimit` past it); `undefined` lifts it. */
  setQpsLimit(appKey: string, limit: number | undefined): void {
    this.apps.require(appKey);
    this.qps.setAppLimit(appKey, limit);
  }

  /**
   * Limits every app to `limit` calls per second of one API (`ApiCallLimit` past it, with the
   * documented message); `undefined` lifts that method's limit. `reset()` restores the defaults.
   */
  setMethodQpsLimit(method: string, limit: number | undefined): void {
    this.qps.setMethodLimit(method, limit);
  }

  /** The orders created so far. */
  orders(): MockOrder[] {
    return this.book.list();
  }

  /**
   * What happens to the orders of an app that asks to pay at once (`try_to_pay`): `ok` (the
   * default) or `fail`, where the order is created but not paid and the answer carries
   * `error_msg: "OrderCreated, autoPay fail:APIPayFail"`, as the platform documents.
   */
  setAutoPay(appKey: string, outcome: MockAutoPayOutcome): void {
    this.apps.require(appKey);
    this.book.setAutoPay(appKey, outcome);
  }

  /**
   * Refuses every order of a buyer with a documented code (`BLACKLIST_BUYER_IN_LIST`,
   * `USER_ACCOUNT_DISABLED`, `A001_ORDER_CANNOT_BE_PLACED` … `A006_INVALID_ACCOUNT_INFO`,
   * `ERROR_WHEN_BUILD_FOR_PLACE_ORDER`); `undefined` lifts it.
   */
  refuseOrders(userId: string, code: MockOrderRefusal | undefined): void {
    this.book.refuseOrders(userId, code);
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
    this.progress.setOrderStatus(orderId, status, details);
  }

  /**
   * Moves an order one lifecycle step, pushing it: the step set by `setNextOrderStatus`, else the
   * usual next one (created → paid → shipped → confirmed; a failed payment → closed). Answers the
   * step and the `order_status` order.get now reads. A final order (confirmed, closed) does not move.
   */
  advanceOrder(orderId: string): { orderStatus: MockPushStatus; status: string } {
    return this.progress.advanceOrder(orderId);
  }

  /**
   * The step an order takes at its next `advanceOrder` (or timed lifecycle step) instead of the
   * usual one, e.g. `OrderClosed` for an order about to ship; `undefined` back to the usual path.
   */
  setNextOrderStatus(orderId: string, status: MockPushStatus | undefined): void {
    this.progress.setNextOrderStatus(orderId, status);
  }

  /**
   * Starts the timed lifecycle: every order that is not final moves one step `stepMs` after its
   * last status change (real time), pushing each step, until `stopLifecycle`. Also an option.
   */
  startLifecycle(options: MockLifecycleOptions): void {
    this.progress.startLifecycle(options);
  }

  /** Stops the timed lifecycle; orders stay where they are. */
  stopLifecycle(): void {
    this.progress.stopLifecycle();
  }

  /** The timed lifecycle's step while it runs, else `undefined`. */
  lifecycleStepMs(): number | undefined {
    return this.progress.lifecycleStepMs();
  }

  /**
   * Registers the URL an app's order-status pushes are POSTed to (the console's notification
   * tab), or removes it with `undefined`. Registrations survive `reset()`, like redirect URIs.
   */
  setWebhook(appKey: string, url: string | undefined): void {
    this.apps.require(appKey);
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

  /** How many token pairs `/auth/token/create` and `/auth/token/refresh` issued. */
  tokenStats(): { created: number; refreshed: number } {
    return this.oauth.tokenStats();
  }

  /** Issues an authorization code directly, as if the buyer had approved (for tests that skip the browser). */
  issueCode(appKey: string, userId: string = MOCK_BUYERS[0].userId): string {
    return this.oauth.issueCode(appKey, userId);
  }

  /** Invalidates a buyer's current access tokens (refresh tokens stay valid), as the platform may at any time. */
  invalidateAccessTokens(appKey: string, userId: string = MOCK_BUYERS[0].userId): void {
    this.oauth.invalidateAccessTokens(appKey, userId);
  }

  /** Back to a fresh state: no tokens, codes, orders, faults, limits or log; clock at real time. */
  reset(): void {
    this.oauth.clear();
    this.log.clear();
    this.faults.clear();
    this.qps.reset();
    this.book.clear();
    this.pusher.clear();
    this.pusher.clearFaults();
    this.progress.reset();
    this.clock.reset();
  }
}
