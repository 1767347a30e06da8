import { MemoryTokenStore, TokenService, type StoredToken } from 'nestjs-aliexpress';
import { randomBytes } from 'node:crypto';
import { Bench } from 'tinybench';
import { BENCH_APP, benchContext, perSecond, type BenchResult } from './bench-harness.js';

/** getAccessToken with a valid cached token, in memory. */
export async function accessTokenBench(): Promise<BenchResult> {
  const { gateway, app, close } = await benchContext();
  try {
    const tokens = app.get(TokenService);
    await tokens.exchangeCode(gateway.issueCode(BENCH_APP.appKey));
    const bench = new Bench({ time: 2000, warmupTime: 500 });
    bench.add('getAccessToken (valid, cached)', async () => {
      await tokens.getAccessToken('4641738246');
    });
    await bench.run();
    const hz = bench.tasks[0].result?.throughput.mean ?? 0;
    return {
      name: 'getAccessToken',
      figure: perSecond(hz),
      goal: '≥ 500,000/s',
      met: hz >= 500_000,
      detail: 'MemoryTokenStore, token far from expiry',
    };
  } finally {
    await close();
  }
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Heap bytes per stored account in MemoryTokenStore at 100k accounts. */
export async function memoryBench(): Promise<BenchResult> {
  if (!gc) throw new Error('run with node --expose-gc');
  const count = 100_000;
  const store = new MemoryTokenStore();
  gc();
  const before = process.memoryUsage().heapUsed;
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    const token: StoredToken = {
      accountId: String(4_000_000_000 + i),
      sellerId: String(4_000_000_000 + i),
      userNick: `nick${i}`,
      account: `buyer${i}@example.com`,
      accountPlatform: 'buyerApp',
      accessToken: `50000${randomBytes(24).toString('hex')}`,
      refreshToken: `50001${randomBytes(24).toString('hex')}`,
      accessExpiresAt: now + 30 * 86_400_000,
      refreshExpiresAt: now + 60 * 86_400_000,
      issuedAt: now,
      version: 1,
      reauthorizationRequired: false,
    };
    await store.set(token);
  }
  gc();
  const perAccount = (process.memoryUsage().heapUsed - before) / count;
  if ((await store.list()).length !== count) throw new Error('lost accounts');
  return {
    name: 'memory per account',
    figure: `${Math.round(perAccount)} bytes`,
    goal: 'reported',
    met: true,
    detail: `MemoryTokenStore, ${count.toLocaleString('en-US')} accounts, 53-character tokens, heap delta after GC`,
  };
}
