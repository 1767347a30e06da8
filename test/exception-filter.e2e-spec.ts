import { Controller, Get, Param, type INestApplication, type Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import {
  AliexpressExceptionFilter,
  AliexpressModule,
  AliexpressTransportError,
  AmbiguousOrderStateError,
  DropshippingService,
  MemoryTokenStore,
  OrderAlreadyPlacedError,
  TokenStoreError,
} from 'nestjs-aliexpress';
import request from 'supertest';

/*
 * AliexpressExceptionFilter over real HTTP, on Express and on Fastify, registered as an
 * APP_FILTER: library errors thrown by a route (one from the real service) answer the one JSON
 * shape with the mapped status, and nothing secret.
 */

const SECRET = 'redis-password-9c1e';
const THROWN: Record<string, () => Error> = {
  placed: () => new OrderAlreadyPlacedError({ accountId: '42', outOrderId: 'o-1' }),
  ambiguous: () =>
    new AmbiguousOrderStateError({ accountId: '42', outOrderId: 'o-1', failure: 'timeout' }),
  timeout: () =>
    new AliexpressTransportError({ kind: 'timeout', apiName: 'a', message: 'no answer' }),
  store: () => new TokenStoreError({ operation: 'get', detail: `redis://:${SECRET}@db:6379` }),
};

@Controller()
class ThrowingController {
  constructor(private readonly ds: DropshippingService) {}

  @Get('throw/:what')
  throw(@Param('what') what: string): never {
    throw THROWN[what]();
  }

  @Get('products/:id')
  product(@Param('id') id: string) {
    return this.ds.getProduct('999', { productId: id, shipToCountry: 'US' });
  }

  @Get('plain')
  plain(): never {
    throw new Error('not a library error');
  }
}

describe.each<[string, () => ExpressAdapter | FastifyAdapter]>([
  ['Express', () => new ExpressAdapter()],
  ['Fastify', () => new FastifyAdapter()],
])('AliexpressExceptionFilter on %s', (_name, adapter) => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        AliexpressModule.forRoot({
          appKey: '500102',
          appSecret: 'e2e-secret-5f1c9a7d',
          tokenStore: new MemoryTokenStore(),
          controller: false,
        }),
      ],
      controllers: [ThrowingController as Type],
      providers: [{ provide: APP_FILTER, useClass: AliexpressExceptionFilter }],
    }).compile();
    app = moduleRef.createNestApplication(adapter(), { logger: false });
    await app.init();
    if (app.getHttpAdapter().getType() === 'fastify') {
      await (app.getHttpAdapter().getInstance() as { ready(): Promise<void> }).ready();
    }
  });
  afterAll(() => app.close());

  const http = () => request(app.getHttpServer());

  it('a validation error of the real service: 400 invalid_input with the fields', async () => {
    const res = await http().get('/products/abc').expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      reason: 'invalid_input',
      message: expect.stringContaining('productId'),
      fields: ['productId'],
    });
  });

  it('an unknown account of the real service: 404 account_not_connected', async () => {
    const res = await http().get('/products/1005006154258794').expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      reason: 'account_not_connected',
      message: 'account 999 is not connected',
    });
  });

  it.each<[string, number, string]>([
    ['placed', 409, 'order_already_placed'],
    ['ambiguous', 504, 'order_state_unknown'],
    ['timeout', 504, 'gateway_timeout'],
    ['store', 503, 'token_store_unavailable'],
  ])('%s: %i %s, no secret', async (what, status, reason) => {
    const res = await http().get(`/throw/${what}`).expect(status);
    expect(res.body).toMatchObject({ statusCode: status, reason, message: expect.any(String) });
    expect(res.text).not.toContain(SECRET);
  });

  it('leaves errors that are not the library’s to Nest', async () => {
    const res = await http().get('/plain').expect(500);
    expect(res.body).toEqual({ statusCode: 500, message: 'Internal server error' });
  });
});
