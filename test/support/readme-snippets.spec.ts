import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const script = join(__dirname, '..', '..', 'scripts', 'check-readme-snippets.mjs');

/** Runs the snippet check on a Markdown text; its exit code and output. */
async function check(markdown: string): Promise<{ code: number; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'snippets-'));
  const file = join(dir, 'GUIDE.md');
  writeFileSync(file, markdown);
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [script, file]);
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('scripts/check-readme-snippets.mjs', () => {
  it('passes standalone snippets, fails a broken one at its Markdown line', async () => {
    const markdown = [
      '# Guide', // 1
      '', // 2
      '```ts', // 3
      "import { AliexpressModule } from 'nestjs-aliexpress';", // 4
      "const mod = AliexpressModule.forRoot({ appKey: 'k', appSecret: 's' });", // 5
      '```', // 6
      '', // 7
      '```ts', // 8
      "import { MockAliexpressGateway } from 'nestjs-aliexpress/testing';", // 9
      '// the same name as in the first block: each block is its own module', // 10
      'const mod = new MockAliexpressGateway({ apps: [] });', // 11
      'await mod.start();', // 12
      '```', // 13
      '', // 14
      '```ts', // 15
      "import { AliexpressModule } from 'nestjs-aliexpress';", // 16
      "AliexpressModule.forRoot({ appKey: 'k', appSecret: 's', timeout: 5 });", // 17
      '```', // 18
      '',
    ].join('\n');
    const { code, output } = await check(markdown);
    expect(code).toBe(1);
    expect(output).toMatch(/GUIDE\.md:17:\d+: TS\d+ .*'timeout' does not exist/);
    expect(output).toContain('1 problem(s)');
  }, 60_000);
});
