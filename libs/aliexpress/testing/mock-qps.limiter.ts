import { DEFAULT_METHOD_QPS } from '../src/pacing/method-qps.limits.js';
import { MockGatewayError } from './mock-envelopes.js';
import { MockGatewayConfigError } from './mock-gateway.errors.js';

/** The platform's rate-limit refusal, as the product.get page quotes it. */
const RATE_LIMIT_MESSAGE = 'Api access frequency exceeds the limit. this ban will last 1 seconds';
/**
 * Arrivals are counted over the last 900 ms rather than a full second (app and method limits): a
 * client pacing at exactly the limit sees its calls land closer together or further apart than it
 * sent them on a loaded machine. A burst past the limit is still refused.
 */
const QPS_WINDOW_MS = 900;

/** Sets a limit in calls per second (a positive whole number), or lifts it with `undefined`. */
function setLimit(limits: Map<string, number>, key: string, limit: number | undefined): void {
  if (limit === undefined || limit === null) {
    limits.delete(key);
    return;
  }
  if (!Number.isInteger(limit) || limit < 1)
    throw new MockGatewayConfigError('the QPS limit must be a positive whole number');
  limits.set(key, limit);
}

/**
 * The mock's QPS limits: one per app (set by tests) and one per API for every app (the platform's
 * documented table by default, see `methodQpsLimits`). A call past either is `ApiCallLimit`.
 */
export class MockQpsLimiter {
  private readonly appLimits = new Map<string, number>();
  private readonly methodLimits = new Map<string, number>();
  private readonly callTimes = new Map<string, number[]>();

  /** `methodQpsLimits` as the options give it; a bad limit is a {@link MockGatewayConfigError}. */
  constructor(private readonly configured: Record<string, number> | false | undefined) {
    this.resetMethodLimits();
  }

  /** An app's limit in calls per second; `undefined` lifts it. */
  setAppLimit(appKey: string, limit: number | undefined): void {
    setLimit(this.appLimits, appKey, limit);
  }

  /** One API's limit for every app, in calls per second; `undefined` lifts it. */
  setMethodLimit(method: string, limit: number | undefined): void {
    if (typeof method !== 'string' || method === '')
      throw new MockGatewayConfigError('the method must be an API name');
    setLimit(this.methodLimits, method, limit);
  }

  /** Counts a call of `api` by `appKey`, or refuses it with `ApiCallLimit` (app limit first). */
  admit(appKey: string, api: string): void {
    this.count(appKey, this.appLimits.get(appKey));
    this.count(`${appKey} ${api}`, this.methodLimits.get(api));
  }

  /** No app limits and no calls counted; the per-API limits back to the options. */
  reset(): void {
    this.appLimits.clear();
    this.resetMethodLimits();
    this.callTimes.clear();
  }

  private count(key: string, limit: number | undefined): void {
    if (limit === undefined) return;
    const now = Date.now();
    const times = (this.callTimes.get(key) ?? []).filter((t) => now - t < QPS_WINDOW_MS);
    this.callTimes.set(key, times);
    if (times.length >= limit)
      throw new MockGatewayError({ code: 'ApiCallLimit', message: RATE_LIMIT_MESSAGE });
    times.push(now);
  }

  /** Back to the per-method limits of the options (the documented table by default). */
  private resetMethodLimits(): void {
    this.methodLimits.clear();
    const given = this.configured;
    if (given === false) return;
    for (const [method, limit] of Object.entries({ ...DEFAULT_METHOD_QPS, ...given })) {
      if (!Number.isInteger(limit) || limit < 1)
        throw new MockGatewayConfigError(
          `methodQpsLimits["${method}"] must be a positive whole number`,
        );
      this.methodLimits.set(method, limit);
    }
  }
}
