// npm run test:consumer — installs the packed library into a fresh app in a temporary folder, as a
// stranger would, compiles it with tsc --strict and skipLibCheck: false, and runs the OAuth flow
// and a DropshippingService call against the package's own mock gateway.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args, cwd, env = {}) =>
  execFileSync(cmd, args, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });

run('node', ['scripts/pack-lib.mjs'], root);
const tarball = readdirSync(join(root, 'dist')).find((f) => /^nestjs-aliexpress-.*\.tgz$/.test(f));
// NestJS 11, and 10: the peer range the package declares
for (const nest of (process.env.CONSUMER_NEST_VERSIONS ?? '11,10').split(',')) {
  const dir = mkdtempSync(join(tmpdir(), 'nestjs-aliexpress-consumer-'));
  try {
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'consumer-app', private: true, version: '1.0.0' }, null, 2),
    );
    for (const file of ['main.ts', 'tsconfig.json'])
      copyFileSync(join(root, 'test/consumer/app', file), join(dir, file));
    run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        join(root, 'dist', tarball),
        `@nestjs/common@^${nest}`,
        `@nestjs/core@^${nest}`,
        `@nestjs/platform-express@^${nest}`,
        'reflect-metadata@^0.2',
        'rxjs@^7',
        'typescript@~5.9',
        '@types/node@^20',
      ],
      dir,
    );
    run('npx', ['tsc', '-p', 'tsconfig.json'], dir);
    const port = await new Promise((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = server.address();
        server.close(() => resolve(p));
      });
    });
    run('node', ['dist/main.js'], dir, { CONSUMER_PORT: String(port) });
    console.log(`consumer test passed: ${tarball} in a fresh NestJS ${nest} app`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
