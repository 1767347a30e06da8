// npm run pack:lib — builds the library twice into dist/package (CommonJS at the package root, ES
// modules under esm/, each with declarations and source maps), adds its manifest, README and
// licence, checks what would be published, writes dist/nestjs-aliexpress-<version>.tgz with npm
// pack, and records the measured size in docs/npm-package.md.
import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'package');
const run = (cmd, args, cwd = root) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
const tsc = (project) =>
  run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project]);

rmSync(out, { recursive: true, force: true });
tsc('tsconfig.pack.json');
tsc('tsconfig.pack.esm.json');
writeFileSync(join(out, 'esm', 'package.json'), `${JSON.stringify({ type: 'module' })}\n`);

// The ES build loads its optional peers (ioredis, bullmq) the way the CommonJS build does, on first
// use, with a require made for the module's own location.
const requirePrelude =
  "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);\n";
function esmFiles(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return esmFiles(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}
for (const file of esmFiles(join(out, 'esm'))) {
  const code = readFileSync(file, 'utf8');
  if (/(^|[^.\w$])require\(/m.test(code)) writeFileSync(file, requirePrelude + code);
}

copyFileSync(join(root, 'libs/aliexpress/package.publish.json'), join(out, 'package.json'));
copyFileSync(join(root, 'README.md'), join(out, 'README.md'));
copyFileSync(join(root, 'LICENSE'), join(out, 'LICENSE'));

const [listing] = JSON.parse(run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], out));
const forbidden = listing.files
  .map((f) => f.path)
  .filter((p) =>
    /(\.spec\.|\.contract\.|\.e2e-spec\.|(^|\/)test\/|(^|\/)\.env|tsbuildinfo)/.test(p),
  );
if (forbidden.length) {
  console.error(
    `refusing to pack: these files must not be published:\n  ${forbidden.join('\n  ')}`,
  );
  process.exit(1);
}
for (const required of [
  'src/index.js',
  'src/index.d.ts',
  'testing/index.js',
  'testing/index.d.ts',
  'esm/package.json',
  'esm/src/index.js',
  'esm/src/index.d.ts',
  'esm/testing/index.js',
  'esm/testing/index.d.ts',
  'bin/aliexpress-doctor.js',
  'bin/aliexpress-mock-gateway.js',
  'README.md',
  'LICENSE',
]) {
  if (!listing.files.some((f) => f.path === required)) {
    console.error(`refusing to pack: ${required} is missing`);
    process.exit(1);
  }
}
const [packed] = JSON.parse(
  run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', join(root, 'dist')], out),
);
const tarball = join(root, 'dist', packed.filename);
const size = statSync(tarball).size;
const version = JSON.parse(readFileSync(join(out, 'package.json'), 'utf8')).version;
const kB = (bytes) => `${Math.round(bytes / 1024).toLocaleString('en')} kB`;
const figures = `${packed.entryCount} files, ${kB(size)} packed, ${kB(packed.unpackedSize)} unpacked`;
console.log(`packed nestjs-aliexpress@${version}: ${tarball}`);
console.log(`  ${figures}`);

// the guide quotes the last measurement, between its markers, never a figure typed by hand
const guide = join(root, 'docs', 'npm-package.md');
const text = readFileSync(guide, 'utf8');
const marked = /(<!-- pack-size -->)[\s\S]*?(<!-- \/pack-size -->)/;
if (marked.test(text)) {
  const updated = text.replace(marked, `$1${version}: ${figures}$2`);
  if (updated !== text) writeFileSync(guide, updated);
}
