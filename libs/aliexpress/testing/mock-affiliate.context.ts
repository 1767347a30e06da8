import { TRACKING_ID } from '../src/config/aliexpress-options.schema.js';
import { MockGatewayError, missingParameter } from './mock-envelopes.js';

/* What the mock's affiliate handlers share: an app-level call's context and its checks. */

/** What an affiliate handler sees: the app's call, no buyer (affiliate APIs take no session). */
export interface AppCallContext {
  params: Record<string, string>;
  appKey: string;
  now: number;
  /** The mock's base URL (images are served by the mock). */
  baseUrl: string;
  /** The tracking ids the affiliate account knows; undefined: every well-formed one. */
  trackingIds?: readonly string[];
}

/** An affiliate method: returns the content of `<method>_response` (without `request_id`). */
export type AppCallHandler = (ctx: AppCallContext) => Record<string, unknown>;

/** The documented success of the affiliate answers: `resp_result` with `resp_code` 200. */
export const respSuccess = (result: Record<string, unknown>) => ({
  resp_result: { resp_code: 200, resp_msg: 'Call succeeds', result },
});

/** An affiliate failure in `resp_result.resp_code` / `resp_msg` (the field these APIs document). */
export const respFailure = (code: number, message: string) => ({
  resp_result: { resp_code: code, resp_msg: message },
});

/** The message of a malformed or unknown tracking id (the pages document none; the mock's wording). */
export const INVALID_TRACKING_ID = 'Invalid tracking id';
/** The message of an empty answer, as sku.detail.get documents it (code 405). */
export const NO_QUERY_RESULTS = 'No query results were found for the input parameter';

/** A required parameter's text, or the gateway's MissingParameter error. */
export function requiredParam(ctx: AppCallContext, name: string): string {
  const value = ctx.params[name];
  if (value === undefined || value === '') throw missingParameter(name);
  return value;
}

/**
 * The strict mock's rule for app-level calls: the affiliate APIs are signed by the app alone, so a
 * `session` (or `access_token`) means the client mixed up its calls; it is refused, so a test
 * catches a client that leaks an account's token into them.
 */
export function refuseSession(params: Record<string, string>): void {
  for (const name of ['session', 'access_token']) {
    if (params[name] !== undefined)
      throw new MockGatewayError({
        code: 'InvalidParameter',
        message: `\u201c${name}\u201d is not expected: aliexpress.affiliate.* methods are called with the app's credentials only`,
        subCode: 'isv.session-not-expected',
        subMessage: 'app-level call carries an account token',
      });
  }
}

/**
 * The tracking id of a call, checked: undefined when absent (and not required), a failure body
 * when malformed (not 1 to 64 letters, digits, `_`, `-`, `.`) or, when the mock was given its
 * `trackingIds`, not one of them.
 */
export function trackingIdOf(
  ctx: AppCallContext,
  required: boolean,
): { trackingId?: string; failure?: Record<string, unknown> } {
  const trackingId = ctx.params.tracking_id;
  if (trackingId === undefined || trackingId === '') {
    if (required) throw missingParameter('tracking_id');
    return {};
  }
  if (!TRACKING_ID.test(trackingId) || (ctx.trackingIds && !ctx.trackingIds.includes(trackingId)))
    return { failure: respFailure(402, INVALID_TRACKING_ID) };
  return { trackingId };
}

/** A comma-separated list parameter's items (blanks dropped). */
export const listParam = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

/** A whole number parameter, or the default when absent; InvalidParameter when not one. */
export function intParam(ctx: AppCallContext, name: string, fallback: number): number {
  const raw = ctx.params[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new MockGatewayError({
      code: 'InvalidParameter',
      message: `The input parameter \u201c${name}\u201d is not a whole number`,
    });
  return n;
}
