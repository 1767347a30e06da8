// A stranger's app: it knows nestjs-aliexpress only as the installed npm package.
import 'reflect-metadata';
import { Controller, Get, Module, Param, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  AliexpressModule,
  DropshippingService,
  webhookSignature,
  type Product,
} from 'nestjs-aliexpress';
import { MockAliexpressGateway } from 'nestjs-aliexpress/testing';

const port = Number(process.env.CONSUMER_PORT);
const appKey = '500102';
const appSecret = 'consumer-secret-41d7';
const redirectUri = `http://localhost:${port}/aliexpress/callback`;

@Controller('products')
class ProductsController {
  constructor(private readonly dropshipping: DropshippingService) {}

  @Get(':id')
  get(@Param('id') id: string, @Query('account') account: string): Promise<Product> {
    return this.dropshipping.getProduct(account, { productId: id, shipToCountry: 'US' });
  }
}

function expect(condition: boolean, what: string): void {
  if (!condition) throw new Error(`consumer check failed: ${what}`);
}

async function main(): Promise<void> {
  let ioredisInstalled = true;
  try {
    require.resolve('ioredis');
  } catch {
    ioredisInstalled = false;
  }
  expect(
    !ioredisInstalled,
    'ioredis is installed, so this run cannot show the main entry works without it',
  );

  const gateway = new MockAliexpressGateway({
    apps: [{ appKey, appSecret, redirectUris: [redirectUri] }],
  });
  const { url } = await gateway.start();

  @Module({
    imports: [
      AliexpressModule.forRootAsync({
        useFactory: () => Promise.resolve({ appKey, appSecret, redirectUri, baseUrl: url }),
      }),
    ],
    controllers: [ProductsController],
  })
  class AppModule {}

  const app = await NestFactory.create(AppModule, { logger: ['error'] });
  await app.listen(port);
  try {
    const start = await fetch(`http://localhost:${port}/aliexpress/authorize`, {
      redirect: 'manual',
    });
    expect(start.status === 302, `authorize answered ${start.status}`);
    const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0];
    const consent = await fetch(`${start.headers.get('location') ?? ''}&mock_decision=approve`, {
      redirect: 'manual',
    });
    expect(consent.status === 302, `consent answered ${consent.status}`);
    const done = await fetch(consent.headers.get('location') ?? '', {
      headers: { cookie },
      redirect: 'manual',
    });
    const account = (await done.json()) as { accountId: string };
    expect(
      done.status === 200 && account.accountId === '4641738246',
      `callback answered ${done.status}`,
    );
    const res = await fetch(
      `http://localhost:${port}/products/1005006154258794?account=${account.accountId}`,
    );
    const product = (await res.json()) as Product;
    expect(res.status === 200, `product answered ${res.status}`);
    expect(
      product.productId === '1005006154258794' && product.skus[0]?.skuId === '12000036032948733',
      'normalised product',
    );
    // the webhook reads its raw body before Nest's JSON parser, on this NestJS's Express too
    const push = JSON.stringify({
      seller_id: '2099',
      message_type: 53,
      data: { buyerId: 4641738246, orderId: 8198352049851315, orderStatus: 'OrderShipped' },
      site: 'ae_global',
      timestamp: Math.floor(Date.now() / 1000),
    });
    const post = (authorization: string) =>
      fetch(`http://localhost:${port}/aliexpress/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: push,
      });
    const signed = await post(webhookSignature(appKey, appSecret, push));
    expect(signed.status === 200, `signed push answered ${signed.status}`);
    const forged = await post(webhookSignature(appKey, 'not-the-secret', push));
    expect(forged.status === 401, `forged push answered ${forged.status}`);
    console.log(
      `consumer flow ok: authorize → consent → callback → getProduct (${product.title}) → signed push 200, forged 401`,
    );
  } finally {
    await app.close();
    await gateway.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
