import type { IncomingMessage } from 'node:http';
import { businessFailureOf, responseKey } from '../src/gateway/gateway-envelope.reader.js';
import { parseGatewayJson, type GatewayObject } from '../src/gateway/gateway-json.parser.js';
import { maskParams } from '../src/signing/secret-params.js';
import type { MockAppRegistry } from './mock-app.registry.js';
import { APP_HANDLERS, BUSINESS_HANDLERS } from './mock-business.handlers.js';
import {
  MockGatewayError,
  errorBody,
  missingParameter,
  requestId,
  toJson,
} from './mock-envelopes.js';
import { faultReply, type ActiveFault, type MockFaultInjector } from './mock-fault.injector.js';
import type { MockRequestLogEntry } from './mock-gateway.options.js';
import { json, type MockReply, type Outcome } from './mock-http.reply.js';
import { SYSTEM_APIS, type MockOAuthFlow } from './mock-oauth.flow.js';
import type { MockOrderBook } from './mock-order.book.js';
import type { MockQpsLimiter } from './mock-qps.limiter.js';
import { readRequestParams } from './mock-request.reader.js';
import type { MockRequestLog } from './mock-request.log.js';
import { verifySignedRequest } from './mock-request.verifier.js';

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

/** `ok`, or the business code of a failure, read by the library's own envelope reader. */
function businessVerdict(result: Record<string, unknown>): string {
  const parsed = parseGatewayJson(toJson(result)) as GatewayObject;
  return businessFailureOf(parsed)?.code ?? 'ok';
}

/** What the API endpoint works with. */
export interface MockApiDeps {
  apps: MockAppRegistry;
  oauth: MockOAuthFlow;
  qps: MockQpsLimiter;
  faults: MockFaultInjector;
  log: MockRequestLog;
  orders: MockOrderBook;
  now: () => number;
  /** The mock's base URL once listening (product images point at it), else `''`. */
  baseUrl: () => string;
  /** The affiliate account's tracking ids (the `trackingIds` option). */
  trackingIds?: readonly string[];
}

/**
 * The gateway's API endpoints, `/sync` and `/rest/<path>`: each call is logged, checked (known
 * API, injected fault, signature, QPS), answered by its handler in the real envelope, and given
 * a verdict.
 */
export class MockApiEndpoint {
  constructor(private readonly deps: MockApiDeps) {}

  /** Answers one call; a fault may replace, hold back or drop the answer. */
  async handle(req: IncomingMessage, url: URL): Promise<MockReply> {
    const { params, conflict } = await readRequestParams(req, url);
    const endpoint = url.pathname === '/sync' ? 'sync' : 'rest';
    const pathApi = endpoint === 'rest' ? url.pathname.slice('/rest'.length) : '';
    const api = pathApi || params.method;
    const entry = this.deps.log.record({
      httpMethod: req.method ?? 'GET',
      path: url.pathname,
      endpoint,
      api,
      appKey: params.app_key,
      params: maskParams(params),
      verdict: 'pending',
    });
    const now = this.deps.now();
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
      fault = this.deps.faults.take(api);
      if (fault && !fault.processed) {
        entry.verdict = `fault:${fault.kind}`;
        return faultReply(fault, endpoint, now);
      }
      const prefix = endpoint === 'rest' ? api : '';
      outcome = json(this.process(endpoint, api, prefix, params, now, entry));
    } catch (error) {
      if (!(error instanceof MockGatewayError)) throw error;
      outcome = refuse(error);
    }
    if (fault) {
      entry.verdict = `fault:${fault.kind} (after ${entry.verdict})`;
      return faultReply(fault, endpoint, now, outcome);
    }
    return { outcome };
  }

  private process(
    endpoint: 'rest' | 'sync',
    api: string,
    prefix: string,
    params: Record<string, string>,
    now: number,
    entry: MockRequestLogEntry,
  ): Record<string, unknown> {
    const app = verifySignedRequest(endpoint, prefix, params, this.deps.apps, now);
    this.deps.qps.admit(app.appKey, api);

    if (SYSTEM_APIS.has(api)) {
      const body = this.deps.oauth.tokenCall(api, app, params, now);
      entry.verdict = 'ok';
      return body;
    }

    if (Object.hasOwn(APP_HANDLERS, api)) {
      // app-level (affiliate) methods: no buyer; their handlers refuse a session
      const ctx = {
        params,
        appKey: app.appKey,
        now,
        baseUrl: this.deps.baseUrl(),
        trackingIds: this.deps.trackingIds,
      };
      const result = APP_HANDLERS[api](ctx);
      entry.verdict = businessVerdict(result);
      return { [responseKey(api)]: { ...result, request_id: requestId(now) } };
    }
    const buyer = this.deps.oauth.authenticate(app.appKey, params, now);
    const result = BUSINESS_HANDLERS[api]({
      params,
      appKey: app.appKey,
      buyer,
      now,
      orders: this.deps.orders.orders,
      orderControls: this.deps.orders.controls,
      nextOrderId: () => this.deps.orders.nextOrderId(),
      baseUrl: this.deps.baseUrl(),
    });
    entry.verdict = businessVerdict(result);
    const answer = { ...result, request_id: requestId(now) };
    // where the reference pages disagree on the wrapper, the mock answers as the captured sample
    const wrapper = CAPTURED_WRAPPERS[api];
    if (wrapper === null) return answer;
    return { [wrapper ?? responseKey(api)]: answer };
  }
}
