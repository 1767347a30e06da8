import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { describeWhenAvailable } from './required-tool.js';

/** A Redis for the tests: our own redis-server (restartable) or the one REDIS_URL names. */
export interface RedisHandle {
  url: string;
  /** True when the tests started the server and may stop and restart it. */
  restartable: boolean;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Why the Redis suites cannot run here, or undefined when they can. */
export function redisUnavailable(): string | undefined {
  if (process.env.REDIS_URL) return undefined;
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return found.status === 0
    ? undefined
    : 'no redis-server binary on PATH and no REDIS_URL (apt-get install -y redis-server)';
}

/**
 * `describe` for suites that need Redis. Where Redis is missing they are skipped with a warning on
 * a developer's machine, but under `CI=true` the missing Redis fails the run: CI never passes
 * without having run them.
 */
export function describeWithRedis(): typeof describe.skip {
  return describeWhenAvailable('Redis suites', redisUnavailable());
}

/** Starts redis-server on a free port (append-only file on, so a restart keeps the data), or uses REDIS_URL. */
export async function startRedis(): Promise<RedisHandle> {
  if (process.env.REDIS_URL) {
    const url = process.env.REDIS_URL;
    const refuse = () =>
      Promise.reject(new Error('REDIS_URL server cannot be restarted by the tests'));
    return { url, restartable: false, stop: refuse, start: refuse, close: () => Promise.resolve() };
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'redis-test-'));
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'yes',
    '--appendfsync',
    'always',
    '--dir',
    dir,
  ];
  let child: ChildProcess | undefined;

  const start = () =>
    new Promise<void>((resolve, reject) => {
      const proc = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
      child = proc;
      let output = '';
      const timer = setTimeout(
        () => reject(new Error(`redis-server did not start: ${output.slice(-500)}`)),
        10_000,
      );
      proc.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        if (!output.includes('Ready to accept connections'))
          reject(new Error(`redis-server exited (${code}): ${output.slice(-500)}`));
      });
    });

  const stop = () =>
    new Promise<void>((resolve) => {
      const proc = child;
      child = undefined;
      if (!proc || proc.exitCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
    });

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    restartable: true,
    stop,
    start,
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
