import { HttpService } from '@nestjs/axios';
import type { AxiosAdapter } from 'axios';
import {
  DropshippingService,
  SignatureService,
  TokenService,
  parseGatewayJson,
  signParams,
} from 'nestjs-aliexpress';
import { Agent, request } from 'node:http';
import { Bench } from 'tinybench';
// stages the library runs inside getProduct, timed one by one to explain the figure
import { GetProductInput } from '../libs/aliexpress/src/dropshipping/dropshipping.inputs';
import { normalizeProduct } from '../libs/aliexpress/src/dropshipping/dropshipping.normalizer';
import { validateInput } from '../libs/aliexpress/src/dropshipping/input.validator';
import { readBusinessEnvelope } from '../libs/aliexpress/src/gateway/gateway-envelope.reader';
import { BENCH_APP, benchContext, type BenchResult } from './bench-harness';

const ACCOUNT = '4641738246';
const METHOD = 'aliexpress.ds.product.get';
const INPUT = { productId: '1005006154258794', shipToCountry: 'US' };

const micros = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
const meanOf = (bench: Bench, name: string) =>
  bench.tasks.find((t) => t.name === name)?.result?.latency.mean ?? 0;

/**
 * DropshippingService.getProduct against a raw keep-alive client posting a pre-signed request,
 * then each stage getProduct adds, timed alone, so the report shows where the time goes.
 */
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
      method: METHOD,
      product_id: INPUT.productId,
      ship_to_country: INPUT.shipToCountry,
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
    const answer = await raw();
    if (!answer.includes(`${METHOD.replace(/\./g, '_')}_response`))
      throw new Error('raw request refused');

    const bench = new Bench({ time: 4000, warmupTime: 1000 });
    bench
      .add('raw keep-alive client, pre-signed', async () => {
        await raw();
      })
      .add('raw client + lossless parse', async () => {
        parseGatewayJson(await raw());
      })
      .add('DropshippingService.getProduct', async () => {
        await dropshipping.getProduct(ACCOUNT, INPUT);
      });
    // the request log would grow without bound over thousands of calls
    bench.addEventListener('cycle', () => gateway.clearRequests());
    await bench.run();
    agent.destroy();

    const stages = await timeStages(
      app.get(HttpService),
      app.get(SignatureService),
      answer,
      params,
    );
    const floor = meanOf(bench, 'raw keep-alive client, pre-signed');
    const subject = meanOf(bench, 'DropshippingService.getProduct');
    const parsing = meanOf(bench, 'raw client + lossless parse');
    const ratio = subject / floor;
    const budget = floor * 0.15;
    return {
      name: 'per call',
      figure: `${ratio.toFixed(2)} × the raw client's time`,
      goal: '≤ 1.15 ×',
      met: ratio <= 1.15,
      detail: `getProduct ${(subject * 1000).toFixed(0)} µs/call, raw ${(floor * 1000).toFixed(0)} µs/call (mock gateway on loopback, sequential)`,
      breakdown: [
        ['raw client, pre-signed request (the floor)', micros(floor)],
        [
          'raw client that also parses the answer losslessly',
          `${micros(parsing)} (${(parsing / floor).toFixed(2)} ×)`,
        ],
        ['getProduct', `${micros(subject)} (${ratio.toFixed(2)} ×)`],
        ['budget the goal leaves for all client work', micros(budget)],
        ...stages.map(([stage, ms]): [string, string] => [
          `alone: ${stage}`,
          `${micros(ms)} (${((ms / budget) * 100).toFixed(0)} % of the budget)`,
        ]),
      ],
    };
  } finally {
    await close();
  }
}

/** Each stage getProduct adds to the raw round trip, timed alone (no network). */
async function timeStages(
  http: HttpService,
  signer: SignatureService,
  answer: string,
  params: Record<string, string>,
): Promise<Array<[string, number]>> {
  const immediate: AxiosAdapter = (config) =>
    Promise.resolve({ data: answer, status: 200, statusText: 'OK', headers: {}, config });
  const parsed = parseGatewayJson(answer);
  let clock = 1_796_000_000_000;
  const names = {
    parse: 'lossless parse of the answer (lossless-json)',
    native: 'JSON.parse of the same answer (not lossless, for comparison)',
    axios: "axios's request pipeline through HttpService (adapter answering at once)",
    sign: 'signing and form-encoding a fresh request',
    validate: 'input validation (class-validator)',
    normalize: 'envelope check and normalisation of the product',
  };
  const bench = new Bench({ time: 1000, warmupTime: 300 });
  bench
    .add(names.parse, () => {
      parseGatewayJson(answer);
    })
    .add(names.native, () => {
      JSON.parse(answer);
    })
    .add(names.axios, async () => {
      await http.axiosRef.request({
        method: 'POST',
        url: 'http://127.0.0.1/sync',
        data: 'a=1',
        adapter: immediate,
      });
    })
    .add(names.sign, () => {
      const signed = signer.signRequest({ ...params, timestamp: String(++clock) });
      const form = new URLSearchParams(signed.entries);
      form.append('sign', signed.sign);
      form.toString();
    })
    .add(names.validate, () => {
      validateInput(GetProductInput, INPUT);
    })
    .add(names.normalize, () => {
      normalizeProduct(readBusinessEnvelope(parsed, METHOD));
    });
  await bench.run();
  return Object.values(names).map((name) => [name, meanOf(bench, name)]);
}
