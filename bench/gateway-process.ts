import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { BENCH_APP } from './bench-harness.js';

/** A mock gateway running in its own process, so its CPU time is not counted as the client's. */
export interface GatewayProcess {
  /** Base URL, `http://127.0.0.1:<port>`. */
  url: string;
  /** Connects the first test buyer: an OAuth code from the consent endpoint, approved at once. */
  issueCode(): Promise<string>;
  /** Empties the mock's request log (it grows by one entry per call). */
  clearRequests(): Promise<void>;
  stop(): Promise<void>;
}

const ROOT = join(__dirname, '..');
const LISTENING = /listening on (http:\/\/\S+)/;

/**
 * Starts `libs/aliexpress/testing/mock-gateway.main.ts` (what `npm run mock-gateway` runs) on an
 * ephemeral port of 127.0.0.1, registered with the bench app, and waits for its URL.
 */
export async function startGatewayProcess(): Promise<GatewayProcess> {
  const child = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      join(ROOT, 'libs/aliexpress/testing/mock-gateway.main.ts'),
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        MOCK_GATEWAY_PORT: '0',
        ALIEXPRESS_APP_KEY: BENCH_APP.appKey,
        ALIEXPRESS_APP_SECRET: BENCH_APP.appSecret,
        MOCK_REDIRECT_URIS: BENCH_APP.redirectUris.join(','),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const url = await waitForUrl(child);
  // the per-call figures measure client CPU, not pacing (bench/pacing.bench.ts does): the
  // product.get limit (500 calls a second) is lifted, and the clients run with qpsLimits: false
  const lifted = await fetch(new URL('/__mock/qps', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ method: 'aliexpress.ds.product.get', limit: null }),
  });
  if (!lifted.ok) throw new Error(`could not lift the mock's product.get limit: ${lifted.status}`);
  return {
    url,
    async issueCode() {
      const authorize = new URL('/oauth/authorize', url);
      authorize.search = new URLSearchParams({
        response_type: 'code',
        client_id: BENCH_APP.appKey,
        redirect_uri: BENCH_APP.redirectUris[0],
        decision: 'approve',
      }).toString();
      const res = await fetch(authorize, { redirect: 'manual' });
      const code = new URL(res.headers.get('location') ?? '', url).searchParams.get('code');
      if (res.status !== 302 || !code) throw new Error(`consent refused: HTTP ${res.status}`);
      return code;
    },
    clearRequests: () => clearMockRequests(url),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`the mock gateway did not start within 30 s: ${err || out}`));
    }, 30_000);
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const url = LISTENING.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        child.stdout?.removeAllListeners('data');
        child.stdout?.resume();
        resolve(url);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the mock gateway exited (${code}): ${err || out}`));
    });
  });
}

/**
 * Empties the request log of the mock at `url`, on a connection of its own (a pooled keep-alive
 * socket may be closed by the mock while idle between two measures).
 */
export function clearMockRequests(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL('/__mock/requests', url),
      { method: 'DELETE', agent: false },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}
