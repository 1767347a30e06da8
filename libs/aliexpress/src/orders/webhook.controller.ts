import {
  BadRequestException,
  Controller,
  HttpCode,
  HttpStatus,
  Inject,
  InternalServerErrorException,
  Logger,
  PayloadTooLargeException,
  Post,
  Req,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { ALIEXPRESS_OPTIONS } from '../aliexpress.constants.js';
import type { ResolvedAliexpressOptions } from '../config/aliexpress-options.interface.js';
import { errorBody } from '../errors/aliexpress-error.body.js';
import { OrderEventsService } from './order-events.service.js';
import { readOrderPush } from './order-push.js';
import { verifyWebhookSignature } from './webhook.signature.js';
import { capturedBody, webhookBodyTooLarge } from './webhook-raw-body.capture.js';

/** The request as the route reads it, on Express or Fastify. */
interface WebhookRequest {
  headers: Record<string, string | string[] | undefined>;
  rawBody?: Buffer;
}

/** What the webhook answers a push it accepted (the platform only needs the 200). */
export interface WebhookAcknowledgement {
  /** `stored`: kept for processing; `duplicate`: already had it; `ignored`: another message type. */
  result: 'stored' | 'duplicate' | 'ignored';
}

/**
 * `POST <webhookPath>` (default `/aliexpress/webhook`): receives the platform's order-status
 * pushes. In this order: the raw body (413 past `webhookMaxBodyBytes`), the `Authorization`
 * signature checked in constant time (401, nothing stored), a lossless parse (400), then the push
 * is stored in the inbox and only then acknowledged with 200; processing happens after. A signed
 * push of another `message_type` is acknowledged, logged and ignored. Refusals answer the
 * library's one error shape, `{ statusCode, error, reason, message }`.
 */
@Controller()
export class WebhookController {
  private readonly logger = new Logger('AliexpressWebhook');

  constructor(
    private readonly events: OrderEventsService,
    @Inject(ALIEXPRESS_OPTIONS) private readonly options: ResolvedAliexpressOptions,
  ) {}

  /** Verifies, stores and acknowledges one push. */
  @Post()
  @HttpCode(HttpStatus.OK)
  async receive(@Req() req: WebhookRequest): Promise<WebhookAcknowledgement> {
    const raw = this.rawBody(req);
    const header = req.headers.authorization;
    const signature = Array.isArray(header) ? undefined : header;
    if (!signature) throw this.refuse('signature_missing', 'the Authorization header is missing');
    if (!verifyWebhookSignature(this.options.appKey, this.options.appSecret, raw, signature))
      throw this.refuse('signature_invalid', 'the Authorization signature does not match the body');
    const reading = readOrderPush(raw, this.options.webhookMessageTypes);
    if (reading.kind === 'invalid') {
      this.logger.warn(`push refused: ${reading.problem}`);
      throw new BadRequestException(errorBody(400, 'body_invalid', reading.problem));
    }
    if (reading.kind === 'other-type') {
      this.logger.log(`push of message_type ${reading.messageType} ignored`);
      this.events.countIgnored();
      return { result: 'ignored' };
    }
    let stored: boolean;
    try {
      stored = await this.events.acceptPush(reading.push);
    } catch (error) {
      // not acknowledged: the platform sends it again
      this.logger.error(
        `push for order ${reading.push.orderId} not stored: ${(error as Error)?.message}`,
      );
      throw new ServiceUnavailableException(
        errorBody(503, 'inbox_unavailable', 'the push could not be stored; send it again'),
      );
    }
    return { result: stored ? 'stored' : 'duplicate' };
  }

  private rawBody(req: WebhookRequest): Buffer {
    const captured = capturedBody(req);
    if (captured && 'tooLarge' in captured) throw this.tooLarge();
    const raw = captured?.bytes ?? (Buffer.isBuffer(req.rawBody) ? req.rawBody : undefined);
    if (!raw) {
      this.logger.error(
        'the webhook body was parsed before it could be read raw: create the app with { rawBody: true }',
      );
      throw new InternalServerErrorException(
        errorBody(
          500,
          'raw_body_unavailable',
          'the webhook could not read the raw body of the push; see the server log',
        ),
      );
    }
    if (raw.length > this.options.webhookMaxBodyBytes) throw this.tooLarge();
    return raw;
  }

  private refuse(reason: string, message: string): UnauthorizedException {
    this.logger.warn(`push refused: ${reason}`);
    return new UnauthorizedException(errorBody(401, reason, message));
  }

  private tooLarge(): PayloadTooLargeException {
    return webhookBodyTooLarge(this.options.webhookMaxBodyBytes);
  }
}
