import { createHmac } from 'node:crypto';
import { canonicalString, signParams } from 'nestjs-aliexpress';
import { Bench } from 'tinybench';
import { median, perSecond, type BenchResult } from './bench-harness.js';

const SECRET = 'bench-secret-3f9a';
const PARAMS = {
  app_key: '500102',
  format: 'json',
  method: 'aliexpress.ds.product.get',
  product_id: '1005006154258794',
  ship_to_country: 'US',
  target_currency: 'USD',
  target_language: 'en',
  session: '50000601c2a8f1e9d03b4e6a7f8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f7a8',
  sign_method: 'sha256',
  timestamp: '1796000000000',
};

/** signParams against the floor: a bare HMAC over the prebuilt canonical string. */
export async function signingBench(): Promise<BenchResult> {
  const canonical = canonicalString(PARAMS);
  let sink = '';
  const rounds: Array<[number, number]> = [];
  for (let round = 0; round < 5; round++) {
    const bench = new Bench({ time: 1000, warmupTime: 300 });
    bench
      .add('floor: createHmac over a prebuilt canonical string', () => {
        sink = createHmac('sha256', SECRET).update(canonical, 'utf8').digest('hex').toUpperCase();
      })
      .add('signParams(params, secret)', () => {
        sink = signParams(PARAMS, SECRET);
      });
    await bench.run();
    const [f, s] = bench.tasks.map((t) => t.result?.throughput.mean ?? 0);
    rounds.push([f, s]);
  }
  if (sink.length !== 64) throw new Error('unexpected sign');
  const ratio = median(rounds.map(([f, s]) => s / f));
  const floor = median(rounds.map(([f]) => f));
  const subject = median(rounds.map(([, s]) => s));
  return {
    name: 'signing',
    figure: `${ratio.toFixed(2)} × the floor`,
    goal: '≥ 0.80 × the floor',
    met: ratio >= 0.8,
    detail: `median of 5 rounds: signParams ${perSecond(subject)}, bare HMAC ${perSecond(floor)} (10 parameters)`,
  };
}
