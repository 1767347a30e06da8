import { Catch, Logger, Optional, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { aliexpressErrorBody, type AliexpressErrorBody } from './aliexpress-error.body.js';
import { AliexpressError } from './aliexpress.error.js';

/** The reply methods of an Express response or a Fastify reply, as far as they are used here. */
interface ReplyLike {
  headersSent?: boolean;
  sent?: boolean;
  status?: (code: number) => ReplyLike;
  json?: (body: unknown) => unknown;
  code?: (code: number) => ReplyLike;
  send?: (body: unknown) => unknown;
  header?: (name: string, value: string) => unknown;
}

/**
 * Answers every library error ({@link AliexpressError}) thrown by an HTTP route with one JSON
 * shape, `{ statusCode, error, reason, message, code?, fields? }`, and the status of the mapping
 * table (docs/error-responses.md): 400 bad input, 404 unknown account, 409 re-authorization
 * required or order already placed, 422 business refusal, 502 gateway refusal or unusable answer,
 * 503 token store down, 504 timeout or order outcome unknown, 500 otherwise. Never a secret in
 * the body. Works on Express and Fastify: through the `HttpAdapterHost` when Nest injects it
 * (`{ provide: APP_FILTER, useClass: AliexpressExceptionFilter }`, `@UseFilters(AliexpressExceptionFilter)`),
 * else on the response object itself (`app.useGlobalFilters(new AliexpressExceptionFilter())`).
 * HTTP only: in another context (RPC, WebSocket) the error is thrown on.
 */
@Catch(AliexpressError)
export class AliexpressExceptionFilter implements ExceptionFilter<AliexpressError> {
  private readonly logger = new Logger('AliexpressExceptionFilter');

  constructor(@Optional() private readonly adapterHost?: HttpAdapterHost) {}

  catch(error: AliexpressError, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const body = aliexpressErrorBody(error);
    if (body.statusCode >= 500) {
      this.logger.warn(`${body.statusCode} ${body.reason}: ${error.name}: ${error.message}`);
    }
    this.reply(host.switchToHttp().getResponse<ReplyLike>(), body);
  }

  private reply(response: ReplyLike, body: AliexpressErrorBody): void {
    const adapter = this.adapterHost?.httpAdapter;
    if (adapter) {
      if (!adapter.isHeadersSent(response)) adapter.reply(response, body, body.statusCode);
      return;
    }
    if (response.headersSent || response.sent) return;
    if (typeof response.status === 'function' && typeof response.json === 'function') {
      // Express
      response.status(body.statusCode);
      response.json(body);
    } else if (typeof response.code === 'function' && typeof response.send === 'function') {
      // Fastify
      response.header?.('content-type', 'application/json; charset=utf-8');
      response.code(body.statusCode);
      response.send(body);
    } else {
      throw new TypeError('AliexpressExceptionFilter: the response is neither Express nor Fastify');
    }
  }
}
