import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
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

const NOT_FOUND_CODES = new Set(['ITEM_ID_NOT_FOUND', 'ORDER_NOT_FOUND', 'SKU_NOT_EXIST']);

/** Turns the library's typed errors into the demo API's JSON answers: `{ statusCode, reason, message, code? }`. */
@Catch(AliexpressError)
export class DemoErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('DemoErrors');

  catch(error: AliexpressError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const [status, body] = this.describe(error);
    if (status >= 500) this.logger.warn(`${status} ${body.reason}: ${error.message}`);
    res.status(status).json({ statusCode: status, ...body });
  }

  private describe(
    error: AliexpressError,
  ): [number, { reason: string; message: string; code?: string; fields?: string[] }] {
    if (error instanceof AliexpressValidationError) {
      return [400, { reason: 'invalid_input', message: error.message, fields: error.fields }];
    }
    if (error instanceof AliexpressArgumentError)
      return [400, { reason: 'invalid_input', message: error.message }];
    if (error instanceof AccountNotConnectedError) {
      return [
        404,
        { reason: 'account_not_connected', message: `account ${error.accountId} is not connected` },
      ];
    }
    if (error instanceof ReauthorizationRequiredError) {
      return [
        409,
        {
          reason: 'reauthorization_required',
          message: 'the connection expired: connect the account again',
        },
      ];
    }
    if (error instanceof AmbiguousOrderStateError) {
      return [
        504,
        { reason: 'order_state_unknown', message: error.message, code: error.outOrderId },
      ];
    }
    if (error instanceof AliexpressBusinessError) {
      return [
        NOT_FOUND_CODES.has(error.code) ? 404 : 422,
        { reason: 'business_error', message: error.message, code: error.code },
      ];
    }
    if (error instanceof AliexpressApiError)
      return [502, { reason: 'gateway_error', message: error.message, code: error.code }];
    if (error instanceof AliexpressTransportError) {
      return [502, { reason: 'gateway_unreachable', message: error.message, code: error.kind }];
    }
    return [500, { reason: 'internal_error', message: 'unexpected error' }];
  }
}
