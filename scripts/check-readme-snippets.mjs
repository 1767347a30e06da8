// node scripts/check-readme-snippets.mjs [file.md | folder …] — part of `npm run lint`: every ```ts
// block of README.md (or of the Markdown files given; a folder stands for the `*.md` files directly
// in it, so no shell glob is needed) must compile as written. Each block is written to its
// own module under node_modules/.cache/readme-snippets/ and type-checked with TypeScript against
// the repository's sources, imported as a user imports them (`nestjs-aliexpress`,
// `nestjs-aliexpress/testing`). So each block stands alone: it declares its own imports; top-level
// `await` is allowed. Errors are reported at their line in the Markdown file.
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** A Markdown file as given, or the `*.md` files directly in a folder, in name order. */
function markdownFiles(path) {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) {
    console.error(`check-readme-snippets: no such file or folder: ${relative(root, path)}`);
    process.exit(1);
  }
  if (!stats.isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => join(path, name));
}
const files = process.argv.slice(2).flatMap((arg) => markdownFiles(resolve(arg)));
if (files.length === 0) files.push(join(root, 'README.md'));

/** The ```ts blocks of a Markdown text: their code and the line (1-based) of their first line. */
function tsBlocks(text) {
  const blocks = [];
  let current;
  text.split(/\r?\n/).forEach((line, index) => {
    if (current) {
      if (/^\s{0,3}```\s*$/.test(line)) {
        blocks.push(current);
        current = undefined;
      } else {
        current.lines.push(line);
      }
    } else if (/^\s{0,3}```(ts|typescript)\s*$/.test(line)) {
      current = { firstLine: index + 2, lines: [] };
    }
  });
  return blocks.map(({ firstLine, lines }) => ({ firstLine, code: lines.join('\n') }));
}

const dir = join(root, 'node_modules', '.cache', 'readme-snippets', String(process.pid));
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

/** snippet file → where its code came from */
const origins = new Map();
for (const file of files) {
  tsBlocks(readFileSync(file, 'utf8')).forEach(({ firstLine, code }, index) => {
    const snippet = join(dir, `${relative(root, file).replace(/[^\w.-]+/g, '_')}.${index + 1}.ts`);
    // `export {}` makes every block a module of its own, so two blocks may declare the same names
    writeFileSync(snippet, `${code}\nexport {};\n`);
    origins.set(snippet, { file, firstLine });
  });
}

const options = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ES2022,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  types: ['node'],
  strict: true,
  noImplicitOverride: true,
  esModuleInterop: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  useDefineForClassFields: false,
  skipLibCheck: true,
  noEmit: true,
  paths: {
    'nestjs-aliexpress': [join(root, 'libs/aliexpress/src/index.ts')],
    'nestjs-aliexpress/testing': [join(root, 'libs/aliexpress/testing/index.ts')],
  },
};
/** The library's own ambient declarations (`*.d.ts` for untyped dependencies), as tsc sees them. */
function declarationsUnder(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return declarationsUnder(path);
    return entry.name.endsWith('.d.ts') ? [path] : [];
  });
}
const program = ts.createProgram(
  [...origins.keys(), ...declarationsUnder(join(root, 'libs'))],
  options,
);
const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n    ');
  if (!diagnostic.file) return message;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
  const origin = origins.get(resolve(diagnostic.file.fileName));
  const where = origin
    ? `${relative(root, origin.file)}:${origin.firstLine + line}:${character + 1}`
    : `${relative(root, diagnostic.file.fileName)}:${line + 1}:${character + 1}`;
  return `${where}: TS${diagnostic.code} ${message}`;
});
rmSync(dir, { recursive: true, force: true });

const names = files.map((file) => relative(root, file)).join(', ');
if (problems.length) {
  console.error(`check-readme-snippets: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-readme-snippets: the ${origins.size} TypeScript snippet(s) of ${names} compile`);
