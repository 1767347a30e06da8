import type { DynamicModule, INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  AliexpressConfigurationError,
  AliexpressModule,
  OrderSyncService,
  type AliexpressModuleOptions,
} from 'nestjs-aliexpress';
import request from 'supertest';
import { OTHER_APP, TEST_APP } from './support/gateway-harness.js';

/*
 * Which routes and background work each registration brings: an affiliate-only registration
 * (`controller: false`) serves nothing and polls nothing unless asked, and two registrations that
 * would answer the same route are refused at startup, naming both.
 */

const app1: AliexpressModuleOptions = {
  appKey: TEST_APP.appKey,
  appSecret: TEST_APP.appSecret,
  baseUrl: 'http://127.0.0.1:9',
};
const app2: AliexpressModuleOptions = {
  appKey: OTHER_APP.appKey,
  appSecret: OTHER_APP.appSecret,
  baseUrl: 'http://127.0.0.1:9',
};

async function start(...modules: DynamicModule[]): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: modules }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

/** The error `app.init()` fails with (undefined when it starts). */
async function startupError(...modules: DynamicModule[]): Promise<unknown> {
  const moduleRef = await Test.createTestingModule({ imports: modules }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  try {
    await app.init();
    return undefined;
  } catch (error) {
    return error;
  } finally {
    await app.close().catch(() => undefined);
  }
}

const webhookStatus = async (app: INestApplication, path = '/aliexpress/webhook') =>
  (await request(app.getHttpServer()).post(path).send('{}')).status;

describe('routes and poller of a registration', () => {
  const apps: INestApplication[] = [];
  const started = async (...modules: DynamicModule[]) => {
    const app = await start(...modules);
    apps.push(app);
    return app;
  };
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  it.each([
    ['forRoot', () => AliexpressModule.forRoot({ ...app1, controller: false })],
    [
      'forRootAsync',
      () => AliexpressModule.forRootAsync({ useFactory: () => app1, controller: false }),
    ],
  ])(
    '%s with controller: false maps no webhook and runs no order poller',
    async (_style, register) => {
      const app = await started(register());
      expect(await webhookStatus(app)).toBe(404);
      expect((await request(app.getHttpServer()).get('/aliexpress/authorize')).status).toBe(404);
      expect(app.get(OrderSyncService).polling).toBe(false);
    },
  );

  it('controller: false with webhook: true maps the webhook, and the poller runs', async () => {
    const app = await started(
      AliexpressModule.forRoot({ ...app1, controller: false, webhook: true }),
    );
    expect(await webhookStatus(app)).toBe(401);
    expect(app.get(OrderSyncService).polling).toBe(true);
  });

  it('controller: false with orderSync.enabled: true runs the poller without the webhook', async () => {
    const app = await started(
      AliexpressModule.forRoot({ ...app1, controller: false, orderSync: { enabled: true } }),
    );
    expect(await webhookStatus(app)).toBe(404);
    expect(app.get(OrderSyncService).polling).toBe(true);
  });

  it('the OAuth controller (the default) brings the webhook and the poller', async () => {
    const app = await started(
      AliexpressModule.forRoot({ ...app1, redirectUri: TEST_APP.redirectUris[0] }),
    );
    expect(await webhookStatus(app)).toBe(401);
    expect(app.get(OrderSyncService).polling).toBe(true);
  });

  it('two registrations on different paths each answer on their own', async () => {
    const app = await started(
      AliexpressModule.forRoot({
        ...app1,
        redirectUri: 'http://localhost:3000/one/callback',
        callbackPath: 'one',
        webhookPath: 'one/webhook',
      }),
      AliexpressModule.forRootAsync({
        useFactory: () => ({
          ...app2,
          redirectUri: 'http://localhost:3000/two/callback',
          callbackPath: 'two',
          webhookPath: 'two/webhook',
        }),
      }),
    );
    expect(await webhookStatus(app, '/one/webhook')).toBe(401);
    expect(await webhookStatus(app, '/two/webhook')).toBe(401);
    const authorize = await request(app.getHttpServer()).get('/two/authorize');
    expect(new URL(authorize.headers.location).searchParams.get('client_id')).toBe(
      OTHER_APP.appKey,
    );
  });

  it('two registrations on one webhook path are a startup error naming both and the path', async () => {
    const error = await startupError(
      AliexpressModule.forRoot({ ...app1, controller: false, webhook: true }),
      AliexpressModule.forRootAsync({
        useFactory: () => ({ ...app2, webhookPath: '/aliexpress/webhook/' }),
        controller: false,
        webhook: true,
      }),
    );
    expect(error).toBeInstanceOf(AliexpressConfigurationError);
    const message = (error as Error).message;
    expect(message).toContain('POST /aliexpress/webhook');
    expect(message).toContain(`app key ${TEST_APP.appKey}`);
    expect(message).toContain(`app key ${OTHER_APP.appKey}`);
    expect(message).not.toContain(TEST_APP.appSecret);
    expect(message).not.toContain(OTHER_APP.appSecret);
  });

  it('two registrations on one OAuth path are a startup error naming both and the routes', async () => {
    const error = await startupError(
      AliexpressModule.forRoot({ ...app1, redirectUri: TEST_APP.redirectUris[0], webhook: false }),
      AliexpressModule.forRoot({ ...app2, redirectUri: OTHER_APP.redirectUris[0], webhook: false }),
    );
    expect(error).toBeInstanceOf(AliexpressConfigurationError);
    const message = (error as Error).message;
    expect(message).toContain('GET /aliexpress/callback');
    expect(message).toContain('GET /aliexpress/authorize');
    expect(message).toContain(`app key ${TEST_APP.appKey}`);
    expect(message).toContain(`app key ${OTHER_APP.appKey}`);
  });

  it('the same app key registered twice on one path is named as two registrations', async () => {
    const error = await startupError(
      AliexpressModule.forRoot({ ...app1, controller: false, webhook: true }),
      AliexpressModule.forRoot({ ...app1, controller: false, webhook: true }),
    );
    expect(error).toBeInstanceOf(AliexpressConfigurationError);
    expect((error as Error).message).toMatch(
      new RegExp(`app key ${TEST_APP.appKey}.*app key ${TEST_APP.appKey}`),
    );
  });
});
