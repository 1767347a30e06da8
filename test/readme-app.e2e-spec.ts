import type { INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AliexpressConfigurationError, type DropshippingService } from 'nestjs-aliexpress';
import { MOCK_BUYERS, MockAliexpressGateway } from 'nestjs-aliexpress/testing';
import { TEST_APP, useConnectedSuite } from './support/gateway-harness.js';

/*
 * Snippets run as written. The README's "A minimal app": its AppModule started with the three
 * settings it reads; its routes answer over HTTP, a library error through
 * AliexpressExceptionFilter. docs/mock-gateway.md's "In tests": run to the end. Type-checking
 * (npm run lint) cannot see a missing module import or a missing required option; running does.
 */

const root = join(__dirname, '..');

/** The `index`-th ```ts block of a Markdown file of the repository. */
function snippet(file: string, index: number): string {
  const blocks = [...readFileSync(join(root, file), 'utf8').matchAll(/^```ts\n([\s\S]*?)^```$/gm)];
  if (!blocks[index]) throw new Error(`${file} has no ts block #${index + 1}`);
  return blocks[index][1];
}

/**
 * Loads a snippet as an app would run it: written as a module of the workspace (so its
 * `nestjs-aliexpress` imports resolve to the library as the tests see it) and imported. A snippet
 * with top-level `await` has its statements wrapped in an exported `run()`, its imports kept at the
 * top.
 */
async function load(code: string): Promise<Record<string, unknown>> {
  let source = code;
  if (/^(?:\S.*[=(] ?)?await /m.test(code)) {
    const imports = code.match(/^import [\s\S]*?;$/gm) ?? [];
    const body = imports.reduce((rest, statement) => rest.replace(statement, ''), code);
    source = `${imports.join('\n')}\nexport async function run() {\n${body}\n}\n`;
  }
  const dir = join(root, 'test', '.snippets', String(process.pid));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `snippet-${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(file, source);
  try {
    return (await import(file)) as Record<string, unknown>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const readmeAppModule = async () => (await load(snippet('README.md', 0))).AppModule as Type;

/** The README's ```ts block that declares `name`. */
function readmeBlockWith(name: string): string {
  const blocks = [
    ...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/^```ts\n([\s\S]*?)^```$/gm),
  ];
  const block = blocks.find(([, code]) => code.includes(name));
  if (!block) throw new Error(`README.md has no ts block with ${name}`);
  return block[1];
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
    const moduleRef = await Test.createTestingModule({
      imports: [await readmeAppModule()],
    }).compile();
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

describe("README's minimal app, started with none of its settings", () => {
  const saved = { ...process.env };
  const cwd = process.cwd();
  let empty: string;

  beforeAll(() => {
    for (const name of Object.keys(process.env)) {
      if (name.startsWith('ALIEXPRESS_')) delete process.env[name];
    }
    // ConfigModule.forRoot() reads .env from the working directory: start where there is none
    empty = mkdtempSync(join(tmpdir(), 'readme-app-'));
    process.chdir(empty);
  });
  afterAll(() => {
    process.chdir(cwd);
    rmSync(empty, { recursive: true, force: true });
    process.env = saved;
  });

  it('fails at startup with one AliexpressConfigurationError naming appKey, appSecret and redirectUri', async () => {
    const error = await Test.createTestingModule({ imports: [await readmeAppModule()] })
      .compile()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(AliexpressConfigurationError);
    const { message } = error as AliexpressConfigurationError;
    for (const option of ['appKey', 'appSecret', 'redirectUri']) expect(message).toContain(option);
  });
});

describe("README's order recipe (Checkout), against the mock", () => {
  const suite = useConnectedSuite();
  type Buy = (
    account: string,
    cartId: string,
    productId: string,
    colour?: string,
  ) => Promise<Record<string, unknown>>;
  let buy: Buy;
  const account = MOCK_BUYERS[0].userId;

  beforeAll(async () => {
    const Checkout = (await load(readmeBlockWith('class Checkout'))).Checkout as new (
      ds: DropshippingService,
    ) => { buy: Buy };
    const checkout = new Checkout(suite.ds);
    buy = checkout.buy.bind(checkout);
  });

  it('orders the SKU of the colour asked, paid at once; the same cart again is already placed', async () => {
    const placed = await buy(account, 'cart-0001', '1005006154258794', 'Blue');
    expect(placed).toEqual({ orderIds: [expect.any(String)], payment: 'requested' });
    const [order] = suite.gateway.orders();
    expect(order).toMatchObject({ outOrderId: 'cart-0001', tryToPay: true, country: 'US' });
    expect(order.items).toEqual([
      expect.objectContaining({ productId: '1005006154258794', skuAttr: '14:173#Blue;5:361386' }),
    ]);
    await expect(buy(account, 'cart-0001', '1005006154258794', 'Blue')).resolves.toEqual({
      alreadyPlaced: 'cart-0001',
    });
    expect(suite.gateway.orders()).toHaveLength(1);
  });

  it('a failed auto-payment still places the order', async () => {
    suite.gateway.setAutoPay(TEST_APP.appKey, 'fail');
    await expect(buy(account, 'cart-0002', '1005005123456789')).resolves.toEqual({
      orderIds: [expect.any(String)],
      payment: 'failed',
    });
  });
});

describe('docs/mock-gateway.md "In tests", as written', () => {
  // every mock the snippet starts, stopped even when the snippet fails half-way
  const started: MockAliexpressGateway[] = [];
  const start = MockAliexpressGateway.prototype.start;
  beforeAll(() => {
    vi.spyOn(MockAliexpressGateway.prototype, 'start').mockImplementation(function (
      this: MockAliexpressGateway,
      ...args: Parameters<typeof start>
    ) {
      started.push(this);
      return start.apply(this, args);
    });
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await Promise.all(started.map((gateway) => gateway.stop().catch(() => undefined)));
  });

  it('starts the mock, compiles a module against it and stops both', async () => {
    const { run } = (await load(snippet('docs/mock-gateway.md', 0))) as {
      run: () => Promise<void>;
    };
    await expect(run()).resolves.toBeUndefined();
    expect(started).toHaveLength(1);
  });
});
