import type { INestApplication, LoggerService } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  AliexpressModule,
  TokenService,
  TokenStore,
  type AliexpressModuleExtras,
  type AliexpressModuleOptions,
} from 'nestjs-aliexpress';
import type { MockAliexpressGateway } from 'nestjs-aliexpress/testing';
import request from 'supertest';
import { TEST_APP, mockGatewayOptions } from './gateway-harness.js';
import { LogCapture } from './log-capture.js';

/** The Nest HTTP platforms the OAuth routes must work on. */
export type Platform = 'express' | 'fastify';

/** The e2e matrix, for `describe.each(PLATFORMS)`: every OAuth test runs on both platforms. */
export const PLATFORMS: Array<[Platform]> = [['express'], ['fastify']];

/** How the module is registered and routed in one e2e variant. */
export interface OAuthVariant {
  style: 'forRoot' | 'forRootAsync';
  callbackPath?: string;
  globalPrefix?: string;
  /** The HTTP platform; default express. */
  platform?: Platform;
  /** Trust `X-Forwarded-*` (Express `trust proxy`, Fastify `trustProxy`); default false. */
  trustProxy?: boolean;
  /** Runs on the app before it listens: platform middleware or hooks of the test's own. */
  configure?: (app: INestApplication) => void;
}

/** How `listen()`s a compiled module on the chosen platform. */
export interface PlatformAppOptions {
  logger?: LoggerService | false;
  globalPrefix?: string;
  trustProxy?: boolean;
  /** Runs on the app before it listens (platform middleware or hooks). */
  configure?: (app: INestApplication) => void;
}

/**
 * Creates, initialises and starts the app of a compiled module on the chosen platform, listening on
 * an ephemeral port so the tests go over real HTTP (supertest against `getHttpServer()`).
 */
export async function listenOn(
  moduleRef: TestingModule,
  platform: Platform,
  options: PlatformAppOptions = {},
): Promise<INestApplication> {
  const logger = options.logger ?? false;
  const app =
    platform === 'fastify'
      ? moduleRef.createNestApplication(new FastifyAdapter({ trustProxy: options.trustProxy }), {
          logger,
        })
      : moduleRef.createNestApplication({ logger });
  if (platform === 'express' && options.trustProxy)
    (app.getHttpAdapter().getInstance() as { set(name: string, value: unknown): void }).set(
      'trust proxy',
      true,
    );
  if (app.getHttpAdapter().getType() !== platform)
    throw new Error(`asked for ${platform}, got ${app.getHttpAdapter().getType()}`);
  if (options.globalPrefix) app.setGlobalPrefix(options.globalPrefix);
  options.configure?.(app);
  await app.listen(0, '127.0.0.1');
  // Fastify registers its routes in ready(); listen() awaits it, this makes the wait explicit
  if (platform === 'fastify')
    await (app.getHttpAdapter().getInstance() as { ready(): Promise<unknown> }).ready();
  return app;
}

/** An app under test: the Nest application, its services and the routes as a browser sees them. */
export interface OAuthApp {
  app: INestApplication;
  tokens: TokenService;
  store: TokenStore;
  logs: LogCapture;
  base: string;
  redirectUri: string;
  close(): Promise<void>;
}

/** Builds and initialises an app wired to the mock gateway in the given registration style. */
export async function createOAuthApp(
  gateway: MockAliexpressGateway,
  variant: OAuthVariant,
  extra: Partial<AliexpressModuleOptions> & AliexpressModuleExtras = {},
): Promise<OAuthApp> {
  const base = `${variant.globalPrefix ? `/${variant.globalPrefix}` : ''}/${variant.callbackPath ?? 'aliexpress'}`;
  const redirectUri = extra.redirectUri ?? `http://localhost:3000${base}/callback`;
  gateway.addRedirectUri(TEST_APP.appKey, redirectUri);
  const { controller, controllerDecorators, isGlobal, ...overrides } = extra;
  const options: AliexpressModuleOptions = {
    ...mockGatewayOptions(gateway),
    redirectUri,
    ...(variant.callbackPath ? { callbackPath: variant.callbackPath } : {}),
    ...overrides,
  };
  const extras = { controller, controllerDecorators, isGlobal };
  const module =
    variant.style === 'forRoot'
      ? AliexpressModule.forRoot({ ...options, ...extras })
      : AliexpressModule.forRootAsync({ useFactory: () => Promise.resolve(options), ...extras });
  const logs = new LogCapture();
  const moduleRef = await Test.createTestingModule({ imports: [module] })
    .setLogger(logs)
    .compile();
  const app = await listenOn(moduleRef, variant.platform ?? 'express', {
    logger: logs,
    globalPrefix: variant.globalPrefix,
    trustProxy: variant.trustProxy,
    configure: variant.configure,
  });
  return {
    app,
    tokens: app.get(TokenService),
    store: app.get<TokenStore>(TokenStore),
    logs,
    base,
    redirectUri,
    close: () => app.close(),
  };
}

/** One browser's authorization: the state cookie and the gateway URL the app redirected to. */
export interface StartedAuthorization {
  cookie: string;
  setCookie: string;
  gatewayUrl: URL;
  state: string;
}

/** GET <base>/authorize as a browser would, keeping the cookie. */
export async function startAuthorization(
  target: OAuthApp,
  returnTo?: string,
): Promise<StartedAuthorization> {
  const res = await request(target.app.getHttpServer())
    .get(`${target.base}/authorize`)
    .query(returnTo === undefined ? {} : { returnTo })
    .expect(302);
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0];
  const gatewayUrl = new URL(res.headers.location);
  return {
    setCookie,
    cookie: setCookie.split(';')[0],
    gatewayUrl,
    state: gatewayUrl.searchParams.get('state') as string,
  };
}

/** Walks the mock consent page: loads it, then submits the form with the chosen decision. */
export async function consent(
  started: StartedAuthorization,
  decision: 'approve' | 'deny',
  account?: string,
): Promise<URL> {
  const page = await fetch(started.gatewayUrl, { redirect: 'manual' });
  if (page.status !== 200)
    throw new Error(`consent page answered ${page.status}: ${await page.text()}`);
  const html = await page.text();
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[match[1]] = match[2].replace(/&amp;/g, '&').replace(/&quot;/g, '"');
  }
  const chosen = account ?? /name="account" value="([^"]+)" checked/.exec(html)?.[1];
  const decided = await fetch(new URL('/oauth/authorize/decide', started.gatewayUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      ...fields,
      ...(chosen ? { account: chosen } : {}),
      decision,
    }).toString(),
  });
  if (decided.status !== 302) throw new Error(`consent decision answered ${decided.status}`);
  return new URL(decided.headers.get('location') as string);
}

/** Delivers the gateway's redirect to the app's callback with the given cookie (or none). */
export function callback(target: OAuthApp, redirect: URL | string, cookie?: string) {
  const url = typeof redirect === 'string' ? new URL(redirect, 'http://localhost:3000') : redirect;
  const req = request(target.app.getHttpServer()).get(`${url.pathname}${url.search}`);
  return cookie ? req.set('Cookie', cookie) : req;
}
