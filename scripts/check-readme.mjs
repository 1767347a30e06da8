// node scripts/check-readme.mjs [root] — part of `npm run lint`: keeps the README short and honest.
// Fails when README.md exceeds 250 lines, when its first 40 lines lack `npm start` or `npm test`
// (the two commands a newcomer runs first), or when a relative Markdown link in docs/**/*.md, or a
// link of README.md to this repository's files, points to a file that does not exist (or, into a
// Markdown file, to a heading it lacks). README.md is also the npm package's page, where a
// relative link would resolve against the package's folder: it links to the repository's files by
// absolute URL (`<repository>/blob/main/docs/…`, the repository of the package manifest), and a
// relative link in it is a problem. `root` defaults to the repository.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAX_LINES = 250;
const HEAD_LINES = 40;
const HEAD_COMMANDS = ['npm start', 'npm test'];

const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
const problems = [];

/**
 * `https://github.com/<owner>/<name>/blob/main/` from the package manifest's repository, or
 * undefined when the root has no manifest (README links are then only refused when relative).
 */
function repositoryFilesUrl() {
  const manifest = join(root, 'libs', 'aliexpress', 'package.publish.json');
  if (!existsSync(manifest)) return undefined;
  const { repository } = JSON.parse(readFileSync(manifest, 'utf8'));
  const url = typeof repository === 'string' ? repository : repository?.url;
  const match = /github\.com[/:]([^/]+\/[^/]+?)(?:\.git)?$/.exec(url ?? '');
  return match ? `https://github.com/${match[1]}/blob/main/` : undefined;
}
const filesUrl = repositoryFilesUrl();

/** The file's lines, without the empty string a final newline leaves. */
function linesOf(text) {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Markdown files under a folder, recursively. */
function markdownUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownUnder(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

/** Lines outside fenced code blocks, with their 1-based numbers. */
function proseLines(text) {
  const prose = [];
  let fence;
  linesOf(text).forEach((raw, index) => {
    const opening = /^\s{0,3}(`{3,}|~{3,})/.exec(raw);
    if (fence) {
      if (opening && opening[1][0] === fence[0] && opening[1].length >= fence.length) {
        fence = undefined;
      }
    } else if (opening) {
      fence = opening[1];
    } else {
      prose.push({ raw, number: index + 1 });
    }
  });
  return prose;
}

/**
 * Link targets of a Markdown text with their line numbers: inline links and images
 * (`[text](target "title")`, `[text](<target>)`) and reference definitions (`[id]: target`).
 * Fenced code blocks and inline code are skipped: a link shown as code is not a link.
 */
function linkTargets(text) {
  const targets = [];
  for (const { raw, number } of proseLines(text)) {
    const line = raw.replace(/(`+).*?\1/g, '');
    const definition = /^\s{0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/.exec(line);
    if (definition) targets.push({ target: definition[1], line: number });
    for (const match of line.matchAll(/\]\(\s*(<[^>]*>|[^)\s]+)/g)) {
      targets.push({ target: match[1], line: number });
    }
  }
  return targets.map(({ target, line }) => ({ target: target.replace(/^<|>$/g, ''), line }));
}

/** The anchors GitHub gives a Markdown file's headings (`## Token stores` → `token-stores`). */
function anchorsOf(text) {
  const seen = new Map();
  const anchors = new Set();
  for (const { raw } of proseLines(text)) {
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(raw);
    if (!heading) continue;
    const slug = heading[1]
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count ? `${slug}-${count}` : slug);
  }
  return anchors;
}

/** A target inside this repository (not a URL or a mail address). */
function isRelative(target) {
  return target !== '' && !/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(target);
}

const readmePath = join(root, 'README.md');
if (!existsSync(readmePath)) {
  problems.push('README.md is missing');
} else {
  const lines = linesOf(readFileSync(readmePath, 'utf8'));
  if (lines.length > MAX_LINES) {
    problems.push(
      `README.md has ${lines.length} lines, more than ${MAX_LINES}: move detail to docs/`,
    );
  }
  const head = lines.slice(0, HEAD_LINES).join('\n');
  for (const command of HEAD_COMMANDS) {
    if (!head.includes(command)) {
      problems.push(`README.md: \`${command}\` is not in the first ${HEAD_LINES} lines`);
    }
  }
}

for (const file of [readmePath, ...markdownUnder(join(root, 'docs'))]) {
  if (!existsSync(file)) continue;
  const where = (line) => `${relative(root, file)}:${line}`;
  const isReadme = file === readmePath;
  for (const { target: written, line } of linkTargets(readFileSync(file, 'utf8'))) {
    let target = written;
    if (isReadme && isRelative(target) && !target.startsWith('#')) {
      problems.push(
        `${where(line)}: relative link ${target}: README.md is also the npm page, link ${filesUrl ?? '<repository>/blob/main/'}${target.replace(/^\.?\//, '')}`,
      );
      continue;
    }
    if (isReadme && filesUrl && target.startsWith(filesUrl)) {
      target = `/${target.slice(filesUrl.length)}`;
    } else if (!isRelative(target)) {
      continue;
    }
    const [, rawPath, fragment] = /^([^?#]*)(?:\?[^#]*)?(?:#(.*))?$/.exec(target);
    let path;
    let anchor;
    try {
      path = decodeURIComponent(rawPath);
      anchor = fragment === undefined ? undefined : decodeURIComponent(fragment).toLowerCase();
    } catch {
      problems.push(`${where(line)}: malformed link ${target}`);
      continue;
    }
    const absolute =
      path === '' ? file : path.startsWith('/') ? join(root, path) : resolve(dirname(file), path);
    if (!existsSync(absolute)) {
      problems.push(`${where(line)}: link to a missing file: ${target}`);
    } else if (anchor && absolute.endsWith('.md') && statSync(absolute).isFile()) {
      if (!anchorsOf(readFileSync(absolute, 'utf8')).has(anchor)) {
        problems.push(`${where(line)}: link to a missing heading: ${target}`);
      }
    }
  }
}

if (problems.length) {
  console.error(`check-readme: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('check-readme: README.md and docs/ links are in order');
