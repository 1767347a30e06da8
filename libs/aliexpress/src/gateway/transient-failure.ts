import {
  AliexpressApiError,
  AliexpressRateLimitError,
  AliexpressTransportError,
} from '../errors/aliexpress.errors.js';

/**
 * Sub-codes the platform documents as passing (trade.ds.order.get: `isp.service-unavailable`, "a
 * timeout; retry"), the same family under other names (`isp.timeout`, `isp.remote-service-timeout`,
 * `isp.…-busy`), and `InternalError` (a platform-side failure with no advice: a read repeated a
 * bounded number of times cannot hurt).
 */
const TRANSIENT_SUB_CODE = /^(isp\.([a-z-]*-)?(unavailable|timeout|timed-out|busy)|InternalError)$/;

/** Gateway codes that mean "the platform could not answer now", whoever the envelope blames. */
const TRANSIENT_CODES = new Set(['15', 'ServiceUnavailable', 'InternalError']);

/**
 * Whether a gateway error is worth repeating. The sub-code decides when there is one: `isv.*`
 * (insufficient permission, invalid authorization, bad parameters) fails the same way every time
 * even under `type: "ISP"` (the documented `error_response` is exactly that), and only the
 * transient sub-codes above are retried. Without a sub-code, a backend (`ISP`, `SYSTEM`) error or
 * code 15 ("Remote service error") is.
 */
function transientApiError(error: AliexpressApiError): boolean {
  const sub = error.subCode?.trim();
  if (sub) return TRANSIENT_SUB_CODE.test(sub);
  return error.type === 'ISP' || error.type === 'SYSTEM' || TRANSIENT_CODES.has(error.code);
}

/**
 * True for failures worth retrying: timeouts, connection failures, 5xx and non-JSON bodies,
 * `ApiCallLimit`, and gateway errors whose sub-code says the platform could not answer now
 * (`isp.service-unavailable`, `isp.timeout`, …; see {@link transientApiError}). Permission,
 * authorization and parameter errors (`isv.*`), signature, token and business errors are not: they
 * fail the same way every time. Nor is well-formed JSON of an unexpected shape (`unexpected-shape`):
 * the gateway answered, and would answer the same again; nor an answer past the size cap
 * (`response-too-large`): a second download would be as large.
 */
export function isTransientFailure(error: unknown): boolean {
  if (error instanceof AliexpressTransportError) {
    if (error.kind === 'unexpected-shape' || error.kind === 'response-too-large') return false;
    return (
      error.kind !== 'http-status' ||
      error.status === undefined ||
      error.status >= 500 ||
      error.status === 429 ||
      error.status === 408
    );
  }
  if (error instanceof AliexpressRateLimitError) return true;
  if (error instanceof AliexpressApiError) return transientApiError(error);
  return false;
}

/**
 * True when the request certainly was not processed: it never left (connection refused) or the
 * gateway refused it before any backend saw it (`ApiCallLimit`). Only these may re-send an order.
 */
export function certainlyNotProcessed(error: unknown): boolean {
  if (error instanceof AliexpressTransportError) return !error.mayHaveReachedGateway;
  return error instanceof AliexpressRateLimitError;
}
