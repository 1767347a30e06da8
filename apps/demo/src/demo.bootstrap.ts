import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigService } from '@nestjs/config';
import helmet from 'helmet';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { DemoErrorsFilter } from './demo-errors.filter.js';
import { readDemoGatewaySettings } from './demo-gateway.settings.js';
import { readDemoLifecycleStepMs } from './demo-lifecycle.settings.js';
import {
  readDemoListenSettings,
  type DemoListenSettings,
  type SettingsSource,
} from './demo-listen.settings.js';
import { DemoGateway } from './demo-settings.js';
import { checkDemoSettings } from './demo-settings.error.js';
import { demoTokenGuard } from './demo-token.middleware.js';
import { demoValidationPipe } from './demo-validation.pipe.js';
import { DemoModule, type DemoModuleOptions } from './demo.module.js';
import { methodNotAllowed } from './method-not-allowed.middleware.js';

const listenSettings = new WeakMap<NestExpressApplication, DemoListenSettings>();

/**
 * The settings as the demo's ConfigModule will see them: the given `env`, else the process
 * environment over the `.env` file (the environment wins, as with @nestjs/config).
 */
function settingsSource(options: DemoModuleOptions): SettingsSource {
  if (options.env) {
    const env = options.env;
    return { get: (key) => env[key] };
  }
  let file: Record<string, string | undefined> = {};
  try {
    file = parseEnv(readFileSync('.env', 'utf8'));
  } catch {
    // no .env: the environment alone
  }
  return { get: (key) => process.env[key] ?? file[key] };
}

/**
 * Creates the demo application (not listening yet): the page, the JSON API and the OAuth routes,
 * behind helmet's headers (no framing, no `X-Powered-By`), the optional `DEMO_TOKEN` guard and a
 * 405 for wrong methods. Rejects with one clear message naming every wrong or missing setting
 * (`PORT`, `HOST`, `DEMO_TOKEN`, `DEMO_LIFECYCLE_STEP_MS`, a half-filled gateway configuration).
 */
export async function createDemoApp(
  options: DemoModuleOptions & { logger?: false } = {},
): Promise<NestExpressApplication> {
  // checked before Nest starts, all at once: one message from main.ts naming every bad setting,
  // not a provider's stack trace for the first one
  const source = settingsSource(options);
  checkDemoSettings([
    () => readDemoListenSettings(source),
    () => readDemoLifecycleStepMs(source),
    () => readDemoGatewaySettings(source),
  ]);
  const app = await NestFactory.create<NestExpressApplication>(DemoModule.forRoot(options), {
    abortOnError: false,
    ...(options.logger === false ? { logger: false } : {}),
  });
  const settings = readDemoListenSettings(app.get(ConfigService));
  listenSettings.set(app, settings);
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // product images come from the gateway (the embedded mock serves them over http)
          imgSrc: ["'self'", 'data:', 'https:', 'http:'],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: null,
        },
      },
      frameguard: { action: 'deny' },
      // served over plain HTTP by default; HSTS (a year, subdomains) belongs to the HTTPS proxy in front
      strictTransportSecurity: false,
    }),
  );
  if (settings.token !== undefined) app.use(demoTokenGuard(settings.token));
  app.use(methodNotAllowed(app.getHttpAdapter().getInstance()));
  app.useGlobalPipes(demoValidationPipe());
  app.useGlobalFilters(new DemoErrorsFilter());
  app.useStaticAssets(join(__dirname, 'public'), { index: 'index.html' });
  app.enableShutdownHooks();
  return app;
}

/** Starts listening where `HOST` and `PORT` say: 127.0.0.1 unless `HOST` names another address. */
export async function listenDemo(app: NestExpressApplication): Promise<DemoListenSettings> {
  const settings = listenSettings.get(app) ?? readDemoListenSettings(app.get(ConfigService));
  await app.listen(settings.port, settings.host);
  return settings;
}

/** The lines printed at start: where to click, and which gateway is behind it. */
export async function demoBanner(app: NestExpressApplication, port: number): Promise<string> {
  const settings = await app.get(DemoGateway).resolve();
  const listen = listenSettings.get(app);
  const host = listen && listen.host !== '127.0.0.1' ? listen.host : 'localhost';
  const lines = [
    `nestjs-aliexpress demo: open http://${host.includes(':') ? `[${host}]` : host}:${port}`,
  ];
  if (listen?.token !== undefined) {
    lines.push(
      '  protected by DEMO_TOKEN: open the page once with ?demo_token=<your token>, or send Authorization: Bearer <token>',
    );
  }
  if (settings.mode === 'mock') {
    lines.push(
      `  gateway: the embedded MOCK AliExpress gateway at ${settings.baseUrl} (no AliExpress account needed)`,
      '  to use the real platform, set ALIEXPRESS_APP_KEY, ALIEXPRESS_APP_SECRET and ALIEXPRESS_REDIRECT_URI',
      '  (see .env.example) and register the redirect URI for your app on the Open Platform console',
    );
  } else {
    lines.push(
      `  gateway: ${settings.baseUrl ?? 'https://api-sg.aliexpress.com'} (app key ${settings.appKey})`,
      `  callback: ${settings.redirectUri}`,
      `  orders: ${settings.ordersEnabled ? 'ENABLED (DEMO_ALLOW_ORDERS=true)' : 'disabled (set DEMO_ALLOW_ORDERS=true to allow)'}`,
    );
  }
  return lines.join('\n');
}
