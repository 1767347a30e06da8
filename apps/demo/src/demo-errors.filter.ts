import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Response } from 'express';
import { AliexpressError, AliexpressExceptionFilter } from 'nestjs-aliexpress';
import { demoErrorBody, type DemoErrorBody } from './demo-error.body.js';

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
 * Turns every error the demo answers into one JSON shape,
 * `{ statusCode, error, reason, message, code?, fields? }`: the library's errors through the
 * library's own {@link AliexpressExceptionFilter} (its documented mapping), Nest's HTTP
 * exceptions (404, body-parser failures…) and anything else here, in the same shape.
 */
@Catch()
export class DemoErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('DemoErrors');
  private readonly library = new AliexpressExceptionFilter();

  catch(error: unknown, host: ArgumentsHost): void {
    if (error instanceof AliexpressError) return this.library.catch(error, host);
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
}
