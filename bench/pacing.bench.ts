import { DropshippingService, TokenService } from 'nestjs-aliexpress';
import { BENCH_APP, benchContext, type BenchResult } from './bench-harness.js';

/** With the mock limited to N calls/s, a burst of 10·N calls through the pacer. */
export async function pacingBench(qps = 20): Promise<BenchResult> {
  const { gateway, app, close } = await benchContext({ qpsLimit: qps, retry: { maxRetries: 0 } });
  try {
    await app.get(TokenService).exchangeCode(gateway.issueCode(BENCH_APP.appKey));
    gateway.setQpsLimit(BENCH_APP.appKey, qps);
    gateway.clearRequests();
    const dropshipping = app.get(DropshippingService);
    const calls = 10 * qps;
    const started = performance.now();
    const results = await Promise.allSettled(
      Array.from({ length: calls }, () =>
        dropshipping.getProduct('4641738246', {
          productId: '1005006154258794',
          shipToCountry: 'US',
        }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const bans = gateway.requests().filter((r) => r.verdict === 'ApiCallLimit').length;
    const failed = results.filter((r) => r.status === 'rejected').length;
    // N+1 calls at the allowed rate span N intervals: the ideal burst of 10·N takes (10·N − 1)/N s
    const share = (calls - 1) / qps / seconds;
    return {
      name: 'pacing',
      figure: `${calls} calls in ${seconds.toFixed(2)} s (${(share * 100).toFixed(1)} % of the allowed rate)`,
      goal: '≈ 10 s, ≥ 95 %, no ApiCallLimit',
      met: share >= 0.95 && bans === 0 && failed === 0,
      detail: `mock limit ${qps}/s, qpsLimit ${qps}; ApiCallLimit answers: ${bans}; failed calls: ${failed}`,
    };
  } finally {
    await close();
  }
}
