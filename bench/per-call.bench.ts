import { DropshippingService, TokenService, signParams } from 'nestjs-aliexpress';
import { Agent, request } from 'node:http';
import { Bench } from 'tinybench';
import { BENCH_APP, benchContext, type BenchResult } from './bench-harness';

const ACCOUNT = '4641738246';

/** DropshippingService.getProduct against a raw keep-alive client posting a pre-signed request. */
export async function perCallBench(): Promise<BenchResult> {
  const { gateway, app, close } = await benchContext();
  try {
    const tokens = app.get(TokenService);
    await tokens.exchangeCode(gateway.issueCode(BENCH_APP.appKey));
    const accessToken = await tokens.getAccessToken(ACCOUNT);
    const dropshipping = app.get(DropshippingService);

    const params = {
      app_key: BENCH_APP.appKey,
      format: 'json',
      method: 'aliexpress.ds.product.get',
      product_id: '1005006154258794',
      ship_to_country: 'US',
      session: accessToken,
      sign_method: 'sha256',
      timestamp: String(gateway.now()),
    };
    const body = new URLSearchParams({
      ...params,
      sign: signParams(params, BENCH_APP.appSecret),
    }).toString();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const { hostname, port } = new URL(gateway.url);
    const raw = () =>
      new Promise<string>((resolve, reject) => {
        const req = request(
          {
            host: hostname,
            port,
            path: '/sync',
            method: 'POST',
            agent,
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              'content-length': Buffer.byteLength(body),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    if (!(await raw()).includes('aliexpress_ds_product_get_response'))
      throw new Error('raw request refused');

    const bench = new Bench({ time: 4000, warmupTime: 1000 });
    bench
      .add('raw keep-alive client, pre-signed', async () => {
        await raw();
      })
      .add('DropshippingService.getProduct', async () => {
        await dropshipping.getProduct(ACCOUNT, {
          productId: '1005006154258794',
          shipToCountry: 'US',
        });
      });
    // the request log would grow without bound over thousands of calls
    bench.addEventListener('cycle', () => gateway.clearRequests());
    await bench.run();
    agent.destroy();
    const [floor, subject] = bench.tasks.map((t) => t.result?.latency.mean ?? 0);
    const ratio = subject / floor;
    return {
      name: 'per call',
      figure: `${ratio.toFixed(2)} × the raw client's time`,
      goal: '≤ 1.15 ×',
      met: ratio <= 1.15,
      detail: `getProduct ${(subject * 1000).toFixed(0)} µs/call, raw ${(floor * 1000).toFixed(0)} µs/call (mock gateway on loopback, sequential)`,
    };
  } finally {
    await close();
  }
}
