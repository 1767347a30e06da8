// npm run pack:lib — builds the library (CommonJS, declarations, source maps) into dist/package,
// adds its manifest, README and licence, checks what would be published, and writes
// dist/nestjs-aliexpress-<version>.tgz with npm pack.
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'package');
const run = (cmd, args, cwd = root) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

rmSync(out, { recursive: true, force: true });
run(process.execPath, [
  join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
  '-p',
  'tsconfig.pack.json',
]);
copyFileSync(join(root, 'libs/aliexpress/package.publish.json'), join(out, 'package.json'));
copyFileSync(join(root, 'libs/aliexpress/README.md'), join(out, 'README.md'));
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
  'bin/aliexpress-doctor.js',
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
console.log(`packed nestjs-aliexpress@${version}: ${tarball}`);
console.log(
  `  ${packed.entryCount} files, ${(size / 1024).toFixed(1)} kB packed, ${(packed.unpackedSize / 1024).toFixed(1)} kB unpacked`,
);
