/**
 * `npm run bench:profile`: the raw client and getProduct in loops against the mock gateway in
 * another process, each loop under V8's sampling profiler; prints the self time per call by package
 * and by function, side by side, to show where getProduct's extra time goes.
 */
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AliexpressModule, DropshippingService, TokenService } from 'nestjs-aliexpress';
import { parseGatewayJson } from '../libs/aliexpress/src/gateway/gateway-json.parser.js';
import { Session } from 'node:inspector/promises';
import { join, relative } from 'node:path';
import { MOCK_BUYERS, MOCK_TEN_SKU_PRODUCT } from '../libs/aliexpress/testing/mock-fixtures.js';
import { BENCH_APP } from './bench-harness.js';
import { startGatewayProcess } from './gateway-process.js';
import { createRawClient } from './raw-client.js';

const CALLS = Number(process.env.PROFILE_CALLS ?? 5000);
const ROOT = join(__dirname, '..');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame belongs: a package, a folder of the library, Node itself, or V8 (GC, idle). */
function owner(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const path = relative(ROOT, url.replace(/^file:\/\//, ''));
  return path.startsWith('libs/aliexpress/src/') ? path.split('/').slice(0, 4).join('/') : path;
}

/** Self time per call (µs) by owner and by function. */
interface SelfTimes {
  owners: Map<string, number>;
  functions: Map<string, number>;
}

function selfTimes(profile: CpuProfile, calls: number): SelfTimes {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const owners = new Map<string, number>();
  const functions = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, t: number) => m.set(k, (m.get(k) ?? 0) + t);
  profile.samples.forEach((id, i) => {
    const time = profile.timeDeltas[i] / calls;
    const { callFrame } = byId.get(id) as ProfileNode;
    const who = owner(callFrame.url, callFrame.functionName);
    add(owners, who, time);
    add(
      functions,
      `${callFrame.functionName || '(anonymous)'} ${who}:${callFrame.lineNumber + 1}`,
      time,
    );
  });
  return { owners, functions };
}

/** The library's self time against the raw client's, largest differences first. */
function compare(raw: SelfTimes, library: SelfTimes): string {
  const rows = (a: Map<string, number>, b: Map<string, number>, n: number) =>
    [...new Set([...a.keys(), ...b.keys()])]
      .map((k): [string, number, number] => [k, a.get(k) ?? 0, b.get(k) ?? 0])
      .sort((x, y) => Math.abs(y[2] - y[1]) - Math.abs(x[2] - x[1]))
      .slice(0, n)
      .map(
        ([k, r, l]) =>
          `${r.toFixed(1).padStart(8)} ${l.toFixed(1).padStart(8)} ${(l - r).toFixed(1).padStart(8)}  ${k}`,
      );
  const total = (m: Map<string, number>) =>
    [...m].filter(([k]) => k !== '(idle)').reduce((s, [, t]) => s + t, 0);
  return [
    `${CALLS} calls each; sampled self time per call in µs (idle left out of the totals)`,
    `     raw  library     diff`,
    `${total(raw.owners).toFixed(1).padStart(8)} ${total(library.owners).toFixed(1).padStart(8)} ${(total(library.owners) - total(raw.owners)).toFixed(1).padStart(8)}  total`,
    'by owner:',
    ...rows(raw.owners, library.owners, 20),
    'by function:',
    ...rows(raw.functions, library.functions, 45),
  ].join('\n');
}

/** Profiles `call` run `calls` times in sequence (only the loop, not the startup). */
async function profileLoop(
  session: Session,
  call: () => Promise<unknown>,
  calls: number,
): Promise<CpuProfile> {
  for (let i = 0; i < calls / 5; i++) await call(); // warm-up: compiled, caches filled
  await session.post('Profiler.start');
  for (let i = 0; i < calls; i++) await call();
  const { profile } = await session.post('Profiler.stop');
  return profile as unknown as CpuProfile;
}

async function main(): Promise<void> {
  const gateway = await startGatewayProcess();
  Logger.overrideLogger(['error']);
  const app = await NestFactory.createApplicationContext(
    AliexpressModule.forRoot({
      appKey: BENCH_APP.appKey,
      appSecret: BENCH_APP.appSecret,
      baseUrl: gateway.url,
      controller: false,
    }),
    { logger: ['error'] },
  );
  const session = new Session();
  session.connect();
  try {
    const tokens = app.get(TokenService);
    await tokens.exchangeCode(await gateway.issueCode());
    const dropshipping = app.get(DropshippingService);
    const input = { productId: MOCK_TEN_SKU_PRODUCT.productId, shipToCountry: 'US' };
    const account = MOCK_BUYERS[0].userId;
    const raw = createRawClient(
      gateway.url,
      'aliexpress.ds.product.get',
      { product_id: input.productId, ship_to_country: input.shipToCountry },
      await tokens.getAccessToken(account),
    );
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 50 });
    const rawProfile = await profileLoop(
      session,
      async () => parseGatewayJson(await raw.post()),
      CALLS,
    );
    await gateway.clearRequests();
    const libraryProfile = await profileLoop(
      session,
      () => dropshipping.getProduct(account, input),
      CALLS,
    );
    raw.close();
    process.stdout.write(
      `${compare(selfTimes(rawProfile, CALLS), selfTimes(libraryProfile, CALLS))}\n`,
    );
  } finally {
    session.disconnect();
    await app.close();
    await gateway.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`profile failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
