// A stranger's app: it knows nestjs-aliexpress only as the installed npm package. The same flow
// runs in every consumer app of `npm run test:consumer`, from its compiled main and from its specs.
import 'reflect-metadata';
import {
  Controller,
  Get,
  Injectable,
  Module,
  Param,
  Query,
  type INestApplication,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  AliexpressModule,
  DropshippingService,
  OnOrderStatus,
  webhookSignature,
  type OrderStatusEvent,
  type Product,
} from 'nestjs-aliexpress';
import { MockAliexpressGateway } from 'nestjs-aliexpress/testing';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';

const appKey = '500102';
const appSecret = 'consumer-secret-41d7';
const PRODUCT = '1005006154258794';

@Controller('products')
class ProductsController {
  constructor(private readonly dropshipping: DropshippingService) {}

  @Get(':id')
  get(@Param('id') id: string, @Query('account') account: string): Promise<Product> {
    return this.dropshipping.getProduct(account, { productId: id, shipToCountry: 'US' });
  }
}

/** What `@OnOrderStatus()` hands the app. */
@Injectable()
export class OrderStatusRecorder {
  readonly events: OrderStatusEvent[] = [];

  @OnOrderStatus()
  record(event: OrderStatusEvent): void {
    this.events.push(event);
  }
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`consumer check failed: ${what}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

async function until(what: string, ready: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`consumer check failed: ${what} within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * `require` and `import` of both entries give the same classes: one copy of the library, whatever
 * the app's module system (no dual-package hazard for injection tokens or `instanceof`).
 */
async function checkOneCopy(): Promise<void> {
  const require = createRequire(join(process.cwd(), 'package.json'));
  const required = require('nestjs-aliexpress') as { AliexpressModule: unknown };
  const requiredTesting = require('nestjs-aliexpress/testing') as {
    MockAliexpressGateway: unknown;
  };
  const imported = await import('nestjs-aliexpress');
  const importedTesting = await import('nestjs-aliexpress/testing');
  check(
    required.AliexpressModule === imported.AliexpressModule &&
      required.AliexpressModule === AliexpressModule &&
      requiredTesting.MockAliexpressGateway === importedTesting.MockAliexpressGateway,
    'require and import load the same copy of nestjs-aliexpress',
  );
}

/** Options of one run of the flow. */
export interface ConsumerFlowOptions {
  /** Also check that `require` and `import` give one copy (Node itself, not a test runner's loader). */
  oneCopy: boolean;
}

/**
 * authorize → mock consent → callback → getProduct over HTTP → createOrder → its status pushed by
 * the mock to the webhook and handed to `@OnOrderStatus()` → a forged push refused. Resolves with a
 * one-line summary; throws on the first thing that is not as documented.
 */
export async function runConsumerFlow(options: ConsumerFlowOptions): Promise<string> {
  check(
    !existsSync(join(process.cwd(), 'node_modules', 'ioredis')),
    'ioredis is installed, so this run cannot show the main entry works without it',
  );
  if (options.oneCopy) await checkOneCopy();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const redirectUri = `${base}/aliexpress/callback`;
  const gateway = new MockAliexpressGateway({
    apps: [{ appKey, appSecret, redirectUris: [redirectUri] }],
  });
  const { url } = await gateway.start();
  gateway.setWebhook(appKey, `${base}/aliexpress/webhook`);

  @Module({
    imports: [
      AliexpressModule.forRootAsync({
        useFactory: () => Promise.resolve({ appKey, appSecret, redirectUri, baseUrl: url }),
      }),
    ],
    controllers: [ProductsController],
    providers: [OrderStatusRecorder],
  })
  class AppModule {}

  let app: INestApplication | undefined;
  try {
    app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
    await app.listen(port, '127.0.0.1');
    const start = await fetch(`${base}/aliexpress/authorize`, { redirect: 'manual' });
    check(start.status === 302, `authorize answered ${start.status}`);
    const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0];
    const consent = await fetch(`${start.headers.get('location') ?? ''}&mock_decision=approve`, {
      redirect: 'manual',
    });
    check(consent.status === 302, `consent answered ${consent.status}`);
    const done = await fetch(consent.headers.get('location') ?? '', {
      headers: { cookie },
      redirect: 'manual',
    });
    const account = (await done.json()) as { accountId: string };
    check(done.status === 200 && account.accountId === '4641738246', `callback ${done.status}`);

    const res = await fetch(`${base}/products/${PRODUCT}?account=${account.accountId}`);
    const product = (await res.json()) as Product;
    check(res.status === 200, `product answered ${res.status}`);
    check(
      product.productId === PRODUCT && product.skus[0]?.skuId === '12000036032948733',
      'normalised product',
    );

    const created = await app.get(DropshippingService).createOrder(account.accountId, {
      outOrderId: `consumer-${Date.now()}`,
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
      items: [{ productId: PRODUCT, quantity: 1, skuAttr: '14:350853#Black;5:361386' }],
    });
    const orderId = created.orderIds[0];
    check(typeof orderId === 'string' && orderId.length > 0, 'createOrder gave an order id');
    const recorder = app.get(OrderStatusRecorder);
    await until('the OrderCreated push reached @OnOrderStatus()', () =>
      recorder.events.some((e) => e.orderId === orderId && e.pushedStatus === 'OrderCreated'),
    );
    const event = recorder.events.find((e) => e.orderId === orderId);
    if (event?.accountId !== account.accountId || event.order.orderId !== orderId) {
      throw new Error('consumer check failed: the event names the account and the fetched order');
    }

    const forgedBody = JSON.stringify({
      seller_id: '2099',
      message_type: 53,
      data: { buyerId: 4641738246, orderId: 8198352049851315, orderStatus: 'OrderShipped' },
      site: 'ae_global',
      timestamp: Math.floor(Date.now() / 1000),
    });
    const forged = await fetch(`${base}/aliexpress/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: webhookSignature(appKey, 'not-the-secret', forgedBody),
      },
      body: forgedBody,
    });
    check(forged.status === 401, `forged push answered ${forged.status}`);
    return (
      `authorize → consent → callback → getProduct (${product.title}) → createOrder ${orderId} → ` +
      `@OnOrderStatus ${event.pushedStatus} → forged push 401`
    );
  } finally {
    await app?.close();
    await gateway.stop();
  }
}
