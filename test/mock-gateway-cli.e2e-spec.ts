import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  AffiliateService,
  AliexpressModule,
  AliexpressSignatureError,
  GatewayClient,
} from 'nestjs-aliexpress';
import { freePort } from './support/free-port.js';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'libs/aliexpress/bin/aliexpress-mock-gateway.ts');
/** The bin from its sources, as `npm run mock-gateway` runs it (the package ships it compiled). */
const NODE_ARGS = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', BIN];
const APP_KEY = '31337';
const SECRET = 'cli-e2e-secret-7c1d';

/** The environment without any ALIEXPRESS_* or MOCK_* setting of the machine running the tests. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(ALIEXPRESS|MOCK)_/.test(name)),
  );
  return { ...env, ...extra };
}

function runToEnd(args: string[]) {
  const run = spawnSync(process.execPath, [...NODE_ARGS, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: cleanEnv(),
    timeout: 60_000,
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

/** Resolves with everything printed once the start banner is complete. */
function banner(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no start within 50 s: ${err}`)), 50_000);
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('Ctrl-C stops it.')) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code}) before starting: ${err || out}`));
    });
  });
}

describe('aliexpress-mock-gateway (the bin, as a child process)', () => {
  it('--help: usage with every flag and its environment variable, exit 0', () => {
    const run = runToEnd(['--help']);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^aliexpress-mock-gateway: /);
    for (const [flag, variable] of [
      ['--port', 'MOCK_GATEWAY_PORT'],
      ['--host', 'MOCK_GATEWAY_HOST'],
      ['--app-key', 'ALIEXPRESS_APP_KEY'],
      ['--app-secret', 'ALIEXPRESS_APP_SECRET'],
      ['--redirect-uri', 'MOCK_REDIRECT_URIS'],
      ['--webhook-url', 'MOCK_WEBHOOK_URL'],
    ])
      expect(run.out).toMatch(new RegExp(`${flag} .*${variable}`));
    expect(run.err).toBe('');
  }, 60_000);

  it('a bad flag: one clear line on stderr, exit 2, no stack trace', () => {
    const run = runToEnd(['--prot', '8787']);
    expect(run.code).toBe(2);
    expect(run.err).toBe('aliexpress-mock-gateway: unknown flag --prot (see --help)\n');
    expect(run.out).toBe('');
  }, 60_000);

  describe('started on a free port', () => {
    let child: ChildProcess;
    let printed: string;
    let url: string;
    let moduleRef: TestingModule;

    beforeAll(async () => {
      const port = await freePort();
      child = spawn(
        process.execPath,
        [
          ...NODE_ARGS,
          '--port',
          String(port),
          '--app-key',
          APP_KEY,
          '--redirect-uri',
          'http://localhost:4100/aliexpress/callback',
        ],
        {
          cwd: ROOT,
          env: cleanEnv({ ALIEXPRESS_APP_SECRET: SECRET, ALIEXPRESS_APP_KEY: 'overridden' }),
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      printed = await banner(child);
      url = `http://127.0.0.1:${port}`;
      moduleRef = await Test.createTestingModule({
        imports: [
          AliexpressModule.forRoot({
            appKey: APP_KEY,
            appSecret: SECRET,
            baseUrl: url,
            controller: false,
          }),
        ],
      }).compile();
    }, 60_000);

    afterAll(async () => {
      await moduleRef?.close();
      if (child && child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    });

    it('prints the base URL, the app key (the flag over the variable) and the consent page; never the secret', () => {
      expect(printed).toContain(`listening on ${url}\n`);
      expect(printed).toContain(`app key:        ${APP_KEY}\n`);
      expect(printed).toContain(
        `${url}/oauth/authorize?response_type=code&client_id=${APP_KEY}&redirect_uri=http%3A%2F%2Flocalhost%3A4100%2Faliexpress%2Fcallback`,
      );
      expect(printed).not.toContain(SECRET);
    });

    it('answers a request signed with that app secret, and refuses another secret', async () => {
      const page = await moduleRef.get(AffiliateService).queryProducts({ keywords: 'bottle' });
      expect(page.products.length).toBeGreaterThan(0);
      const forged = await Test.createTestingModule({
        imports: [
          AliexpressModule.forRoot({
            appKey: APP_KEY,
            appSecret: 'not-the-secret',
            baseUrl: url,
            controller: false,
          }),
        ],
      }).compile();
      try {
        const error = await forged
          .get(GatewayClient)
          .callApp('aliexpress.affiliate.product.query', { keywords: 'bottle' })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AliexpressSignatureError);
      } finally {
        await forged.close();
      }
    });

    it('serves the consent page it printed', async () => {
      const consent = /consent page: +(\S+)/.exec(printed)?.[1];
      expect(consent).toBeDefined();
      const res = await fetch(consent as string);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(await res.text()).toMatch(/Approve/);
    });

    it('stops on SIGTERM with exit code 0', async () => {
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    });
  });
});
