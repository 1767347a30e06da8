import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { join } from 'node:path';
import { DemoErrorsFilter } from './demo-errors.filter';
import { DemoGateway } from './demo-settings';
import { DemoModule, type DemoModuleOptions } from './demo.module';

/** Creates the demo application (not listening yet): the page, the JSON API and the OAuth routes. */
export async function createDemoApp(
  options: DemoModuleOptions & { logger?: false } = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(DemoModule.forRoot(options), {
    ...(options.logger === false ? { logger: false } : {}),
  });
  app.useGlobalPipes(
    new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true }),
  );
  app.useGlobalFilters(new DemoErrorsFilter());
  app.useStaticAssets(join(__dirname, 'public'), { index: 'index.html' });
  app.enableShutdownHooks();
  return app;
}

/** The lines printed at start: where to click, and which gateway is behind it. */
export async function demoBanner(app: NestExpressApplication, port: number): Promise<string> {
  const settings = await app.get(DemoGateway).resolve();
  const lines = [`nestjs-aliexpress demo: open http://localhost:${port}`];
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
