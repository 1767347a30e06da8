import type { SignatureDiagnosis } from '../signing/signature-diagnosis';

/** Base class of every error this library raises: `instanceof AliexpressError` catches them all. */
export abstract class AliexpressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A module option is missing or malformed; raised at startup and names the option, never its value. */
export class AliexpressConfigurationError extends AliexpressError {
  constructor(
    /** The option at fault, e.g. `appSecret`. */
    readonly option: string,
    problem: string,
  ) {
    super(`AliexpressModule option "${option}" ${problem}`);
  }
}

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
    super(`${details.apiName}: ${details.code} - ${details.message}${sub}`);
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

/** How a call failed below the gateway's envelope. */
export type TransportFailureKind = 'timeout' | 'connection' | 'http-status' | 'invalid-body';

/** The call got no readable gateway answer: timeout, connection failure, 5xx or a non-JSON body. */
export class AliexpressTransportError extends AliexpressError {
  constructor(
    readonly kind: TransportFailureKind,
    readonly apiName: string,
    message: string,
    /** The HTTP status, when a response arrived. */
    readonly status?: number,
    /** False only when the request certainly never reached the gateway (e.g. connection refused). */
    readonly mayHaveReachedGateway = true,
  ) {
    super(`${apiName}: ${message}`);
  }
}

/** The gateway accepted the call but the business answer is a failure (`ITEM_ID_NOT_FOUND`, …). */
export class AliexpressBusinessError extends AliexpressError {
  constructor(
    readonly apiName: string,
    /** The business code, e.g. `ITEM_ID_NOT_FOUND` or `REPEATED_ORDER_ERROR`. */
    readonly code: string,
    detail?: string,
    readonly requestId?: string,
  ) {
    super(`${apiName}: ${code}${detail && detail !== code ? ` - ${detail}` : ''}`);
  }
}

/** A method was called with an argument it cannot use; names the argument and what is wrong. */
export class AliexpressArgumentError extends AliexpressError {
  constructor(
    /** The argument or field at fault. */
    readonly argument: string,
    problem: string,
  ) {
    super(`${argument} ${problem}`);
  }
}

/** The account's refresh token is dead or expired: the user must authorize the app again. */
export class ReauthorizationRequiredError extends AliexpressError {
  constructor(readonly accountId: string) {
    super(
      `AliExpress account ${accountId} must be authorized again (its refresh token is no longer valid)`,
    );
  }
}

/** No token pair is stored for this account: it was never connected, or was disconnected. */
export class AccountNotConnectedError extends AliexpressError {
  constructor(readonly accountId: string) {
    super(`AliExpress account ${accountId} is not connected`);
  }
}

/** Stored tokens cannot be decrypted: the encryption key differs from the one they were written with. */
export class TokenEncryptionError extends AliexpressError {}

/** The token store failed (down, slow, refused a write); the stored pair is unchanged. */
export class TokenStoreError extends AliexpressError {
  constructor(
    readonly operation: string,
    message: string,
  ) {
    super(`token store ${operation} failed: ${message}`);
  }
}

/** A service input failed validation; `fields` names every field at fault (e.g. `address.city`). */
export class AliexpressValidationError extends AliexpressArgumentError {
  constructor(
    readonly fields: string[],
    readonly problems: string[],
  ) {
    super(fields.join(', '), `invalid: ${problems.join('; ')}`);
  }
}

/**
 * An order request may or may not have reached the platform (timeout, reset, 5xx after sending)
 * and the library could not find out which. It was not re-sent; decide with `outOrderId`.
 */
export class AmbiguousOrderStateError extends AliexpressError {
  constructor(
    readonly accountId: string,
    /** The order's `out_order_id`: the platform refuses a second order with it (`REPEATED_ORDER_ERROR`). */
    readonly outOrderId: string,
    /** How the attempt failed. */
    readonly failure: string,
  ) {
    super(
      `order ${outOrderId} of account ${accountId} may or may not have been placed (${failure}); it was not re-sent. ` +
        "Check the account's orders before placing it again, and re-use the same outOrderId if you do",
    );
  }
}
