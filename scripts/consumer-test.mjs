// npm run test:consumer — installs the packed library into fresh apps in temporary folders, as a
// stranger would (plain `npm install`, no flag, no override), and fails on any peer-dependency
// warning. Each app compiles with strict and skipLibCheck: false, then runs the same flow
// (test/consumer/src: OAuth against the package's mock gateway, getProduct, createOrder, the order's
// status through @OnOrderStatus()) from its compiled main and, where it has one, from its test runner:
//   esm-vitest  what `nest new` makes by default: NestJS 12, "type": "module", NodeNext, Vitest 4,
//               TypeScript 6, and the same sources type-checked by TypeScript 7;
//   cjs-jest    `nest new`'s other choice: NestJS 12, CommonJS, Jest 30;
//   nest11, nest10  CommonJS apps on the previous majors, TypeScript 5.9 (nest10 with Jest 30 as
//               CommonJS, as such apps have always run it).
// CONSUMER_APPS=esm-vitest,nest10 runs some of them.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const consumer = join(root, 'test', 'consumer');

/** Runs a command in `cwd`, printing its output; returns the output; throws when it fails. */
function run(cmd, args, cwd, env = {}) {
  const result = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  process.stdout.write(output);
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd} (exit ${result.status})`);
  }
  return output;
}

const nest = (major) => [
  `@nestjs/common@^${major}`,
  `@nestjs/core@^${major}`,
  `@nestjs/platform-express@^${major}`,
  'reflect-metadata@^0.2',
  'rxjs@^7',
];

const apps = {
  'esm-vitest': {
    type: 'module',
    config: 'esm-vitest',
    packages: [
      ...nest(12),
      'typescript@^6.0.2',
      'typescript7@npm:typescript@^7.0.2',
      'vitest@^4.1.2',
      'vite@^8.0.0',
      '@types/node@^24',
    ],
    typescript: { typescript: '6.', typescript7: '7.' },
    typecheck: [
      ['node', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit']],
      ['node', ['node_modules/typescript7/bin/tsc', '-p', 'tsconfig.json', '--noEmit']],
    ],
    build: ['node', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']],
    specs: ['npx', ['vitest', 'run']],
    bins: true,
  },
  'cjs-jest': {
    config: 'cjs-jest',
    packages: [
      ...nest(12),
      'typescript@^6.0.2',
      'jest@^30',
      'ts-jest@^29.4',
      '@types/jest@^30',
      '@types/node@^24',
    ],
    typescript: { typescript: '6.' },
    typecheck: [['node', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit']]],
    build: ['node', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']],
    specs: ['node', ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js']],
  },
  nest11: {
    config: 'cjs',
    packages: [...nest(11), 'typescript@~5.9', '@types/node@^20'],
    typescript: { typescript: '5.9' },
    typecheck: [],
    build: ['node', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json']],
  },
  nest10: {
    config: 'cjs',
    packages: [
      ...nest(10),
      'typescript@~5.9',
      '@types/node@^20',
      'jest@^30',
      'ts-jest@^29.4',
      '@types/jest@^30',
    ],
    typescript: { typescript: '5.9' },
    typecheck: [
      ['node', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.spec.json', '--noEmit']],
    ],
    build: ['node', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json']],
    specs: ['node', ['node_modules/jest/bin/jest.js']],
  },
};

const chosen = (process.env.CONSUMER_APPS ?? Object.keys(apps).join(',')).split(',');
for (const name of chosen) if (!apps[name]) throw new Error(`no consumer app named ${name}`);

execFileSync('node', ['scripts/pack-lib.mjs'], { cwd: root, stdio: 'inherit' });
const tarball = join(
  root,
  'dist',
  readdirSync(join(root, 'dist')).find((f) => /^nestjs-aliexpress-.*\.tgz$/.test(f)),
);

for (const name of chosen) {
  const app = apps[name];
  const dir = mkdtempSync(join(tmpdir(), `nestjs-aliexpress-${name}-`));
  console.log(`\n== consumer ${name} in ${dir}`);
  try {
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify(
        { name: `consumer-${name}`, private: true, version: '1.0.0', type: app.type },
        null,
        2,
      ),
    );
    cpSync(join(consumer, 'src'), join(dir, 'src'), { recursive: true });
    cpSync(join(consumer, 'apps', app.config), dir, { recursive: true });
    const installed = run(
      'npm',
      ['install', '--no-audit', '--no-fund', tarball, ...app.packages],
      dir,
    );
    const peerLines = installed.split('\n').filter((line) => /peer|ERESOLVE/i.test(line));
    if (peerLines.length) {
      throw new Error(`npm install warned about peer dependencies:\n${peerLines.join('\n')}`);
    }
    // each compiler by its own path (two TypeScripts in one app both claim the `tsc` command)
    for (const [pkg, major] of Object.entries(app.typescript)) {
      const version = run('node', [`node_modules/${pkg}/bin/tsc`, '--version'], dir);
      if (!version.includes(`Version ${major}`)) {
        throw new Error(`${pkg} is not TypeScript ${major}x: ${version.trim()}`);
      }
    }
    for (const [cmd, args] of app.typecheck) run(cmd, args, dir);
    run(...app.build, dir);
    const started = run('node', ['--trace-warnings', 'dist/main.js'], dir);
    if (/ERR_REQUIRE_ESM|Warning:/.test(started)) {
      throw new Error(`dist/main.js printed a module warning or error (above)`);
    }
    if (app.specs) run(...app.specs, dir);
    if (app.bins) {
      const help = run('npx', ['--no-install', 'aliexpress-mock-gateway', '--help'], dir);
      if (!/--port/.test(help)) throw new Error('aliexpress-mock-gateway --help lists no --port');
    }
    console.log(`consumer test passed: ${name}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(`\nconsumer tests passed: ${chosen.join(', ')}`);
