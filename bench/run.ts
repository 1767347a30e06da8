/**
 * `npm run bench`: every benchmark in plain Node (not under Jest); prints each figure and writes
 * bench/results.md with the machine's description.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { machine, type BenchResult } from './bench-harness.js';
import { perCallBench } from './per-call.bench.js';
import { pacingBench } from './pacing.bench.js';
import { signingBench } from './signing.bench.js';
import { accessTokenBench, memoryBench } from './tokens.bench.js';
import { webhookBench } from './webhook.bench.js';

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const all: Array<[string, () => Promise<BenchResult>]> = [
    ['signing', signingBench],
    ['per-call', perCallBench],
    ['tokens', accessTokenBench],
    ['memory', memoryBench],
    ['pacing', () => pacingBench(20)],
    ['webhook', () => webhookBench(200, 5)],
  ];
  const results: BenchResult[] = [];
  for (const [name, run] of all) {
    if (only.length && !only.includes(name)) continue;
    process.stdout.write(`${name}… `);
    const result = await run();
    results.push(result);
    process.stdout.write(
      `${result.figure} (goal ${result.goal}) ${result.met ? 'MET' : 'NOT MET'}\n  ${result.detail}\n`,
    );
    for (const [what, value] of result.breakdown ?? [])
      process.stdout.write(`    ${what}: ${value}\n`);
  }
  const report = [
    '# Benchmark results',
    '',
    `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machine()}.`,
    '',
    '| benchmark | figure | goal | met | detail |',
    '|---|---|---|---|---|',
    ...results.map(
      (r) => `| ${r.name} | ${r.figure} | ${r.goal} | ${r.met ? 'yes' : 'no'} | ${r.detail} |`,
    ),
    '',
    ...results
      .filter((r) => r.breakdown?.length)
      .flatMap((r) => [
        `## Where the time goes: ${r.name}`,
        '',
        '| measured | time |',
        '|---|---|',
        ...(r.breakdown ?? []).map(([what, value]) => `| ${what} | ${value} |`),
        '',
      ]),
  ].join('\n');
  if (!only.length) writeFileSync(join(__dirname, 'results.md'), report);
  process.stdout.write(`\n${report}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
