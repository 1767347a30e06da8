import type { SignatureDiagnosis } from '../signing/signature-diagnosis.js';
import { AliexpressError } from './aliexpress.error.js';
import { businessErrorMessage } from './business-error.message.js';

/** Who the gateway blames: the caller (`ISV`), a backend service (`ISP`) or the platform (`SYSTEM`). */
export type AliexpressErrorType = 'ISV' | 'ISP' | 'SYSTEM' | (string & {});

/** What the gateway said about a refused call, as read from either envelope shape. */
export interface AliexpressApiErrorDetails {
  type?: AliexpressErrorType;
  code: string;
  message: string;
  subCode?: string;
  subMessage?: string;
  requestId?: string;
  apiName: string;
  /** Only from the mock gateway: why the signature did not match, secrets masked. */
  diagnosis?: SignatureDiagnosis;
}

/** The gateway refused the call (an `error_response`, or a flat body whose `code` is not "0"). */
export class AliexpressApiError extends AliexpressError {
  readonly type?: AliexpressErrorType;
  readonly code: string;
  readonly subCode?: string;
  readonly subMessage?: string;
  readonly requestId?: string;
  readonly apiName: string;
  readonly diagnosis?: SignatureDiagnosis;

  constructor(details: AliexpressApiErrorDetails) {
    const sub = details.subCode
      ? ` [${details.subCode}${details.subMessage ? `: ${details.subMessage}` : ''}]`
      : '';
    super({ message: `${details.apiName}: ${details.code} - ${details.message}${sub}` });
    this.type = details.type;
    this.code = details.code;
    this.subCode = details.subCode;
    this.subMessage = details.subMessage;
    this.requestId = details.requestId;
    this.apiName = details.apiName;
    this.diagnosis = details.diagnosis;
  }
}

/** `IncompleteSignature`: the sign did not match. `diagnosis` explains why when the mock answered. */
export class AliexpressSignatureError extends AliexpressApiError {
  constructor(details: AliexpressApiErrorDetails) {
    super(details);
    if (details.diagnosis?.mistakes.length) {
      const names = details.diagnosis.mistakes.map((m) => `${m.title} (fix: ${m.fix})`).join('; ');
      this.message += ` | diagnosis: ${names}`;
    }
  }
}

/** `IllegalTimestamp`: the timestamp is malformed (seconds, no zone) or more than 7200 s off. */
export class AliexpressTimestampError extends AliexpressApiError {}

/** `IllegalAccessToken`: the access token is unknown or expired. */
export class AliexpressAccessTokenError extends AliexpressApiError {}

/** `IllegalRefreshToken` or `InvalidCode`: the grant used to obtain tokens is dead. */
export class AliexpressGrantError extends AliexpressApiError {}

/** `ApiCallLimit`: throttled; `retryAfterMs` is the ban the message announces, when it says one. */
export class AliexpressRateLimitError extends AliexpressApiError {
  readonly retryAfterMs?: number;

  constructor(details: AliexpressApiErrorDetails) {
    super(details);
    const seconds = /last\s+(\d+)\s*second/i.exec(details.message)?.[1];
    this.retryAfterMs = seconds === undefined ? undefined : Number(seconds) * 1000;
  }
}

/** Builds the most specific {@link AliexpressApiError} subclass for a gateway error code. */
export function createApiError(details: AliexpressApiErrorDetails): AliexpressApiError {
  switch (details.code) {
    case 'IncompleteSignature':
      return new AliexpressSignatureError(details);
    case 'IllegalTimestamp':
      return new AliexpressTimestampError(details);
    case 'IllegalAccessToken':
      return new AliexpressAccessTokenError(details);
    case 'IllegalRefreshToken':
    case 'InvalidCode':
      return new AliexpressGrantError(details);
    case 'ApiCallLimit':
      return new AliexpressRateLimitError(details);
    default:
      return new AliexpressApiError(details);
  }
}

/**
 * How a call failed below the gateway's envelope:
 * - `timeout`, `connection`: no answer (retried on reads);
 * - `http-status`: an HTTP error status (5xx, 408, 429 retried on reads);
 * - `invalid-body`: a body that is not JSON at all, as a proxy or an overloaded gateway sends
 *   (retried on reads: the next answer is likely fine);
 * - `unexpected-shape`: well-formed JSON without the expected envelope or fields (never retried:
 *   the gateway answered, and would answer the same way again);
 * - `response-too-large`: an answer past `maxResponseBytes`, not read further (never retried: a
 *   second download would be as large).
 */
export type TransportFailureKind =
  | 'timeout'
  | 'connection'
  | 'http-status'
  | 'invalid-body'
  | 'unexpected-shape'
  | 'response-too-large';

/** What {@link AliexpressTransportError} is built from. */
export interface AliexpressTransportErrorParams {
  kind: TransportFailureKind;
  /** The API name or system path that was called. */
  apiName: string;
  /** What went wrong, without any parameter value. */
  message: string;
  /** The HTTP status, when a response arrived. */
  status?: number;
  /** False only when the request certainly never reached the gateway; default true. */
  mayHaveReachedGateway?: boolean;
}

/**
 * The call got no usable gateway answer: timeout, connection failure, an HTTP error status, a
 * non-JSON body, JSON of an unexpected shape, or an answer too large to read (`kind` says which).
 */
export class AliexpressTransportError extends AliexpressError {
  readonly kind: TransportFailureKind;
  readonly apiName: string;
  /** The HTTP status, when a response arrived. */
  readonly status?: number;
  /** False only when the request certainly never reached the gateway (e.g. connection refused). */
  readonly mayHaveReachedGateway: boolean;

  constructor(params: AliexpressTransportErrorParams) {
    super({ message: `${params.apiName}: ${params.message}` });
    this.kind = params.kind;
    this.apiName = params.apiName;
    this.status = params.status;
    this.mayHaveReachedGateway = params.mayHaveReachedGateway ?? true;
  }
}

/** What {@link AliexpressBusinessError} is built from. */
export interface AliexpressBusinessErrorParams {
  apiName: string;
  /** The business code, e.g. `ITEM_ID_NOT_FOUND`. */
  code: string;
  /** The platform's explanation, when it differs from the code. */
  detail?: string;
  requestId?: string;
  /**
   * The code field exactly as the platform sent it (`rsp_code`, `result.code`, `error_code`,
   * `resp_code`…), e.g. `"505"` when `code` is `DELIVERY_NOT_AVAILABLE_TO_YOUR_ADDRESS`.
   */
  platformCode?: string;
}

/**
 * The gateway accepted the call but the business answer is a failure (`ITEM_ID_NOT_FOUND`, …).
 * Its message is a sentence (`AliExpress refused <api>: <why> (<code>, code <platformCode>).`);
 * match on `code` and `platformCode`, which are unchanged, never on the message.
 * `code` is the platform's symbolic reason when it gives one (the upper-case message next to a
 * numeric code: 505 + `DELIVERY_NOT_AVAILABLE_TO_YOUR_ADDRESS` gives that name); `platformCode`
 * keeps the code field as sent, so both can be matched.
 */
export class AliexpressBusinessError extends AliexpressError {
  readonly apiName: string;
  /** The business code, e.g. `ITEM_ID_NOT_FOUND` or `REPEATED_ORDER_ERROR`. */
  readonly code: string;
  /** The code field as the platform sent it (e.g. `"505"`, `"1001"`), when it sent one. */
  readonly platformCode?: string;
  /** The platform's own message, when it says more than `code` (e.g. `"Please enter a city"`). */
  readonly detail?: string;
  readonly requestId?: string;

  constructor(params: AliexpressBusinessErrorParams) {
    const { apiName, code, detail, platformCode } = params;
    super({ message: businessErrorMessage({ apiName, code, platformCode, detail }) });
    this.apiName = apiName;
    this.code = code;
    this.platformCode = platformCode;
    this.detail = detail && detail !== code ? detail : undefined;
    this.requestId = params.requestId;
  }
}
