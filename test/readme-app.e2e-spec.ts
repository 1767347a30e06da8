import type { INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import * as ts from 'typescript';

/*
 * The README's "A minimal app" as written, run: its first TypeScript block is transpiled and its
 * AppModule started with the three settings it reads. Type-checking (npm run lint) cannot see a
 * missing module import or a missing required option; starting it does. Its routes answer over
 * HTTP, and a library error comes back through AliexpressExceptionFilter.
 */

const root = join(__dirname, '..');

function readmeAppModule(): Type {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const block = /^```ts\n([\s\S]*?)^```$/m.exec(readme);
  if (!block) throw new Error('README.md has no ```ts block');
  const js = ts.transpileModule(block[1], {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      useDefineForClassFields: false,
      esModuleInterop: true,
    },
  }).outputText;
  // inside node_modules: jest loads it as plain JS; its imports resolve as an app's would
  const dir = join(root, 'node_modules', '.cache', 'readme-app', String(process.pid));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'app.module.js');
  writeFileSync(file, js);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(file) as { AppModule: Type }).AppModule;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("README's minimal app, as written", () => {
  let app: INestApplication;
  const saved = { ...process.env };

  beforeAll(async () => {
    Object.assign(process.env, {
      ALIEXPRESS_APP_KEY: '500102',
      ALIEXPRESS_APP_SECRET: 'readme-secret-1c3e5a',
      ALIEXPRESS_REDIRECT_URI: 'http://localhost:3000/aliexpress/callback',
    });
    const moduleRef = await Test.createTestingModule({ imports: [readmeAppModule()] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    process.env = saved;
  });

  it('serves the OAuth routes', async () => {
    const res = await request(app.getHttpServer()).get('/aliexpress/authorize').expect(302);
    expect(res.headers.location).toContain('/oauth/authorize?');
  });

  it('answers a library error through AliexpressExceptionFilter', async () => {
    const res = await request(app.getHttpServer())
      .get('/products/1005006154258794')
      .query({ account: '999' })
      .expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      reason: 'account_not_connected',
      message: 'account 999 is not connected',
    });
  });
});
