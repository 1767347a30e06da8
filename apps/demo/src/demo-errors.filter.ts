import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Response } from 'express';
import {
  AccountNotConnectedError,
  AliexpressApiError,
  AliexpressArgumentError,
  AliexpressBusinessError,
  AliexpressError,
  AliexpressTransportError,
  AliexpressValidationError,
  AmbiguousOrderStateError,
  ReauthorizationRequiredError,
} from 'nestjs-aliexpress';
import { demoErrorBody, type DemoErrorBody } from './demo-error.body';

const NOT_FOUND_CODES = new Set(['ITEM_ID_NOT_FOUND', 'ORDER_NOT_FOUND', 'SKU_NOT_EXIST']);

const HTTP_REASONS: Record<number, string> = {
  400: 'invalid_input',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/**
 * Turns every error the demo answers (the library's typed errors, Nest's HTTP exceptions such as
 * 404 and body-parser failures, anything else) into one JSON shape:
 * `{ statusCode, error, reason, message, code?, fields? }`.
 */
@Catch()
export class DemoErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('DemoErrors');

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.describe(error);
    if (body.statusCode >= 500) {
      this.logger.warn(
        `${body.statusCode} ${body.reason}: ${error instanceof Error ? error.message : 'unknown'}`,
      );
    }
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }

  private describe(error: unknown): DemoErrorBody {
    if (error instanceof AliexpressError) return this.describeLibrary(error);
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const response = error.getResponse();
      const raw =
        typeof response === 'object' && response !== null && 'message' in response
          ? response.message
          : error.message;
      const message = Array.isArray(raw) ? raw.map(String).join('; ') : String(raw);
      return demoErrorBody(
        status,
        HTTP_REASONS[status] ?? (status >= 500 ? 'internal_error' : 'http_error'),
        status >= 500 ? 'unexpected error' : message,
      );
    }
    return demoErrorBody(500, 'internal_error', 'unexpected error');
  }

  private describeLibrary(error: AliexpressError): DemoErrorBody {
    if (error instanceof AliexpressValidationError) {
      return demoErrorBody(400, 'invalid_input', error.message, { fields: error.fields });
    }
    if (error instanceof AliexpressArgumentError) {
      return demoErrorBody(400, 'invalid_input', error.message);
    }
    if (error instanceof AccountNotConnectedError) {
      return demoErrorBody(
        404,
        'account_not_connected',
        `account ${error.accountId} is not connected`,
      );
    }
    if (error instanceof ReauthorizationRequiredError) {
      return demoErrorBody(
        409,
        'reauthorization_required',
        'the connection expired: connect the account again',
      );
    }
    if (error instanceof AmbiguousOrderStateError) {
      return demoErrorBody(504, 'order_state_unknown', error.message, { code: error.outOrderId });
    }
    if (error instanceof AliexpressBusinessError) {
      return demoErrorBody(
        NOT_FOUND_CODES.has(error.code) ? 404 : 422,
        'business_error',
        error.message,
        { code: error.code },
      );
    }
    if (error instanceof AliexpressApiError) {
      return demoErrorBody(502, 'gateway_error', error.message, { code: error.code });
    }
    if (error instanceof AliexpressTransportError) {
      return demoErrorBody(502, 'gateway_unreachable', error.message, { code: error.kind });
    }
    return demoErrorBody(500, 'internal_error', 'unexpected error');
  }
}
