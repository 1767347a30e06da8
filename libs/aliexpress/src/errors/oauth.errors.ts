import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { AliexpressError } from './aliexpress.error.js';

/** Why a callback's `state` was refused. */
export type OAuthStateFailure =
  | 'state_missing'
  | 'state_invalid'
  | 'state_expired'
  | 'cookie_missing'
  | 'cookie_mismatch'
  | 'state_replayed';

/** What {@link OAuthStateError} is built from. */
export interface OAuthStateErrorParams {
  reason: OAuthStateFailure;
  message: string;
}

/** A callback's `state` failed one of the checks; `reason` says which. */
export class OAuthStateError extends AliexpressError {
  readonly reason: OAuthStateFailure;

  constructor(params: OAuthStateErrorParams) {
    super({ message: params.message });
    this.reason = params.reason;
  }
}

/** What {@link OAuthFlowException} is built from. */
export interface OAuthFlowExceptionParams {
  /** A stable, machine-readable reason: `state_expired`, `code_refused`, … */
  reason: string;
  /** A readable explanation (never a token or code). */
  message: string;
  /** The HTTP status answered; default 400. */
  status?: number;
  /** The gateway's error code, when the gateway refused the exchange. */
  gatewayCode?: string;
  /**
   * What to do about it, when this side can fix it (e.g. check `appSecret`): appended to the
   * message and written to the log line of the refusal. Never a secret.
   */
  hint?: string;
}

/**
 * A refused callback or authorize request: HTTP status, a stable `reason` and a readable message.
 * An `HttpException` (not an `AliexpressError`) so Nest answers it as is.
 */
export class OAuthFlowException extends HttpException {
  readonly reason: string;
  /** What to do about it, when this side can fix it; also in the message. */
  readonly hint?: string;

  constructor(params: OAuthFlowExceptionParams) {
    const { reason, message, status = 400, gatewayCode, hint } = params;
    super(
      {
        statusCode: status,
        error: STATUS_CODES[status] ?? 'Error',
        reason,
        message: hint ? `${message}: ${hint}` : message,
        ...(gatewayCode ? { gatewayCode } : {}),
      },
      status,
    );
    this.reason = reason;
    this.hint = hint;
  }
}
