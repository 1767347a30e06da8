import {
  Body,
  Controller,
  Injectable,
  Post,
  Req,
  type INestApplication,
  type LoggerService,
} from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import {
  AliexpressModule,
  DropshippingService,
  MemoryTokenStore,
  OnOrderStatus,
  OrderEventsService,
  OrderSyncService,
  TokenService,
  webhookSignature,
  type AliexpressModuleOptions,
  type CreateOrderInput,
  type OrderStatusEvent,
} from 'nestjs-aliexpress';
import type { MockAliexpressGateway } from 'nestjs-aliexpress/testing';
import request from 'supertest';
import { TEST_APP, mockGatewayOptions } from './gateway-harness.js';
import { ACCOUNT, PHONE_CASE } from './mock-catalogue.js';
import type { Platform } from './oauth-app.js';

/** Records what `@OnOrderStatus()` receives; throws the first `failuresLeft` times. */
@Injectable()
export class OrderRecorder {
  readonly calls: OrderStatusEvent[] = [];
  failuresLeft = 0;
  /** When set, the handler waits on it (a handler that never finishes, for the restart case). */
  hold?: Promise<void>;

  @OnOrderStatus()
  async onStatus(event: OrderStatusEvent): Promise<void> {
    this.calls.push(event);
    if (this.hold) await this.hold;
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw new Error('handler failed on purpose');
    }
  }
}

/** An app route of its own, to show the webhook leaves other routes' body parsing alone. */
@Controller('echo')
export class EchoController {
  @Post()
  echo(@Body() body: unknown, @Req() req: { rawBody?: Buffer }) {
    return { body, rawBody: req.rawBody?.toString('utf8') ?? null };
  }
}

/** How an app of the order-events tests is built. */
export interface OrdersAppVariant {
  platform?: Platform;
  /** NestFactory's `rawBody` setting. */
  rawBody?: boolean;
  style?: 'forRoot' | 'forRootAsync';
  globalPrefix?: string;
  options?: Partial<AliexpressModuleOptions>;
  logger?: LoggerService;
  /** Connect TEST_APP's first buyer (default true). */
  connect?: boolean;
  /** The `webhook` registration extra; default true (the app has no OAuth controller). */
  webhook?: boolean;
}

/** A running app with the webhook, its recorder and services, listening on an ephemeral port. */
export interface OrdersApp {
  app: INestApplication;
  recorder: OrderRecorder;
  events: OrderEventsService;
  sync: OrderSyncService;
  ds: DropshippingService;
  close(): Promise<void>;
}

/** Starts an app with the library pointed at the mock gateway, a recorder and the webhook. */
export async function startOrdersApp(
  gateway: MockAliexpressGateway,
  variant: OrdersAppVariant = {},
): Promise<OrdersApp> {
  const options: AliexpressModuleOptions = {
    ...mockGatewayOptions(gateway),
    tokenStore: new MemoryTokenStore(),
    ...variant.options,
  };
  const module =
    variant.style === 'forRootAsync'
      ? AliexpressModule.forRootAsync({
          useFactory: () => Promise.resolve(options),
          controller: false,
          webhook: variant.webhook ?? true,
        })
      : AliexpressModule.forRoot({
          ...options,
          controller: false,
          webhook: variant.webhook ?? true,
        });
  const builder = Test.createTestingModule({
    imports: [module],
    providers: [OrderRecorder],
    controllers: [EchoController],
  });
  const moduleRef = await builder.compile();
  const appOptions = { logger: variant.logger ?? (false as const), rawBody: variant.rawBody };
  const app =
    variant.platform === 'fastify'
      ? moduleRef.createNestApplication(new FastifyAdapter(), appOptions)
      : moduleRef.createNestApplication(appOptions);
  if (variant.globalPrefix) app.setGlobalPrefix(variant.globalPrefix);
  await app.listen(0, '127.0.0.1');
  if (variant.platform === 'fastify')
    await (app.getHttpAdapter().getInstance() as { ready(): Promise<unknown> }).ready();
  if (variant.connect !== false)
    await app.get(TokenService).exchangeCode(gateway.issueCode(TEST_APP.appKey));
  return {
    app,
    recorder: app.get(OrderRecorder),
    events: app.get(OrderEventsService),
    sync: app.get(OrderSyncService),
    ds: app.get(DropshippingService),
    close: () => app.close(),
  };
}

/** An order the mock accepts, for the connected buyer. */
export const ORDER: CreateOrderInput = {
  address: {
    fullName: 'Ada Lovelace',
    address: '12 Analytical Engine St',
    city: 'Vineland',
    province: 'New Jersey',
    country: 'US',
    zip: '08360',
    mobileNo: '5593600000',
    phoneCountry: '+1',
  },
  items: [{ productId: PHONE_CASE, quantity: 1, skuAttr: '14:350853#Black;5:361386' }],
};

/** Places an order through the app; its platform order id. */
export async function placeOrder(target: OrdersApp): Promise<string> {
  const created = await target.ds.createOrder(ACCOUNT, ORDER);
  return created.orderIds[0];
}

/**
 * A push body as the platform writes it: ids as bare JSON numbers (an order id beyond 2^53 too),
 * `message_type` 53.
 */
export function pushBody(
  orderId: string,
  status: string,
  timestamp = 1_764_000_000,
  extra: { messageType?: number; buyerId?: string } = {},
): string {
  return (
    `{"seller_id":"${ACCOUNT}","message_type":${extra.messageType ?? 53},` +
    `"data":{"buyerId":${extra.buyerId ?? ACCOUNT},"orderId":${orderId},"orderStatus":"${status}"},` +
    `"site":"ae_global","timestamp":${timestamp}}`
  );
}

/** POSTs a body to the app's webhook, signed for TEST_APP unless a signature is given. */
export function sendPush(
  target: OrdersApp,
  body: string | Buffer,
  path = '/aliexpress/webhook',
  signature: string | null = webhookSignature(TEST_APP.appKey, TEST_APP.appSecret, body),
  contentType = 'application/json',
) {
  const req = request(target.app.getHttpServer()).post(path).set('Content-Type', contentType);
  if (signature !== null) req.set('Authorization', signature);
  return req.send(body);
}

/** Waits until `check` holds (polling), failing after `timeoutMs`. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 3000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Waits a little so that anything else that was going to happen would have. */
export const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));
