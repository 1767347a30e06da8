import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './support/free-port.js';

const ROOT = join(__dirname, '..');
const MAIN = join(ROOT, 'apps', 'demo', 'src', 'main.ts');

/**
 * Starts the demo's entry point (`apps/demo/src/main.ts`, as `npm start` runs it, through ts-node)
 * with only the given settings: no inherited ALIEXPRESS_* variables, and a working directory of
 * its own so no developer's `.env` is read. Resolves once it exits (or is stopped after 45 s).
 */
async function runDemo(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const cwd = mkdtempSync(join(tmpdir(), 'demo-start-'));
  const child = spawn(
    process.execPath,
    // the hooks by path: the demo runs from a directory of its own, where package names would not resolve
    [
      '-r',
      join(ROOT, 'node_modules', 'ts-node', 'register', 'transpile-only.js'),
      '-r',
      join(ROOT, 'node_modules', 'tsconfig-paths', 'register.js'),
      MAIN,
    ],
    {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
        NO_COLOR: '1',
        PORT: String(await freePort()),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // a demo that starts anyway would listen forever: stop it, the assertions then say why
  const stop = setTimeout(() => child.kill(), 45_000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearTimeout(stop);
  rmSync(cwd, { recursive: true, force: true });
  return { code, output };
}

/** The lines of a stack trace, as Node and Nest's logger print them. */
const STACK_LINE = /^\s+at /m;

describe('demo start with an incomplete gateway configuration (the real entry point)', () => {
  it('an app key without a secret: one clear message, no stack trace, a failing exit code', async () => {
    const run = await runDemo({
      ALIEXPRESS_APP_KEY: '12345678',
      ALIEXPRESS_REDIRECT_URI: 'https://demo.example/aliexpress/callback',
    });
    expect(run.code).not.toBe(0);
    expect(run.code).not.toBeNull();
    expect(run.output).toContain(
      'ALIEXPRESS_APP_SECRET is missing: set it in .env (see .env.example) or unset ALIEXPRESS_APP_KEY to use the embedded mock gateway',
    );
    expect(run.output).not.toMatch(STACK_LINE);
    expect(run.output).not.toContain('Configuration key');
  }, 60_000);

  it('names every missing or bad setting at once', async () => {
    const run = await runDemo({
      ALIEXPRESS_APP_KEY: '12345678',
      ALIEXPRESS_BASE_URL: 'api-sg.aliexpress.com',
    });
    expect(run.code).not.toBe(0);
    expect(run.code).not.toBeNull();
    expect(run.output).toMatch(/ALIEXPRESS_APP_SECRET is missing/);
    expect(run.output).toMatch(/ALIEXPRESS_REDIRECT_URI is missing/);
    expect(run.output).toMatch(/ALIEXPRESS_BASE_URL .*absolute http\(s\) URL/);
    // one message: the demo stopped before starting anything, and said so once
    expect(run.output.match(/demo failed to start/g)).toHaveLength(1);
    expect(run.output).not.toMatch(/\[Nest\]/);
    expect(run.output).not.toMatch(STACK_LINE);
  }, 60_000);

  it('a secret without an app key is refused rather than silently ignored for the mock', async () => {
    const run = await runDemo({ ALIEXPRESS_APP_SECRET: 'some-secret' });
    expect(run.code).not.toBe(0);
    expect(run.code).not.toBeNull();
    expect(run.output).toMatch(
      /ALIEXPRESS_APP_KEY is missing .*ALIEXPRESS_APP_SECRET is set.*unset ALIEXPRESS_APP_SECRET to use the embedded mock gateway/,
    );
    expect(run.output).not.toMatch(STACK_LINE);
  }, 60_000);
});
