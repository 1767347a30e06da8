import { Controller, Get, Param, type INestApplication } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import {
  AliexpressExceptionFilter,
  AliexpressModule,
  DropshippingService,
  MemoryTokenStore,
  webhookSignature,
} from 'nestjs-aliexpress';
import { STATUS_CODES } from 'node:http';
import request from 'supertest';
import { TEST_APP } from './support/gateway-harness.js';

/*
 * Every error body the library answers has one shape, `{ statusCode, error, reason, message, … }`,
 * whichever route refuses: the OAuth routes, the webhook, and the exception filter on an app's
 * own route; on Express and on Fastify.
 */

@Controller()
class ProductsController {
  constructor(private readonly ds: DropshippingService) {}

  @Get('products/:id')
  product(@Param('id') id: string) {
    return this.ds.getProduct('999', { productId: id, shipToCountry: 'US' });
  }
}

/** Asserts the one error shape, and the status it carries. */
function expectErrorShape(res: request.Response, status: number, reason: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body).toEqual(
    expect.objectContaining({
      statusCode: status,
      error: STATUS_CODES[status],
      reason,
      message: expect.any(String),
    }),
  );
  expect((res.body as { message: string }).message.length).toBeGreaterThan(10);
}

describe.each<[string, () => ExpressAdapter | FastifyAdapter]>([
  ['Express', () => new ExpressAdapter()],
  ['Fastify', () => new FastifyAdapter()],
])('error bodies on %s', (_name, adapter) => {
  let app: INestApplication;
  const post = (body: string, authorization?: string) => {
    const req = request(app.getHttpServer())
      .post('/aliexpress/webhook')
      .set('Content-Type', 'application/json');
    return (authorization ? req.set('Authorization', authorization) : req).send(body);
  };
  const sign = (body: string) =>
    webhookSignature(TEST_APP.appKey, TEST_APP.appSecret, Buffer.from(body));

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        AliexpressModule.forRoot({
          appKey: TEST_APP.appKey,
          appSecret: TEST_APP.appSecret,
          redirectUri: TEST_APP.redirectUris[0],
          baseUrl: 'http://127.0.0.1:9',
          tokenStore: new MemoryTokenStore(),
          webhookMaxBodyBytes: 1024,
        }),
      ],
      controllers: [ProductsController],
      providers: [{ provide: APP_FILTER, useClass: AliexpressExceptionFilter }],
    }).compile();
    app = moduleRef.createNestApplication(adapter(), { logger: false });
    await app.init();
    if (app.getHttpAdapter().getType() === 'fastify')
      await (app.getHttpAdapter().getInstance() as { ready(): Promise<unknown> }).ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it('OAuth authorize: a bad returnTo', async () => {
    const res = await request(app.getHttpServer()).get('/aliexpress/authorize?returnTo=//evil');
    expectErrorShape(res, 400, 'return_to_invalid');
  });

  it('OAuth callback: no state', async () => {
    const res = await request(app.getHttpServer()).get('/aliexpress/callback?code=abc');
    expectErrorShape(res, 400, 'state_missing');
  });

  it('webhook: no signature, a wrong signature (401)', async () => {
    expectErrorShape(await post('{}'), 401, 'signature_missing');
    expectErrorShape(await post('{}', 'ab'.repeat(32)), 401, 'signature_invalid');
  });

  it('webhook: a signed body that is not a push (400)', async () => {
    const body = '{"message_type":53,"data":{';
    expectErrorShape(await post(body, sign(body)), 400, 'body_invalid');
  });

  it('webhook: a body over webhookMaxBodyBytes (413)', async () => {
    const body = `{"message_type":53,"pad":"${'x'.repeat(2000)}"}`;
    expectErrorShape(await post(body, sign(body)), 413, 'body_too_large');
  });

  it("the exception filter on the app's own route", async () => {
    const res = await request(app.getHttpServer()).get('/products/1005006154258794');
    expectErrorShape(res, 404, 'account_not_connected');
  });
});
