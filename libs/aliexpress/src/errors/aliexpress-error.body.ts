import { STATUS_CODES } from 'node:http';
import { AliexpressError } from './aliexpress.error.js';
import { AliexpressArgumentError, AliexpressValidationError } from './argument.errors.js';
import {
  AliexpressApiError,
  AliexpressBusinessError,
  AliexpressTransportError,
} from './gateway.errors.js';
import { OAuthStateError } from './oauth.errors.js';
import { AmbiguousOrderStateError, OrderAlreadyPlacedError } from './order.errors.js';
import {
  AccountNotConnectedError,
  ReauthorizationRequiredError,
  TokenStoreError,
} from './token.errors.js';

/**
 * The one JSON error shape {@link AliexpressExceptionFilter} answers (and the demo answers for
 * every error): `{ statusCode, error, reason, message, code?, fields? }`.
 */
export interface AliexpressErrorBody {
  statusCode: number;
  /** The HTTP status text, e.g. `Bad Request`. */
  error: string;
  /** A stable, machine-readable reason, e.g. `invalid_input`, `account_not_connected`. */
  reason: string;
  /** One human-readable sentence, never a secret (no token, code, signature or parameter value). */
  message: string;
  /** The platform or library code, when there is one (`ITEM_ID_NOT_FOUND`, `timeout`…). */
  code?: string;
  /** The fields at fault, for `invalid_input` from a validation error. */
  fields?: string[];
}

/** Business codes that mean "no such thing": answered 404 rather than 422. */
const NOT_FOUND_CODES = new Set(['ITEM_ID_NOT_FOUND', 'ORDER_NOT_FOUND', 'SKU_NOT_EXIST']);

/** Transport failures where an answer came but could not be used. */
const UNREADABLE = new Set(['invalid-body', 'unexpected-shape', 'response-too-large']);

/** Builds an {@link AliexpressErrorBody}: the status text is derived from the status. */
export function errorBody(
  statusCode: number,
  reason: string,
  message: string,
  extra: Pick<AliexpressErrorBody, 'code' | 'fields'> = {},
): AliexpressErrorBody {
  return {
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    reason,
    message,
    ...(extra.code !== undefined ? { code: extra.code } : {}),
    ...(extra.fields !== undefined ? { fields: [...extra.fields] } : {}),
  };
}

/**
 * The HTTP answer for a library error (the mapping table of docs/error-responses.md): 400 for bad
 * input, 404 for an unknown account or thing, 409 for a state the caller must resolve first, 422
 * for a business refusal, 502 for a gateway refusal or unusable answer, 503 when the token store
 * is down, 504 for a timeout or an order whose outcome is unknown, 500 for the server's own
 * faults. Messages come from fields the library controls; the gateway's free text, signature
 * diagnoses and store details are left out.
 */
export function aliexpressErrorBody(error: AliexpressError): AliexpressErrorBody {
  if (error instanceof AliexpressValidationError) {
    return errorBody(400, 'invalid_input', error.message, { fields: error.fields });
  }
  if (error instanceof AliexpressArgumentError) {
    return errorBody(400, 'invalid_input', error.message);
  }
  if (error instanceof OAuthStateError) {
    return errorBody(400, 'invalid_state', error.message, { code: error.reason });
  }
  if (error instanceof AccountNotConnectedError) {
    return errorBody(404, 'account_not_connected', `account ${error.accountId} is not connected`);
  }
  if (error instanceof ReauthorizationRequiredError) {
    return errorBody(
      409,
      'reauthorization_required',
      `account ${error.accountId} must be authorized again: connect it again`,
    );
  }
  if (error instanceof OrderAlreadyPlacedError) {
    return errorBody(409, 'order_already_placed', error.message, { code: error.code });
  }
  if (error instanceof AliexpressBusinessError) {
    return errorBody(NOT_FOUND_CODES.has(error.code) ? 404 : 422, 'business_error', error.message, {
      code: error.code,
    });
  }
  if (error instanceof AmbiguousOrderStateError) {
    return errorBody(504, 'order_state_unknown', error.message, { code: error.outOrderId });
  }
  if (error instanceof AliexpressApiError) {
    const sub = error.subCode ? ` (${error.subCode})` : '';
    return errorBody(
      502,
      'gateway_error',
      `${error.apiName}: the gateway refused the call with ${error.code}${sub}`,
      { code: error.code },
    );
  }
  if (error instanceof AliexpressTransportError) {
    if (error.kind === 'timeout') {
      return errorBody(504, 'gateway_timeout', error.message, { code: error.kind });
    }
    const reason = UNREADABLE.has(error.kind) ? 'invalid_response' : 'gateway_unreachable';
    return errorBody(502, reason, error.message, { code: error.kind });
  }
  if (error instanceof TokenStoreError) {
    return errorBody(503, 'token_store_unavailable', 'the token store is unavailable; try again');
  }
  // TokenEncryptionError, AliexpressConfigurationError, anything new: the server's own fault
  return errorBody(500, 'internal_error', 'unexpected error');
}
