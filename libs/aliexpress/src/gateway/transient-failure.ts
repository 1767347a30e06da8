import {
  AliexpressApiError,
  AliexpressRateLimitError,
  AliexpressTransportError,
} from '../errors/aliexpress.errors';

/**
 * True for failures worth retrying: timeouts, connection failures, 5xx and non-JSON bodies,
 * backend (`ISP`, `isp.*`, `SYSTEM`) errors and `ApiCallLimit`. Signature, validation, token and
 * business errors are not: they fail the same way every time. Nor is well-formed JSON of an
 * unexpected shape (`unexpected-shape`): the gateway answered, and would answer the same again.
 */
export function isTransientFailure(error: unknown): boolean {
  if (error instanceof AliexpressTransportError) {
    if (error.kind === 'unexpected-shape') return false;
    return (
      error.kind !== 'http-status' ||
      error.status === undefined ||
      error.status >= 500 ||
      error.status === 429 ||
      error.status === 408
    );
  }
  if (error instanceof AliexpressRateLimitError) return true;
  if (error instanceof AliexpressApiError) {
    return (
      error.type === 'ISP' || error.type === 'SYSTEM' || (error.subCode ?? '').startsWith('isp.')
    );
  }
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
